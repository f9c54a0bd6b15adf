package io.parley.sim;

import io.parley.audio.AudioClip;
import io.parley.audio.Resampler;
import java.util.Arrays;

/**
 * Plays a recording (a WAV file read into an {@link AudioClip}), converted once to the caller's
 * rate with the {@link Resampler}, over and over. Bursts are not marked, so latency is not
 * measured from it.
 */
public final class ClipSource implements Source {
    private final short[] samples;
    private final String name;
    private int position;

    public ClipSource(AudioClip clip, int sampleRate, String name) {
        if (clip.samples().length == 0) {
            throw new IllegalArgumentException(name + ": the recording holds no samples");
        }
        Resampler resampler = new Resampler(clip.sampleRate(), sampleRate);
        short[] out = new short[resampler.maxOutputSamples(clip.samples().length)];
        int n = resampler.process(clip.samples(), 0, clip.samples().length, out, 0);
        this.samples = Arrays.copyOf(out, n);
        this.name = name;
    }

    @Override
    public boolean next(short[] frame, int count) {
        for (int i = 0; i < count; i++) {
            frame[i] = samples[position];
            position = position + 1 == samples.length ? 0 : position + 1;
        }
        return false;
    }

    @Override
    public String describe() {
        return name;
    }
}
