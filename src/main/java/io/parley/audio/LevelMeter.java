package io.parley.audio;

/**
 * Levels of a block of samples in dBFS, relative to 32768: a full-scale square wave is 0 dBFS
 * RMS, a full-scale sine -3 dBFS RMS and 0 dBFS peak. Silence gives {@link #FLOOR_DBFS}, never
 * {@code -Infinity}. No allocation; thread-safe.
 */
public final class LevelMeter {
    /** What silence measures: below one least-significant bit (-90.3 dBFS). */
    public static final double FLOOR_DBFS = -96;

    private LevelMeter() {}

    /** Root-mean-square level of {@code samples[off..off+len)}. */
    public static double rmsDbfs(short[] samples, int off, int len) {
        if (len <= 0) {
            return FLOOR_DBFS;
        }
        long sum = 0;
        for (int i = off; i < off + len; i++) {
            sum += samples[i] * samples[i];
        }
        return powerToDbfs((double) sum / len);
    }

    /** Peak level of {@code samples[off..off+len)}. */
    public static double peakDbfs(short[] samples, int off, int len) {
        int peak = 0;
        for (int i = off; i < off + len; i++) {
            peak = Math.max(peak, Math.abs(samples[i]));
        }
        return toDbfs(peak);
    }

    /** An amplitude in sample units (0..32768) in dBFS, floored. */
    public static double toDbfs(double amplitude) {
        return amplitude <= 0 ? FLOOR_DBFS : Math.max(FLOOR_DBFS, 20 * Math.log10(amplitude / 32768));
    }

    /** A mean square in sample units squared in dBFS, floored. */
    public static double powerToDbfs(double meanSquare) {
        return meanSquare <= 0 ? FLOOR_DBFS : Math.max(FLOOR_DBFS, 10 * Math.log10(meanSquare / (32768.0 * 32768.0)));
    }
}
