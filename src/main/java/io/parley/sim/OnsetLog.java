package io.parley.sim;

import java.util.Arrays;

/**
 * The times of tone-burst onsets, sent or heard, in a fixed-capacity log allocated up front.
 * Each onset may be marked as not measurable (its first frame was dropped on the way, so the
 * listener cannot hear it start on time).
 *
 * <p>Threading contract: one thread {@link #add}s; others read {@link #size()} and the entries
 * below it (the count is published after the entry is written). Entries beyond the capacity are
 * counted, not stored.
 */
public final class OnsetLog {
    private final long[] times;
    private final boolean[] measurable;
    private volatile int size;
    private volatile long overflow;

    public OnsetLog(int capacity) {
        this.times = new long[capacity];
        this.measurable = new boolean[capacity];
    }

    /** Capacity for a run of {@code seconds} of bursts {@code periodMillis} apart, with room to spare. */
    public static OnsetLog forRun(int seconds, int periodMillis) {
        return new OnsetLog(seconds * 1000 / Math.max(20, periodMillis) * 2 + 64);
    }

    public void add(long nanos, boolean isMeasurable) {
        int n = size;
        if (n == times.length) {
            overflow++;
            return;
        }
        times[n] = nanos;
        measurable[n] = isMeasurable;
        size = n + 1;
    }

    public int size() {
        return size;
    }

    public long time(int index) {
        return times[index];
    }

    public boolean measurable(int index) {
        return measurable[index];
    }

    /** Onsets that did not fit. */
    public long overflow() {
        return overflow;
    }

    /** Index of the last onset at or before {@code nanos} (times are ascending), or -1. */
    int lastAtOrBefore(long nanos) {
        int n = size;
        int i = Arrays.binarySearch(times, 0, n, nanos);
        if (i >= 0) {
            while (i + 1 < n && times[i + 1] == nanos) {
                i++;
            }
            return i;
        }
        return -i - 2;
    }
}
