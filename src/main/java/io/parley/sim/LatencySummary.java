package io.parley.sim;

import java.util.Arrays;

/**
 * Percentiles of a set of latencies in milliseconds (nearest rank). Empty sets give NaN.
 *
 * @param count how many latencies
 */
public record LatencySummary(int count, double p50Millis, double p99Millis, double maxMillis) {
    public static final LatencySummary NONE = new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN);

    public static LatencySummary of(double[] millis) {
        if (millis.length == 0) {
            return NONE;
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new LatencySummary(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
    }

    private static double rank(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.clamp(index, 0, sorted.length - 1)];
    }

    /** "p50 41.2 ms, p99 44.9 ms (120 bursts)", or "not measured". */
    public String describe() {
        return count == 0
                ? "not measured (no tone bursts heard)"
                : String.format(
                        "p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d bursts)", p50Millis, p99Millis, maxMillis, count);
    }
}
