package io.parley.monitor;

import java.util.Arrays;
import java.util.List;

/**
 * Counts of durations in fixed buckets, for the dashboard's histogram and {@code /status}.
 * (Prometheus gets its own histograms from Micrometer.) Not thread-safe.
 */
final class LatencyHistogram {

    /** Upper bounds of the buckets, milliseconds; a last bucket holds everything above. */
    static final long[] BOUNDS_MILLIS = {100, 250, 500, 750, 1000, 1500, 2000, 3000, 4000, 6000};

    private final long[] counts = new long[BOUNDS_MILLIS.length + 1];
    private long count;
    private long sumMillis;

    void record(long millis) {
        int i = Arrays.binarySearch(BOUNDS_MILLIS, millis);
        int bucket = i >= 0 ? i : -i - 1;
        counts[bucket]++;
        count++;
        sumMillis += millis;
    }

    StatusDocument.Histogram view() {
        return new StatusDocument.Histogram(count, sumMillis, Arrays.stream(counts).boxed().toList());
    }

    static List<Long> bounds() {
        return Arrays.stream(BOUNDS_MILLIS).boxed().toList();
    }
}
