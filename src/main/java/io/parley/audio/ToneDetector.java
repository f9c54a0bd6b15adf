package io.parley.audio;

import java.util.Optional;

/**
 * Finds the dominant tone of a block of samples and says whether a tone is there at all.
 * <p>A Hann-windowed scan at the block's bin spacing (Goertzel, 50 Hz to 0.95 of Nyquist),
 * parabolic interpolation of the log magnitude around the strongest bin, then a golden-section
 * search of the exact peak: better than ±1 Hz for a clean tone of 100 ms or more at 8 or 16 kHz.
 * Blocks longer than {@value #MAX_ANALYSED} samples are analysed in their middle part. A tone is
 * "present" when it holds at least {@code minPurity} of the block's power and is louder than
 * {@code minLevelDbfs}. For tests and the simulator, not the media path: it costs milliseconds.
 * Not thread-safe (it keeps a scratch buffer).
 */
public final class ToneDetector {
    static final int MAX_ANALYSED = 4096;
    private static final double LOWEST_HZ = 50;
    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

    private final int sampleRate;
    private final double minPurity;
    private final double minLevelDbfs;
    private final double[] windowed = new double[MAX_ANALYSED];

    /** Presence: at least half the power in the tone, louder than -60 dBFS. */
    public ToneDetector(int sampleRate) {
        this(sampleRate, 0.5, -60);
    }

    public ToneDetector(int sampleRate, double minPurity, double minLevelDbfs) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        this.sampleRate = sampleRate;
        this.minPurity = minPurity;
        this.minLevelDbfs = minLevelDbfs;
    }

    /** The dominant tone of {@code samples[off..off+len)}, if one is present. */
    public Optional<Tone> detect(short[] samples, int off, int len) {
        Tone tone = strongest(samples, off, len);
        boolean present = tone.purity() >= minPurity && tone.levelDbfs() >= minLevelDbfs;
        return present ? Optional.of(tone) : Optional.empty();
    }

    /** The strongest sinusoidal component, present or not; needs at least 32 samples. */
    public Tone strongest(short[] samples, int off, int len) {
        if (len < 32) {
            throw new IllegalArgumentException("tone detection needs at least 32 samples, got " + len);
        }
        int n = Math.min(len, MAX_ANALYSED);
        int start = off + (len - n) / 2;
        double windowSum = 0;
        double power = 0;
        for (int i = 0; i < n; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / n);
            windowed[i] = w * samples[start + i];
            windowSum += w;
            power += w * samples[start + i] * (double) samples[start + i];
        }
        double bin = (double) sampleRate / n;
        int first = (int) Math.ceil(LOWEST_HZ / bin);
        int last = (int) Math.floor(0.95 * sampleRate / 2 / bin);
        int best = first;
        double bestMagnitude = -1;
        for (int k = first; k <= last; k++) {
            double m = magnitude(n, k * bin);
            if (m > bestMagnitude) {
                bestMagnitude = m;
                best = k;
            }
        }
        double estimate = best * bin;
        if (best > first && best < last) {
            double a = Math.log(magnitude(n, (best - 1) * bin) + 1e-9);
            double b = Math.log(bestMagnitude + 1e-9);
            double c = Math.log(magnitude(n, (best + 1) * bin) + 1e-9);
            double denominator = a - 2 * b + c;
            if (denominator < 0) {
                estimate += 0.5 * (a - c) / denominator * bin;
            }
        }
        double frequency = refine(n, estimate - 0.5 * bin, estimate + 0.5 * bin);
        double amplitude = 2 * magnitude(n, frequency) / windowSum;
        double meanSquare = power / windowSum;
        double purity = meanSquare == 0 ? 0 : Math.min(1, amplitude * amplitude / 2 / meanSquare);
        return new Tone(frequency, LevelMeter.toDbfs(amplitude / 32767 * 32768), purity);
    }

    /** Golden-section search for the magnitude's peak inside [lo, hi], which holds one peak. */
    private double refine(int n, double lo, double hi) {
        double x1 = hi - GOLDEN * (hi - lo);
        double x2 = lo + GOLDEN * (hi - lo);
        double f1 = magnitude(n, x1);
        double f2 = magnitude(n, x2);
        while (hi - lo > 0.01) {
            if (f1 < f2) {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + GOLDEN * (hi - lo);
                f2 = magnitude(n, x2);
            } else {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - GOLDEN * (hi - lo);
                f1 = magnitude(n, x1);
            }
        }
        return (lo + hi) / 2;
    }

    /** |DTFT| of the windowed samples at a frequency, by Goertzel's recurrence. */
    private double magnitude(int n, double frequencyHz) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequencyHz / sampleRate);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double s0 = windowed[i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return Math.sqrt(Math.max(0, power));
    }

    /**
     * Peak amplitude (in sample units) of the component at one frequency, Hann-windowed over the
     * whole block. For measuring a known tone, such as a filter's response.
     */
    public static double amplitude(short[] samples, int off, int len, int sampleRate, double frequencyHz) {
        double omega = 2 * Math.PI * frequencyHz / sampleRate;
        double re = 0;
        double im = 0;
        double windowSum = 0;
        for (int i = 0; i < len; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / len);
            re += w * samples[off + i] * Math.cos(omega * i);
            im -= w * samples[off + i] * Math.sin(omega * i);
            windowSum += w;
        }
        return 2 * Math.hypot(re, im) / windowSum;
    }
}
