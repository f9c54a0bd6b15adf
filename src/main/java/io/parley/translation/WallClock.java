package io.parley.translation;

/** Converts the monotonic clock of the media path into wall-clock milliseconds for events. */
final class WallClock {
    private static final long OFFSET_MILLIS = System.currentTimeMillis() - System.nanoTime() / 1_000_000;

    private WallClock() {}

    static long millis(long nanoTime) {
        return OFFSET_MILLIS + nanoTime / 1_000_000;
    }
}
