package io.parley.audio;

/**
 * A fixed gain in decibels, applied to samples in place with saturation (no wrap-around).
 * Chosen once (for example the "ducked" level of the original voice); {@link #UNITY} leaves
 * samples exactly as they are. Immutable; no allocation.
 */
public final class Gain {
    public static final Gain UNITY = new Gain(0);

    private final double db;
    private final float factor;

    public Gain(double db) {
        if (Double.isNaN(db) || db > 40) {
            throw new IllegalArgumentException(
                    "gain " + db + " dB is out of range: use a finite value up to +40 dB" + " (-Infinity silences)");
        }
        this.db = db;
        this.factor = (float) dbToLinear(db);
    }

    /** The amplitude factor of a gain in decibels: 0 dB is 1, -6.02 dB is 0.5, -Infinity is 0. */
    public static double dbToLinear(double db) {
        return Math.pow(10, db / 20);
    }

    public double db() {
        return db;
    }

    public double factor() {
        return factor;
    }

    /** Multiplies {@code samples[off..off+len)} by the gain, rounding and saturating. */
    public void apply(short[] samples, int off, int len) {
        float f = factor;
        for (int i = off; i < off + len; i++) {
            samples[i] = saturate(Math.round(samples[i] * f));
        }
    }

    static short saturate(int value) {
        return (short) Math.clamp(value, Short.MIN_VALUE, Short.MAX_VALUE);
    }

    @Override
    public String toString() {
        return db + " dB";
    }
}
