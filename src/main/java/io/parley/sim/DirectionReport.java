package io.parley.sim;

import io.parley.audio.Tone;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/**
 * One direction of a simulated call: the speaker's audio as the listener heard it.
 *
 * @param from           the speaker
 * @param to             the listener
 * @param framesSent     frames the speaker sent (including those the simulated network dropped)
 * @param framesDropped  frames the simulated network dropped on the way to parley
 * @param framesHeard    RTP frames that reached the listener's socket
 * @param latencyMillis  one-way latency of each measured tone burst: the listener's socket receiving
 *                       the burst's first loud frame minus the speaker sending its first frame
 * @param expectedHz     the speaker's tone frequency (NaN when it plays a recording)
 * @param tone           the tone the listener heard, if any
 * @param toleranceHz    how far the heard frequency may be from the expected one
 */
public record DirectionReport(
        String from,
        String to,
        long framesSent,
        long framesDropped,
        long framesHeard,
        double[] latencyMillis,
        double expectedHz,
        Optional<Tone> tone,
        double toleranceHz) {
    /** The share of frames parley may lose before a simulated call fails: 1 %. */
    public static final double DEFAULT_MAX_LOSS = 0.01;

    /**
     * Analyses what {@code listener} heard of {@code speaker}; only bursts said at or after
     * {@code fromNanos} count for latency (skip the start-up).
     */
    public static DirectionReport of(
            SimulatedCaller speaker, SimulatedCaller listener, long fromNanos, double toleranceHz) {
        return of(speaker, listener, fromNanos, toleranceHz, FrameCounts.ZERO);
    }

    /** The same, counting only the frames after {@code baseline} (taken while nothing was in flight). */
    public static DirectionReport of(
            SimulatedCaller speaker,
            SimulatedCaller listener,
            long fromNanos,
            double toleranceHz,
            FrameCounts baseline) {
        int period = speaker.settings().source() instanceof ToneBursts b ? b.periodMillis() : 0;
        double[] latencies = period == 0
                ? new double[0]
                : OnsetMatch.latenciesMillis(
                        speaker.saidOnsets(), listener.heard().onsets(), fromNanos, period * 1_000_000L);
        Optional<Tone> tone = listener.heard().tone();
        FrameCounts now = FrameCounts.between(speaker, listener);
        return new DirectionReport(
                speaker.name(),
                listener.name(),
                now.sent() - baseline.sent(),
                now.dropped() - baseline.dropped(),
                now.heard() - baseline.heard(),
                latencies,
                speaker.frequencyHz(),
                tone,
                toleranceHz);
    }

    /** Frames sent that the listener never received (parley conceals single losses, so this counts what it could not). */
    public long framesMissing() {
        return Math.max(0, framesSent - framesHeard);
    }

    public double missingRatio() {
        return framesSent == 0 ? 0 : (double) framesMissing() / framesSent;
    }

    /**
     * The share of the frames that reached parley (sent, less those the simulated network dropped)
     * that the listener never received: what parley lost, whatever loss was simulated. Concealment
     * of a simulated loss can make the listener hear more than reached parley; that counts as none.
     */
    public double parleyLossRatio() {
        long reached = framesSent - framesDropped;
        return reached <= 0 ? 0 : (double) Math.max(0, reached - framesHeard) / reached;
    }

    public LatencySummary latency() {
        return LatencySummary.of(latencyMillis);
    }

    public boolean toneExpected() {
        return !Double.isNaN(expectedHz);
    }

    /** Whether the listener heard the speaker's tone at its frequency (true when no tone was expected). */
    public boolean toneHeard() {
        return !toneExpected() || tone.isPresent() && Math.abs(tone.get().frequencyHz() - expectedHz) <= toleranceHz;
    }

    /** Why audio did not pass this way (parley lost more than {@code maxLoss} of the frames), or empty when it did. */
    public Optional<String> failure(double maxLoss) {
        String way = from + " -> " + to + ": ";
        if (framesHeard == 0) {
            return Optional.of(way + to + " heard nothing");
        }
        if (parleyLossRatio() > maxLoss) {
            long reached = framesSent - framesDropped;
            return Optional.of(String.format(
                    Locale.ROOT,
                    "%sparley lost %.1f%% of the frames (%s heard %d of the %d that reached it), more than the %s allowed"
                            + " (--max-loss)",
                    way,
                    100 * parleyLossRatio(),
                    to,
                    Math.min(framesHeard, reached),
                    reached,
                    percent(maxLoss)));
        }
        if (!toneHeard()) {
            return Optional.of(way
                    + tone.map(t -> String.format(
                                    "%s heard %.1f Hz, expected %.1f Hz (%s's tone)",
                                    to, t.frequencyHz(), expectedHz, from))
                            .orElse(String.format("%s heard no tone, expected %.1f Hz", to, expectedHz)));
        }
        return Optional.empty();
    }

    /** Why audio did not pass this way, with the default allowance of {@link #DEFAULT_MAX_LOSS}. */
    public Optional<String> failure() {
        return failure(DEFAULT_MAX_LOSS);
    }

    static String percent(double ratio) {
        return String.format(
                Locale.ROOT,
                "%s%%",
                BigDecimal.valueOf(100 * ratio).stripTrailingZeros().toPlainString());
    }

    /** The heard tone in a few words: "600.0 Hz (expected 600.0 Hz, ok)". */
    public String describeTone() {
        if (!toneExpected()) {
            return tone.map(t -> String.format("%.1f Hz (a recording was played: not checked)", t.frequencyHz()))
                    .orElse("none (a recording was played: not checked)");
        }
        return tone.map(t -> String.format(
                        "%.1f Hz (expected %.1f Hz, %s)", t.frequencyHz(), expectedHz, toneHeard() ? "ok" : "WRONG"))
                .orElse(String.format("none (expected %.1f Hz)", expectedHz));
    }
}
