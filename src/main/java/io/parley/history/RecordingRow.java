package io.parley.history;

/**
 * A WAV recording of one leg of a call: {@code kind} is {@code said} (the caller's own voice) or
 * {@code heard} (what parley sent them). {@code path} is relative to the recordings directory of
 * the node that made it.
 */
public record RecordingRow(
        String callId, String extension, String kind, String path, long startedAt, long durationMillis, int sampleRate)
        implements Write {}
