package io.parley.audio;

import java.util.Objects;

/**
 * A whole block of 16-bit signed mono samples at a stated rate, as read from a WAV file or spoken by
 * a synthesiser. The array belongs to the clip's holder; nobody else writes to it.
 */
public record AudioClip(short[] samples, int sampleRate) {
    public AudioClip {
        Objects.requireNonNull(samples, "samples");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
    }

    public double durationMillis() {
        return samples.length * 1000.0 / sampleRate;
    }
}
