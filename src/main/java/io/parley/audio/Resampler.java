package io.parley.audio;

import java.util.Arrays;

/**
 * Streaming sample-rate converter between any two rates whose ratio reduces to at most 1024/M,
 * such as 8000, 16000, 22050, 24000 and 48000 Hz (22050 to 16000 is 320/441).
 * <p>A polyphase windowed-sinc low pass (see {@link PolyphaseFilter}) keeps the input's last
 * samples between calls, so feeding a signal in pieces of any size gives exactly the samples
 * feeding it at once would, and over a run of N input samples exactly {@code ceil(N * to / from)}
 * output samples come out: no drift. The output is delayed by {@link #delayMillis()}.
 * <p>{@link #process} does not allocate. Not thread-safe: one instance per stream, used by one
 * thread at a time. Equal rates give an exact copy with no delay.
 */
public final class Resampler {
    /** Input samples handled per inner pass; longer inputs are processed in several passes. */
    private static final int CHUNK = 960;

    private final PolyphaseFilter filter;
    private final int[] coefficients;
    private final int taps;
    private final int up;
    private final int down;
    private final int shift;
    private final int[] firstTap;
    private final int[] endTap;
    private final int[] nextPhase;
    private final int[] advance;
    /** The previous pass's last {@code taps - 1} samples, then the current pass's input. */
    private final int[] work;
    /** Filter phase of the next output sample. */
    private int phase;
    /** Work index, minus {@code taps - 1}, of the newest input sample the next output needs. */
    private int position;

    public Resampler(int fromRate, int toRate) {
        this.filter = PolyphaseFilter.between(fromRate, toRate);
        this.coefficients = filter.coefficients;
        this.taps = filter.taps;
        this.up = filter.up;
        this.down = filter.down;
        this.shift = filter.shift;
        this.firstTap = filter.firstTap;
        this.endTap = filter.endTap;
        this.nextPhase = filter.nextPhase;
        this.advance = filter.advance;
        this.work = new int[taps - 1 + CHUNK];
    }

    public int fromRate() {
        return filter.fromRate;
    }

    public int toRate() {
        return filter.toRate;
    }

    /** The most samples {@link #process} can write for {@code inputSamples} input samples. */
    public int maxOutputSamples(int inputSamples) {
        return (int) ((long) inputSamples * up / down) + 1;
    }

    /** How much later a feature of the input appears in the output, in milliseconds. */
    public double delayMillis() {
        return filter.delaySeconds * 1000;
    }

    /** Multiply-adds per output sample, averaged over the filter's phases: the cost of this resampler. */
    public double multiplyAddsPerOutput() {
        int sum = 0;
        for (int p = 0; p < up; p++) {
            sum += endTap[p] - firstTap[p];
        }
        return (double) sum / up;
    }

    /**
     * Converts {@code len} samples from {@code in[off..]}, writing into {@code out[outOff..]}.
     * {@code out} must have room for {@link #maxOutputSamples(int) maxOutputSamples(len)}.
     *
     * @return the number of samples written
     */
    public int process(short[] in, int off, int len, short[] out, int outOff) {
        int written = 0;
        while (len > 0) {
            int chunk = Math.min(len, CHUNK);
            written += pass(in, off, chunk, out, outOff + written);
            off += chunk;
            len -= chunk;
        }
        return written;
    }

    private int pass(short[] in, int off, int len, short[] out, int outOff) {
        int[] w = work;
        int history = taps - 1;
        for (int i = 0; i < len; i++) {
            w[history + i] = in[off + i];
        }
        int[] c = coefficients;
        int n = taps;
        int round = 1 << (shift - 1);
        int o = outOff;
        int p = phase;
        int pos = position;
        while (pos < len) {
            int base = p * n;
            int acc = round;
            for (int k = firstTap[p], end = endTap[p]; k < end; k++) {
                acc += w[pos + k] * c[base + k];
            }
            out[o++] = (short) Math.clamp(acc >> shift, Short.MIN_VALUE, Short.MAX_VALUE);
            pos += advance[p];
            p = nextPhase[p];
        }
        phase = p;
        position = pos - len;
        System.arraycopy(w, len, w, 0, history);
        return o - outOff;
    }

    /** Forgets the signal so far, as if newly made. */
    public void reset() {
        Arrays.fill(work, 0);
        phase = 0;
        position = 0;
    }

    @Override
    public String toString() {
        return "Resampler[" + filter.fromRate + " Hz -> " + filter.toRate + " Hz, "
                + String.format("%.1f multiply-adds/output, %.2f ms delay]", multiplyAddsPerOutput(), delayMillis());
    }
}
