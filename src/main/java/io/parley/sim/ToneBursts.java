package io.parley.sim;

import io.parley.audio.ToneGenerator;
import java.util.Arrays;

/**
 * A sine tone switched on and off in a fixed pattern (on for {@code onMillis}, off for
 * {@code offMillis}); with {@code offMillis} 0 it is a continuous tone. Each burst starts on a frame
 * boundary, so its first frame is the one latency is measured from. The tone's phase runs on
 * through the pauses. No allocation per frame.
 */
public final class ToneBursts implements Source {
    /** Peak level of the simulated callers' tones: loud, well clear of clipping after G.711. */
    public static final double LEVEL_DBFS = -10;
    /** The load and simulate pattern: bursts about 300 ms apart, so that a heard burst matches one sent. */
    public static final int ON_MILLIS = 200;

    public static final int OFF_MILLIS = 120;

    private final ToneGenerator tone;
    private final double frequencyHz;
    private final int onFrames;
    private final int cycleFrames;
    private final int onMillis;
    private final int offMillis;
    private int position;

    public ToneBursts(int sampleRate, double frequencyHz, int onMillis, int offMillis) {
        if (onMillis <= 0 || onMillis % 20 != 0 || offMillis < 0 || offMillis % 20 != 0) {
            throw new IllegalArgumentException("tone bursts of " + onMillis + " ms on, " + offMillis
                    + " ms off: both must be multiples of 20 ms, on at least 20");
        }
        this.tone = new ToneGenerator(sampleRate, frequencyHz, LEVEL_DBFS);
        this.frequencyHz = frequencyHz;
        this.onMillis = onMillis;
        this.offMillis = offMillis;
        this.onFrames = onMillis / 20;
        this.cycleFrames = (onMillis + offMillis) / 20;
    }

    /** The standard pattern of {@link #ON_MILLIS}/{@link #OFF_MILLIS}. */
    public static ToneBursts standard(int sampleRate, double frequencyHz) {
        return new ToneBursts(sampleRate, frequencyHz, ON_MILLIS, OFF_MILLIS);
    }

    /** A tone that never stops; only its first frame is an onset. */
    public static ToneBursts continuous(int sampleRate, double frequencyHz) {
        return new ToneBursts(sampleRate, frequencyHz, 20, 0);
    }

    @Override
    public boolean next(short[] frame, int samples) {
        int p = position;
        position = offMillis == 0 ? 1 : (p + 1) % cycleFrames;
        if (offMillis == 0 || p < onFrames) {
            tone.fill(frame, 0, samples);
        } else {
            Arrays.fill(frame, 0, samples, (short) 0);
        }
        return p == 0;
    }

    @Override
    public double frequencyHz() {
        return frequencyHz;
    }

    /** Time from one burst's start to the next. */
    public int periodMillis() {
        return onMillis + offMillis;
    }

    @Override
    public String describe() {
        return offMillis == 0
                ? String.format("%.1f Hz tone", frequencyHz)
                : String.format("%.1f Hz bursts %d/%d ms", frequencyHz, onMillis, offMillis);
    }
}
