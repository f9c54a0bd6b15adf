package io.parley.sim;

import java.util.Arrays;

/**
 * Pairs tone bursts heard with the bursts said: each heard onset belongs to the latest burst said
 * at or before it, if that was less than one burst period earlier and not already claimed. With
 * bursts about 300 ms apart and latencies of tens of milliseconds, the pairing is unambiguous.
 */
final class OnsetMatch {
    private OnsetMatch() {}

    /** Latency in milliseconds of every measurable burst said at or after {@code fromNanos} that was heard. */
    static double[] latenciesMillis(OnsetLog said, OnsetLog heard, long fromNanos, long periodNanos) {
        double[] out = new double[heard.size()];
        int n = 0;
        int lastClaimed = -1;
        for (int h = 0; h < heard.size(); h++) {
            long t = heard.time(h);
            int s = said.lastAtOrBefore(t);
            if (s < 0 || s == lastClaimed) {
                continue;
            }
            long sentAt = said.time(s);
            if (t - sentAt < periodNanos && sentAt >= fromNanos && said.measurable(s)) {
                out[n++] = (t - sentAt) / 1e6;
            }
            if (t - sentAt < periodNanos) {
                lastClaimed = s;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
