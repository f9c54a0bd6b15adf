package io.parley.speech;

import java.util.Objects;

/**
 * A block of 16-bit signed mono samples at a stated rate, as a synthesiser returns it.
 * The array is owned by the receiver once returned; nobody else writes to it.
 */
public record Pcm(short[] samples, int sampleRate) {
    public Pcm {
        Objects.requireNonNull(samples, "samples");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
    }

    /** Duration in milliseconds, rounded down. */
    public long durationMillis() {
        return samples.length * 1000L / sampleRate;
    }
}
