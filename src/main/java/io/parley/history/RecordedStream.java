package io.parley.history;

import io.parley.audio.WavWriter;
import io.parley.leg.Frames;
import io.parley.log.KeyValueLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One recorded stream (what one leg's caller said, or heard) on the recorder's thread: takes the
 * frames its {@link FrameRing} collected and writes them to the WAV file of the bridge's current
 * call. Between calls it keeps the last {@link #PREROLL} frames, since a call is known to have
 * started a moment after its first audio. Silence where no frame came (a mixing bridge sends no
 * packets while nobody speaks) is written as such, so that the said and heard files of a leg stay
 * in step with the call's clock.
 */
final class RecordedStream {
    private static final Logger LOG = LoggerFactory.getLogger(RecordedStream.class);
    static final int PREROLL = 25;
    private static final long FRAME_NANOS = Frames.MILLIS * 1_000_000L;
    /** A gap longer than this is not filled (the caller was away): at most a minute of silence. */
    private static final long MAX_GAP_FRAMES = 3_000;

    private static final short[] SILENCE = new short[Frames.SAMPLES];

    final String bridge;
    final String extension;
    final String kind;
    final FrameRing ring;
    private final Path dir;
    private final short[][] preroll = new short[PREROLL][Frames.SAMPLES];
    private final boolean[] prerollSilent = new boolean[PREROLL];
    private final long[] prerollNanos = new long[PREROLL];
    private int prerollCount;
    private int prerollNext;
    private String callId;
    private String failedCall;
    /** When calls ended (wall milliseconds), by id, as the tracker said. */
    private final Map<String, Long> ends;

    private WavWriter file;
    private String path;
    private long startedAt;
    private long firstNanos;
    private long framesWritten;
    private long framesLost;

    RecordedStream(String bridge, String extension, String kind, FrameRing ring, Path dir, Map<String, Long> ends) {
        this.ends = ends;
        this.bridge = bridge;
        this.extension = extension;
        this.kind = kind;
        this.ring = ring;
        this.dir = dir;
    }

    /**
     * Moves what the ring holds to the file of {@code call} (null between calls).
     *
     * @param out       receives the recording's row when a file is opened and when it is closed
     * @param wallNow   wall-clock milliseconds now, and {@code nanoNow} the monotonic time now, to date frames
     */
    void pump(Recorder.Active call, Consumer<Write> out, long wallNow, long nanoNow) {
        String wanted = call == null ? null : call.callId();
        if (callId != null && !callId.equals(wanted)) {
            finish(out, ends.getOrDefault(callId, Long.MAX_VALUE));
        }
        if (wanted != null && callId == null && !wanted.equals(failedCall)) {
            open(call, out, wallNow, nanoNow);
        }
        ring.drain((frame, at) -> {
            if (wanted == null) {
                keep(frame, at);
                return;
            }
            if (wanted.equals(failedCall)) {
                framesLost++;
                return;
            }
            write(frame, at, out);
        });
    }

    private void keep(short[] frame, long at) {
        int slot = prerollNext;
        prerollSilent[slot] = frame == null;
        if (frame != null) {
            System.arraycopy(frame, 0, preroll[slot], 0, Frames.SAMPLES);
        }
        prerollNanos[slot] = at;
        prerollNext = (prerollNext + 1) % PREROLL;
        prerollCount = Math.min(PREROLL, prerollCount + 1);
    }

    private void open(Recorder.Active call, Consumer<Write> out, long wallNow, long nanoNow) {
        callId = call.callId();
        int first = (prerollNext - prerollCount + PREROLL) % PREROLL;
        firstNanos = prerollCount > 0 ? prerollNanos[first] : nanoNow;
        startedAt = wallNow - (nanoNow - firstNanos) / 1_000_000L;
        String day = Instant.ofEpochMilli(startedAt)
                .atZone(ZoneOffset.UTC)
                .toLocalDate()
                .toString();
        path = day + "/" + callId + "-" + extension + "-" + kind + ".wav";
        framesWritten = 0;
        try {
            Files.createDirectories(dir.resolve(day));
            file = new WavWriter(dir.resolve(path), Frames.RATE);
        } catch (IOException e) {
            fail(e);
            return;
        }
        out.accept(row(0));
        int n = prerollCount;
        prerollCount = 0;
        for (int i = 0; i < n; i++) {
            int slot = (first + i) % PREROLL;
            write(prerollSilent[slot] ? null : preroll[slot], prerollNanos[slot], out);
        }
    }

    private void write(short[] frame, long at, Consumer<Write> out) {
        if (file == null) {
            framesLost++;
            return;
        }
        try {
            // Fill the silence the leg did not send, once the file lags its clock by more than two frames.
            long due = (at - firstNanos) / FRAME_NANOS;
            if (due - framesWritten > 2) {
                long gap = Math.min(due - framesWritten, MAX_GAP_FRAMES);
                for (long i = 0; i < gap; i++) {
                    file.write(SILENCE, 0, Frames.SAMPLES);
                }
                framesWritten += gap;
            }
            file.write(frame == null ? SILENCE : frame, 0, Frames.SAMPLES);
            framesWritten++;
        } catch (IOException e) {
            fail(e);
        }
    }

    private void fail(IOException e) {
        framesLost++;
        LOG.warn(new KeyValueLine()
                .add("event", "recording_failed")
                .add("bridge", bridge)
                .add("leg", extension)
                .add("kind", kind)
                .add("call", callId)
                .add("error", e.getMessage())
                .add("note", "this recording stops here; the call goes on")
                .toString());
        failedCall = callId;
        closeQuietly();
    }

    /**
     * Closes the current call's file and reports its length. The file is cut at {@code endedAt}
     * (wall milliseconds): without signalling, the end of a call is known only some seconds after
     * its media stopped, and those seconds are not part of the call.
     */
    void finish(Consumer<Write> out, long endedAt) {
        if (callId == null) {
            return;
        }
        boolean written = file != null;
        if (written && endedAt != Long.MAX_VALUE) {
            long keep = Math.max(0, endedAt - startedAt) / Frames.MILLIS;
            if (keep < framesWritten) {
                try {
                    file.truncate(keep * Frames.SAMPLES);
                    framesWritten = keep;
                } catch (IOException e) {
                    LOG.warn(new KeyValueLine()
                            .add("event", "recording_trim_failed")
                            .add("file", path)
                            .add("error", e.getMessage())
                            .toString());
                }
            }
        }
        closeQuietly();
        if (written || framesWritten > 0) {
            out.accept(row(framesWritten * Frames.MILLIS));
        }
        callId = null;
    }

    private void closeQuietly() {
        if (file == null) {
            return;
        }
        try {
            file.close();
        } catch (IOException e) {
            LOG.warn(new KeyValueLine()
                    .add("event", "recording_close_failed")
                    .add("file", path)
                    .add("error", e.getMessage())
                    .toString());
        }
        file = null;
    }

    private RecordingRow row(long durationMillis) {
        return new RecordingRow(callId, extension, kind, path, startedAt, durationMillis, Frames.RATE);
    }

    /** Whether this stream's file of call {@code id} is still open. */
    boolean recording(String id) {
        return id.equals(callId);
    }

    long framesLost() {
        return framesLost + ring.dropped();
    }
}
