package io.parley.audio;

/**
 * Sums two signals with a fixed gain on each, saturating: for example the original voice ducked
 * under its translation. Immutable; no allocation; the output may be either input array.
 */
public final class Mixer {
    public static final Mixer UNITY = new Mixer(Gain.UNITY, Gain.UNITY);

    private final Gain firstGain;
    private final Gain secondGain;
    private final float firstFactor;
    private final float secondFactor;

    public Mixer(Gain firstGain, Gain secondGain) {
        this.firstGain = firstGain;
        this.secondGain = secondGain;
        this.firstFactor = (float) firstGain.factor();
        this.secondFactor = (float) secondGain.factor();
    }

    public Gain firstGain() {
        return firstGain;
    }

    public Gain secondGain() {
        return secondGain;
    }

    /** {@code out[outOff + i] = first[firstOff + i] * firstGain + second[secondOff + i] * secondGain}, saturated. */
    public void mix(short[] first, int firstOff, short[] second, int secondOff, short[] out, int outOff, int len) {
        float g1 = firstFactor;
        float g2 = secondFactor;
        for (int i = 0; i < len; i++) {
            out[outOff + i] = Gain.saturate(Math.round(first[firstOff + i] * g1 + second[secondOff + i] * g2));
        }
    }
}
