package io.parley.audio;

/**
 * Sums two signals with a fixed gain on each, saturating: for example the original voice ducked
 * under its translation. Immutable; no allocation; the output may be either input array.
 */
public final class Mixer {
    public static final Mixer UNITY = new Mixer(Gain.UNITY, Gain.UNITY);

    private final Gain firstGain;
    private final Gain secondGain;
    private final float first;
    private final float second;

    public Mixer(Gain firstGain, Gain secondGain) {
        this.firstGain = firstGain;
        this.secondGain = secondGain;
        this.first = (float) firstGain.factor();
        this.second = (float) secondGain.factor();
    }

    public Gain firstGain() {
        return firstGain;
    }

    public Gain secondGain() {
        return secondGain;
    }

    /** {@code out[outOff + i] = first[firstOff + i] * g1 + second[secondOff + i] * g2}, saturated. */
    public void mix(short[] a, int aOff, short[] b, int bOff, short[] out, int outOff, int len) {
        float g1 = first;
        float g2 = second;
        for (int i = 0; i < len; i++) {
            out[outOff + i] = Gain.saturate(Math.round(a[aOff + i] * g1 + b[bOff + i] * g2));
        }
    }
}
