package io.parley.speech;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.audio.AudioClip;

/** Measures of synthesised speech for tests. */
public final class SpeechAudio {

    private SpeechAudio() {}

    /** Checks {@code pcm} is at {@code rate}, lasts between the bounds and is loud enough to be speech. */
    public static void assertSpeech(AudioClip pcm, int rate, long minMillis, long maxMillis, double minRms) {
        assertThat(pcm.sampleRate()).isEqualTo(rate);
        assertThat(pcm.durationMillis()).isBetween((double) minMillis, (double) maxMillis);
        assertThat(rms(pcm)).isGreaterThan(minRms);
    }

    /** How many times longer {@code longer} is than {@code shorter}. */
    public static double lengthRatio(AudioClip longer, AudioClip shorter) {
        return (double) longer.samples().length / shorter.samples().length;
    }

    /** Root mean square of the samples; speech at normal level is in the thousands, silence near 0. */
    public static double rms(AudioClip pcm) {
        double sum = 0;
        for (short s : pcm.samples()) {
            sum += (double) s * s;
        }
        return pcm.samples().length == 0 ? 0 : Math.sqrt(sum / pcm.samples().length);
    }
}
