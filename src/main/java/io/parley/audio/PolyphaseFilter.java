package io.parley.audio;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The low-pass filter of a rational resampler, split into phases, in fixed point.
 * <p>Design: windowed sinc (Kaiser window, about 70 dB stop band) at the rate {@code from * up},
 * cut off at the lower Nyquist frequency, pass band flat to 0.85 of it, stop band from 1.15 of it.
 * Content between the lower Nyquist frequency and 1.15 times it aliases only above 0.85 of it, so
 * nothing lands in the pass band: this halves the taps (and the CPU) of a filter whose stop band
 * would start at the Nyquist frequency itself. Immutable; filters for a pair of rates are designed
 * once and shared by every resampler of that pair.
 */
final class PolyphaseFilter {
    private static final double STOP_BAND_DB = 70;
    private static final double PASS_BAND_EDGE = 0.85;
    private static final int MAX_PHASES = 1024;
    private static final ConcurrentHashMap<Long, PolyphaseFilter> DESIGNED = new ConcurrentHashMap<>();

    final int fromRate;
    final int toRate;
    /** Interpolation factor L: the number of phases. */
    final int up;
    /** Decimation factor M: phase steps per output sample. */
    final int down;
    /** Coefficients per phase. */
    final int taps;
    /** Phase p's coefficients, oldest input first, at {@code [p * taps, (p + 1) * taps)}. */
    final int[] coefficients;
    /** Phase p's non-zero coefficients are at offsets {@code [firstTap[p], endTap[p])} of its row. */
    final int[] firstTap;

    final int[] endTap;
    /** The phase after p, and how many input samples further on it reads. */
    final int[] nextPhase;

    final int[] advance;
    /** Fixed-point fraction bits of the coefficients. */
    final int shift;
    /** Group delay of the filter, in seconds. */
    final double delaySeconds;

    private PolyphaseFilter(int fromRate, int toRate) {
        this.fromRate = fromRate;
        this.toRate = toRate;
        int gcd = gcd(fromRate, toRate);
        this.up = toRate / gcd;
        this.down = fromRate / gcd;
        if (up > MAX_PHASES) {
            throw new IllegalArgumentException("resampling " + fromRate + " Hz to " + toRate + " Hz needs "
                    + up + " filter phases (ratio " + up + "/" + down + "), more than " + MAX_PHASES
                    + ": choose rates with a simpler ratio");
        }
        double[] prototype = up == down ? new double[] {1} : prototype(fromRate, toRate, up);
        this.taps = (prototype.length + up - 1) / up;
        this.delaySeconds = (prototype.length - 1) / 2.0 / ((double) fromRate * up);
        double[] phases = new double[up * taps];
        double worstGain = 0;
        for (int p = 0; p < up; p++) {
            double absoluteSum = 0;
            for (int j = 0; j < taps; j++) {
                int k = p + j * up;
                double h = k < prototype.length ? prototype[k] : 0;
                phases[p * taps + taps - 1 - j] = h;
                absoluteSum += Math.abs(h);
            }
            worstGain = Math.max(worstGain, absoluteSum);
        }
        // The largest fraction that keeps the worst-case sum of full-scale products inside an int.
        int bits = 15;
        while (worstGain * (1 << bits) * 32768 + (1 << bits) > Integer.MAX_VALUE) {
            bits--;
        }
        this.shift = bits;
        this.coefficients = quantise(phases, up, taps, bits);
        this.firstTap = new int[up];
        this.endTap = new int[up];
        this.nextPhase = new int[up];
        this.advance = new int[up];
        for (int p = 0; p < up; p++) {
            int first = 0;
            int end = taps;
            while (first < end && coefficients[p * taps + first] == 0) {
                first++;
            }
            while (end > first && coefficients[p * taps + end - 1] == 0) {
                end--;
            }
            firstTap[p] = first;
            endTap[p] = end;
            nextPhase[p] = (p + down) % up;
            advance[p] = (p + down) / up;
        }
    }

    /** The filter for a pair of rates, designed on first use. */
    static PolyphaseFilter between(int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0 || fromRate > 384_000 || toRate > 384_000) {
            throw new IllegalArgumentException(
                    "sample rates must be 1..384000 Hz, got " + fromRate + " Hz to " + toRate + " Hz");
        }
        return DESIGNED.computeIfAbsent(((long) fromRate << 32) | toRate, k -> new PolyphaseFilter(fromRate, toRate));
    }

    /** Windowed-sinc low pass at the rate {@code from * up}, gain {@code up} so each phase has gain 1. */
    private static double[] prototype(int fromRate, int toRate, int up) {
        double rate = (double) fromRate * up;
        double nyquist = Math.min(fromRate, toRate) / 2.0;
        double transition = 2 * (1 - PASS_BAND_EDGE) * nyquist;
        double beta = 0.1102 * (STOP_BAND_DB - 8.7);
        double width = 2 * Math.PI * transition / rate;
        // Odd, so the centre falls on a sample: cut at a quarter of the rate (8 <-> 16 kHz), every
        // second coefficient is then zero, and a phase made only of those zeros costs nothing.
        int length = ((int) Math.ceil((STOP_BAND_DB - 7.95) / (2.285 * width)) + 1) | 1;
        double cutoff = nyquist / rate;
        double centre = (length - 1) / 2.0;
        double i0Beta = besselI0(beta);
        double[] h = new double[length];
        double sum = 0;
        for (int k = 0; k < length; k++) {
            double x = k - centre;
            double sinc = x == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
            double r = 2 * k / (double) (length - 1) - 1;
            h[k] = sinc * besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
            sum += h[k];
        }
        for (int k = 0; k < length; k++) {
            h[k] *= up / sum;
        }
        return h;
    }

    /** Rounds to fixed point, then corrects each phase's largest tap so its DC gain is exactly one. */
    private static int[] quantise(double[] phases, int up, int taps, int bits) {
        int[] q = new int[phases.length];
        int one = 1 << bits;
        for (int p = 0; p < up; p++) {
            int sum = 0;
            int largest = p * taps;
            for (int j = p * taps; j < (p + 1) * taps; j++) {
                q[j] = (int) Math.round(phases[j] * one);
                sum += q[j];
                if (Math.abs(phases[j]) > Math.abs(phases[largest])) {
                    largest = j;
                }
            }
            q[largest] += one - sum;
        }
        return q;
    }

    private static double besselI0(double x) {
        double term = 1;
        double sum = 1;
        for (int k = 1; k < 50 && term > 1e-12 * sum; k++) {
            double half = x / (2 * k);
            term *= half * half;
            sum += term;
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
