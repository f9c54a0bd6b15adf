package io.parley.speech.flite;

import static io.parley.speech.SpeechAudio.assertSpeech;
import static io.parley.speech.SpeechAudio.lengthRatio;
import static io.parley.speech.SpeechAudio.rms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.audio.AudioClip;
import io.parley.speech.EngineFaultListener;
import io.parley.speech.SpeechException;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real Debian flite. */
class FliteSynthesizerTest {

    private static final String SENTENCE = "Hello, how are you today? I hope all is well.";
    private static FliteSynthesizer slt;

    @BeforeAll
    static void start() throws SpeechException {
        slt = FliteSynthesizer.start(FliteSettings.DEFAULT, EngineFaultListener.NONE);
    }

    @ParameterizedTest
    @CsvSource({"slt, 16000", "kal16, 16000", "kal, 8000"})
    void speaksAtTheVoicesOwnRate(String voice, int rate) throws SpeechException {
        FliteSynthesizer synthesizer =
                FliteSynthesizer.start(settings(voice, OptionalInt.empty()), EngineFaultListener.NONE);
        assertThat(synthesizer.sampleRate()).isEqualTo(rate);
        assertSpeech(synthesizer.synthesize(SENTENCE, "en"), rate, 2_000, 6_000, 300);
    }

    @Test
    void longerTextTakesProportionallyLonger() throws SpeechException {
        AudioClip shortOne = slt.synthesize("Hello.", "en");
        AudioClip longOne = slt.synthesize("Hello, I would like to book a table for four people this evening.", "en");
        assertThat(lengthRatio(longOne, shortOne)).isGreaterThan(2.5);
    }

    @Test
    void speedIsWordsPerMinute() throws SpeechException {
        AudioClip normal = slt.synthesize(SENTENCE, "en");
        AudioClip quick = FliteSynthesizer.start(settings("slt", OptionalInt.of(340)), EngineFaultListener.NONE)
                .synthesize(SENTENCE, "en");
        assertThat(lengthRatio(quick, normal)).isBetween(0.4, 0.65);
    }

    @Test
    void pitchChangesTheVoice() throws SpeechException {
        FliteSettings high =
                new FliteSettings("flite", "kal16", OptionalInt.empty(), OptionalInt.of(220), Duration.ofSeconds(5));
        FliteSettings low =
                new FliteSettings("flite", "kal16", OptionalInt.empty(), OptionalInt.of(90), Duration.ofSeconds(5));
        double highHz = medianPitchHz(
                FliteSynthesizer.start(high, EngineFaultListener.NONE).synthesize(SENTENCE, "en"));
        double lowHz = medianPitchHz(
                FliteSynthesizer.start(low, EngineFaultListener.NONE).synthesize(SENTENCE, "en"));
        assertThat(highHz / lowHz).as("%.0f Hz / %.0f Hz", highHz, lowHz).isGreaterThan(1.5);
    }

    @Test
    void textThatLooksLikeOptionsIsSpoken() throws SpeechException {
        File trap = new File("/tmp/parley-flite-trap.wav");
        assertSpeech(slt.synthesize("-o " + trap + " -voice kal", "en"), 16_000, 1_000, 10_000, 300);
        assertThat(trap).doesNotExist();
    }

    @Test
    void emptyTextIsEmptyAudioAtTheVoiceRate() throws SpeechException {
        AudioClip pcm = slt.synthesize("", "en");
        assertThat(pcm.samples()).isEmpty();
        assertThat(pcm.sampleRate()).isEqualTo(16_000);
    }

    @Test
    void speaksEnglishOnly() {
        assertThatThrownBy(() -> slt.synthesize("Bonjour", "fr"))
                .isInstanceOf(SpeechException.class)
                .hasMessage("flite(slt) speaks English only, not 'fr'; choose espeak-ng for that language");
    }

    @Test
    void anUnknownVoiceIsRefusedListingTheVoices() {
        // flite itself would silently speak with its default voice.
        assertThatThrownBy(
                        () -> FliteSynthesizer.start(settings("nosuch", OptionalInt.empty()), EngineFaultListener.NONE))
                .isInstanceOf(SpeechException.class)
                .hasMessageStartingWith("flite: no voice 'nosuch'; built-in voices: ")
                .hasMessageContaining("slt")
                .hasMessageContaining("kal16");
        assertThatThrownBy(() -> FliteSynthesizer.start(
                        settings("/nonexistent/v.flitevox", OptionalInt.empty()), EngineFaultListener.NONE))
                .hasMessageContaining("(or a readable .flitevox file)");
    }

    private static FliteSettings settings(String voice, OptionalInt wordsPerMinute) {
        return new FliteSettings("flite", voice, wordsPerMinute, OptionalInt.empty(), Duration.ofSeconds(5));
    }

    /**
     * Median pitch of the loud 40 ms frames: the lag between 2.5 and 15 ms (400-67 Hz) with the
     * highest normalised autocorrelation.
     */
    private static double medianPitchHz(AudioClip pcm) {
        short[] s = pcm.samples();
        int rate = pcm.sampleRate();
        int frame = rate / 25;
        int minLag = rate / 400;
        int maxLag = rate / 67;
        List<Double> pitches = new ArrayList<>();
        double loud = rms(pcm);
        for (int start = 0; start + frame + maxLag < s.length; start += frame) {
            double energy = 0;
            for (int i = start; i < start + frame; i++) {
                energy += (double) s[i] * s[i];
            }
            if (Math.sqrt(energy / frame) < loud) {
                continue;
            }
            int bestLag = 0;
            double best = 0;
            for (int lag = minLag; lag <= maxLag; lag++) {
                double dot = 0;
                double norm = 0;
                for (int i = start; i < start + frame; i++) {
                    dot += (double) s[i] * s[i + lag];
                    norm += (double) s[i + lag] * s[i + lag];
                }
                double score = dot / Math.sqrt(energy * norm + 1);
                if (score > best) {
                    best = score;
                    bestLag = lag;
                }
            }
            if (best > 0.5) {
                pitches.add((double) rate / bestLag);
            }
        }
        Collections.sort(pitches);
        return pitches.get(pitches.size() / 2);
    }
}
