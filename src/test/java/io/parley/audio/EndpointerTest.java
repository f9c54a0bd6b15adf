package io.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parley.audio.Endpointer.Event;
import io.parley.audio.SpeechFixture.Layout;
import io.parley.audio.SpeechFixture.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointerTest {
    private static final int FRAME = 320;
    private static Layout english;
    private static Layout french;

    @BeforeAll
    static void synthesise() {
        // Commas inside sentences: pauses the endpointer must not split at.
        english = SpeechFixture.layout(
                List.of(
                        SpeechFixture.english("Good morning, my friend, how are you today?"),
                        SpeechFixture.english("The weather is lovely, and the train leaves at nine."),
                        SpeechFixture.english("Please send me the report before Friday.")),
                1000,
                1200);
        french = SpeechFixture.layout(
                List.of(
                        SpeechFixture.french("Bonjour, je voudrais réserver une table pour deux personnes."),
                        SpeechFixture.french("Le train part à neuf heures, et il arrive à midi."),
                        SpeechFixture.french("Merci beaucoup, à bientôt.")),
                1000,
                1200);
    }

    private static List<Span> utterances(Endpointer endpointer, short[] samples) {
        List<Span> found = new ArrayList<>();
        for (int at = 0; at + FRAME <= samples.length; at += FRAME) {
            if (endpointer.offer(samples, at) == Event.SPEECH_END) {
                found.add(new Span(endpointer.utteranceStartMillis(), endpointer.utteranceEndMillis()));
            }
        }
        return found;
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({
        "english, clean", "english, noise", "english, phone", "english, phone+noise", "english, quiet phone+noise",
        "french, clean", "french, noise", "french, phone", "french, phone+noise", "french, quiet phone+noise",
    })
    void countsSentencesAndFindsTheirBoundariesWithin60Ms(String language, String condition) {
        Layout layout = language.equals("english") ? english : french;
        short[] samples = layout.samples().clone();
        if (condition.startsWith("quiet")) {
            new Gain(-15).apply(samples, 0, samples.length);
        }
        if (condition.contains("phone")) {
            samples = SpeechFixture.throughMuLawPhone(samples);
        }
        if (condition.contains("noise")) {
            samples = SpeechFixture.withNoise(samples, condition.startsWith("quiet") ? -55 : -45, 11);
        }
        List<Span> found = utterances(new Endpointer(16000, FRAME), samples);

        assertThat(found).hasSameSizeAs(layout.truth());
        for (int i = 0; i < found.size(); i++) {
            Span truth = layout.truth().get(i);
            assertThat(found.get(i).startMillis())
                    .as("start of sentence %d", i + 1)
                    .isCloseTo(truth.startMillis(), within(60.0));
            assertThat(found.get(i).endMillis())
                    .as("end of sentence %d", i + 1)
                    .isCloseTo(truth.endMillis(), within(60.0));
        }
    }

    @Test
    void speechEndComesTheTrailingSilenceAfterTheLastVoicedFrame() {
        Endpointer endpointer = new Endpointer(16000, FRAME);
        short[] samples = english.samples();
        for (int at = 0; at + FRAME <= samples.length; at += FRAME) {
            if (endpointer.offer(samples, at) == Event.SPEECH_END) {
                double now = (at + FRAME) * 1000.0 / 16000;
                assertThat(now - endpointer.utteranceEndMillis()).isCloseTo(300.0, within(1.0));
                return;
            }
        }
        throw new AssertionError("no utterance ended");
    }

    @Test
    void preRollHandsOverTheOnsetBeforeTheStart() {
        Endpointer endpointer = new Endpointer(16000, FRAME);
        short[] samples = french.samples();
        short[] copy = new short[FRAME];
        for (int at = 0; at + FRAME <= samples.length; at += FRAME) {
            if (endpointer.offer(samples, at) == Event.SPEECH_START) {
                long startFrame = endpointer.utteranceStartMillis() * 16000 / 1000 / FRAME;
                long nowFrame = at / FRAME;
                // 200 ms of pre-roll before the first voiced frame, then every frame up to now.
                assertThat(endpointer.preRollFrames()).isEqualTo((int) (nowFrame - startFrame + 10));
                for (int i = 0; i < endpointer.preRollFrames(); i++) {
                    endpointer.copyPreRollFrame(i, copy, 0);
                    int from = at - (endpointer.preRollFrames() - i) * FRAME;
                    assertThat(copy).isEqualTo(Arrays.copyOfRange(samples, from, from + FRAME));
                }
                return;
            }
        }
        throw new AssertionError("no utterance started");
    }

    @Test
    void clicksAndShortBurstsNeverStartAnUtterance() {
        short[] samples = SpeechFixture.withNoise(new short[16000 * 6], -60, 3);
        short[] burst = new short[16000 * 60 / 1000];
        new ToneGenerator(16000, 800, -10).fill(burst, 0, burst.length);
        for (int at = 8000; at + burst.length < samples.length; at += 16000 / 2) {
            System.arraycopy(burst, 0, samples, at, burst.length); // 60 ms every 500 ms
        }
        samples[16000 * 5] = Short.MAX_VALUE; // and a one-sample click
        Endpointer endpointer = new Endpointer(16000, FRAME);
        for (int at = 0; at + FRAME <= samples.length; at += FRAME) {
            assertThat(endpointer.offer(samples, at)).isEqualTo(Event.SILENCE);
        }
    }

    @Test
    void endlessSpeechIsCutAtTheMaximumAndGoesOnAsANewUtterance() {
        short[] speech = english.samples();
        short[] run = new short[16000 * 3];
        int from = (int) (english.truth().get(0).startMillis() * 16);
        System.arraycopy(speech, from, run, 0, run.length); // 2.6 s of sentence, then its silence
        Endpointer endpointer = new Endpointer(
                new VoiceActivityDetector(16000), 16000, FRAME, new EndpointSettings(100, 300, 150, 1000));
        List<Event> events = new ArrayList<>();
        List<Boolean> forced = new ArrayList<>();
        for (int at = 0; at + FRAME <= run.length; at += FRAME) {
            Event e = endpointer.offer(run, at);
            events.add(e);
            if (e == Event.SPEECH_END) {
                forced.add(endpointer.endWasForced());
                if (endpointer.endWasForced()) {
                    assertThat(endpointer.utteranceEndMillis() - endpointer.utteranceStartMillis())
                            .isEqualTo(1000);
                }
            }
        }
        assertThat(events.stream().filter(e -> e == Event.SPEECH_START).count()).isEqualTo(3);
        assertThat(forced).containsExactly(true, true, false);
    }

    @Test
    void aSuddenlyLouderBackgroundIsLearnedWithinSeconds() {
        short[] samples = SpeechFixture.withNoise(new short[16000 * 20], -65, 5);
        short[] loud = SpeechFixture.withNoise(new short[16000 * 12], -40, 6);
        System.arraycopy(loud, 0, samples, 16000 * 4, loud.length); // from 4 s to 16 s
        VoiceActivityDetector vad = new VoiceActivityDetector(16000);
        int lastSpeechFrame = -1;
        for (int at = 0, f = 0; at + FRAME <= samples.length; at += FRAME, f++) {
            if (vad.isSpeech(samples, at, FRAME)) {
                lastSpeechFrame = f;
            }
        }
        // The step at 4 s reads as speech until the floor catches up, then never again.
        assertThat(lastSpeechFrame * 20)
                .isBetween(4000, 4000 + 1000 * (VoiceActivityDetector.MINIMUM_WINDOW_SECONDS + 1));
        assertThat(vad.noiseFloorDbfs()).isCloseTo(-65.5, within(2.0));
    }

    @Test
    void noiseFloorSettlesOnTheBackground() {
        VoiceActivityDetector vad = new VoiceActivityDetector(16000);
        short[] noise = SpeechFixture.withNoise(new short[16000 * 3], -50, 9);
        int speechFrames = 0;
        for (int at = 0; at + FRAME <= noise.length; at += FRAME) {
            speechFrames += vad.isSpeech(noise, at, FRAME) ? 1 : 0;
        }
        assertThat(speechFrames).isZero();
        // White noise loses a little to the 150 Hz high pass and sits a little above its quietest frames.
        assertThat(vad.noiseFloorDbfs()).isCloseTo(-50.5, within(1.5));
        assertThat(vad.levelDbfs()).isCloseTo(-50, within(1.5));
    }
}
