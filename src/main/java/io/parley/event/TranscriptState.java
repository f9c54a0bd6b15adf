package io.parley.event;

/**
 * Whether a bridge's transcript log is being written. Published when writing starts failing (a
 * full or read-only disk), while it fails (as lines wait), and when it works again.
 *
 * @param file    the transcript file
 * @param writing false while lines cannot be written
 * @param detail  why not (the system's error), empty while writing works
 * @param pending lines waiting to be written once it works again
 * @param lost    lines given up since the start, because too many were waiting
 */
public record TranscriptState(
        long at, String bridge, String file, boolean writing, String detail, long pending, long lost)
        implements ParleyEvent {}
