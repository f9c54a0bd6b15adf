package io.parley.monitor;

import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.IntCountsHistogram;

/**
 * A stage's durations as the dashboard's histogram and {@code /status} show them: counts in fixed
 * buckets, read from an HdrHistogram that keeps every millisecond up to {@link #MAX_MILLIS} exactly
 * (longer ones count in the last bucket), and their exact sum. (Prometheus gets its own histograms
 * from Micrometer.) Not thread-safe.
 */
final class LatencyHistogram {

    /** Upper bounds of the buckets, milliseconds; a last bucket holds everything above. */
    static final long[] BOUNDS_MILLIS = {100, 250, 500, 750, 1000, 1500, 2000, 3000, 4000, 6000};
    /** The longest duration kept to the millisecond: with 4 significant digits, one HdrHistogram bucket. */
    static final long MAX_MILLIS = 16_383;

    private final IntCountsHistogram histogram = new IntCountsHistogram(MAX_MILLIS, 4);
    private long sumMillis;

    void record(long millis) {
        histogram.recordValue(Math.clamp(millis, 0, MAX_MILLIS));
        sumMillis += millis;
    }

    StatusDocument.Histogram view() {
        Long[] counts = new Long[BOUNDS_MILLIS.length + 1];
        long from = 0;
        for (int i = 0; i < BOUNDS_MILLIS.length; i++) {
            counts[i] = histogram.getCountBetweenValues(from, BOUNDS_MILLIS[i]);
            from = BOUNDS_MILLIS[i] + 1;
        }
        counts[BOUNDS_MILLIS.length] = histogram.getCountBetweenValues(from, MAX_MILLIS);
        return new StatusDocument.Histogram(histogram.getTotalCount(), sumMillis, List.of(counts));
    }

    static List<Long> bounds() {
        return Arrays.stream(BOUNDS_MILLIS).boxed().toList();
    }
}
