package io.parley.sim;

import java.util.Arrays;
import java.util.Optional;

/**
 * The sums of a load run over every direction of every simulated call: frames, loss (frames that
 * never arrived, plus those parley's jitter buffer reported lost and concealed), latency and the
 * latency added beyond the sending leg's jitter-buffer target, tones heard wrong, and the worst pair.
 * Directions are "forward" (leg 0 to leg 1) or "back". Used by one thread.
 */
public final class LoadTally {
    private final long[] sent = new long[2];
    private final long[] heard = new long[2];
    private final long[] missing = new long[2];
    private final long[] parleyLost = new long[2];
    private final long[] parleyLate = new long[2];
    private final long[] parleyDiscarded = new long[2];
    private double[] latencies = new double[1024];
    private double[] added = new double[1024];
    private int latencyCount;
    private int addedCount;
    private int directions;
    private int toneWrong;
    private String firstToneWrong;
    private String worstPair;
    private double worstLoss = -1;
    private int unknownTargets;

    /**
     * @param pair    the bridge's name
     * @param forward whether this is leg 0 to leg 1
     * @param leg     the sending leg's statistics from parley's {@code /status}, if read
     */
    public void add(String pair, boolean forward, DirectionReport r, Optional<LegStatus> leg) {
        int d = forward ? 0 : 1;
        directions++;
        sent[d] += r.framesSent();
        heard[d] += r.framesHeard();
        missing[d] += r.framesMissing();
        long lost = leg.map(LegStatus::lost).orElse(0L);
        parleyLost[d] += lost;
        parleyLate[d] += leg.map(LegStatus::late).orElse(0L);
        parleyDiscarded[d] += leg.map(LegStatus::discarded).orElse(0L);
        double loss = r.framesSent() == 0 ? 0 : (double) (r.framesMissing() + lost) / r.framesSent();
        if (loss > worstLoss) {
            worstLoss = loss;
            worstPair = pair + " " + r.from() + " -> " + r.to();
        }
        if (!r.toneHeard()) {
            if (toneWrong++ == 0) {
                firstToneWrong = r.failure(1.0).orElse(pair); // the tone, not the loss (reported apart)
            }
        }
        double target = leg.map(LegStatus::bufferTargetMillis).orElse(Double.NaN);
        if (Double.isNaN(target)) {
            unknownTargets++;
        }
        for (double ms : r.latencyMillis()) {
            latencies = append(latencies, latencyCount++, ms);
            if (!Double.isNaN(target)) {
                added = append(added, addedCount++, ms - target);
            }
        }
    }

    private static double[] append(double[] a, int index, double value) {
        double[] out = index < a.length ? a : Arrays.copyOf(a, a.length * 2);
        out[index] = value;
        return out;
    }

    public int directions() {
        return directions;
    }

    public long sent(boolean forward) {
        return sent[forward ? 0 : 1];
    }

    public long heard(boolean forward) {
        return heard[forward ? 0 : 1];
    }

    /** Frames lost one way: never heard, or lost and concealed inside parley. */
    public long lost(boolean forward) {
        int d = forward ? 0 : 1;
        return missing[d] + parleyLost[d];
    }

    public long missing(boolean forward) {
        return missing[forward ? 0 : 1];
    }

    public long parleyLost(boolean forward) {
        return parleyLost[forward ? 0 : 1];
    }

    public long parleyLate(boolean forward) {
        return parleyLate[forward ? 0 : 1];
    }

    /** Packets the sending leg's jitter buffer held but never played; they are among the frames never heard. */
    public long parleyDiscarded(boolean forward) {
        return parleyDiscarded[forward ? 0 : 1];
    }

    public long sentTotal() {
        return sent[0] + sent[1];
    }

    public long heardTotal() {
        return heard[0] + heard[1];
    }

    public long lostTotal() {
        return lost(true) + lost(false);
    }

    public double lossRatio() {
        return sentTotal() == 0 ? 0 : (double) lostTotal() / sentTotal();
    }

    /** The direction that lost the largest share of its frames, e.g. "load-0042 100042 -> 200042". */
    public String worstPair() {
        return worstPair == null ? "none" : worstPair;
    }

    public double worstLossRatio() {
        return Math.max(0, worstLoss);
    }

    public int toneWrong() {
        return toneWrong;
    }

    /** The first direction whose listener heard the wrong tone, or none. */
    public Optional<String> firstToneWrong() {
        return Optional.ofNullable(firstToneWrong);
    }

    /** Directions whose sending leg's jitter-buffer target was not known (no /status). */
    public int unknownTargets() {
        return unknownTargets;
    }

    public LatencySummary latency() {
        return LatencySummary.of(Arrays.copyOf(latencies, latencyCount));
    }

    public LatencySummary added() {
        return LatencySummary.of(Arrays.copyOf(added, addedCount));
    }
}
