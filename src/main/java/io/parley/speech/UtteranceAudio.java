package io.parley.speech;

import java.util.Arrays;

/**
 * The samples of one utterance, collected for engines that transcribe whole utterances
 * (whisper, remote servers). Grows by doubling; not thread-safe (one stream, one thread).
 */
public final class UtteranceAudio {
    private short[] samples;
    private int length;

    /** Room for {@code initialSamples} before the first growth (5 s at 16 kHz is typical). */
    public UtteranceAudio(int initialSamples) {
        samples = new short[Math.max(1, initialSamples)];
    }

    public void append(short[] source, int offset, int count) {
        if (length + count > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(samples.length * 2, length + count));
        }
        System.arraycopy(source, offset, samples, length, count);
        length += count;
    }

    /** The backing array; only the first {@link #length()} samples are audio. */
    public short[] samples() {
        return samples;
    }

    public int length() {
        return length;
    }

    /** The audio as floats in [-1, 1), the form whisper.cpp takes. */
    public float[] toFloats() {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = samples[i] / 32768f;
        }
        return out;
    }
}
