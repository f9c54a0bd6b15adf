package io.parley.speech.pocketsphinx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.speech.RecognitionRun;
import io.parley.speech.RecognitionStream;
import io.parley.speech.SpeechCorpus;
import io.parley.speech.SpeechCorpus.Channel;
import io.parley.speech.SpeechException;
import io.parley.speech.SpeechRecognizer;
import io.parley.speech.WordErrorRate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real libpocketsphinx with Debian's model, on flite speech. */
class PocketSphinxRecognizerTest {
    private static final String SENTENCE = "Could you tell me how to get to the airport?";
    private static PocketSphinxRecognizer recognizer;

    @BeforeAll
    static void open() throws SpeechException {
        recognizer = PocketSphinxRecognizer.open(
                PocketSphinxSettings.phone().withDecoders(1, 2).withPartialEveryFrames(5));
    }

    @AfterAll
    static void close() {
        recognizer.close();
    }

    private static short[] phone(String text) {
        return SpeechCorpus.speak(text, "slt", Channel.PHONE_ULAW);
    }

    @Test
    void recognisesPhoneSpeechWithPartialsAlongTheWay() throws SpeechException {
        List<String> partials = new CopyOnWriteArrayList<>();
        short[] pcm = phone(SENTENCE);
        String text;
        try (RecognitionStream stream = recognizer.start(partials::add)) {
            for (int at = 0; at < pcm.length; at += 320) {
                stream.feed(pcm, at, Math.min(320, pcm.length - at));
            }
            text = stream.finish();
        }
        assertThat(WordErrorRate.score(SENTENCE, text).errors()).as(text).isLessThanOrEqualTo(1);
        assertThat(partials).as("partials").isNotEmpty().doesNotHaveDuplicates();
        assertThat(partials.getLast()).contains("airport");
        for (int i = 1; i < partials.size(); i++) {
            assertThat(partials.get(i)).as("consecutive partials differ").isNotEqualTo(partials.get(i - 1));
        }
    }

    @Test
    void theSameAudioGivesTheSameTextWhateverTheDecoderHeardBefore() throws SpeechException {
        var airport = SpeechCorpus.utterance(SENTENCE, "slt", Channel.PHONE_ULAW);
        var loud = SpeechCorpus.utterance("My car broke down on the highway.", "kal16", Channel.WIDEBAND);
        try (PocketSphinxRecognizer one = PocketSphinxRecognizer.open(
                PocketSphinxSettings.phone().withDecoders(1, 1).withResetMean(true))) {
            String first = RecognitionRun.recognise(one, airport).hypothesis();
            RecognitionRun.recognise(one, loud);
            assertThat(RecognitionRun.recognise(one, airport).hypothesis()).isEqualTo(first);
        }
    }

    @Test
    void description() {
        assertThat(recognizer.describe()).isEqualTo("pocketsphinx(en-us)");
    }

    @Test
    void anAbandonedUtteranceLeavesTheDecoderReusable() throws SpeechException {
        short[] pcm = phone(SENTENCE);
        try (RecognitionStream stream = recognizer.start(SpeechRecognizer.PartialListener.NONE)) {
            stream.feed(pcm, 0, pcm.length / 2);
        }
        String text = RecognitionRun.recognise(recognizer, SpeechCorpus.utterance(SENTENCE, "slt", Channel.PHONE_ULAW))
                .hypothesis();
        assertThat(text).contains("airport");
    }

    @Test
    void silenceAndNothingGiveEmptyText() throws SpeechException {
        try (RecognitionStream stream = recognizer.start(SpeechRecognizer.PartialListener.NONE)) {
            assertThat(stream.finish()).isEmpty();
        }
        try (RecognitionStream stream = recognizer.start(SpeechRecognizer.PartialListener.NONE)) {
            short[] silence = new short[320];
            for (int i = 0; i < 50; i++) {
                stream.feed(silence, 0, silence.length);
            }
            assertThat(stream.finish()).isEmpty();
        }
    }

    @Test
    void feedOrFinishAfterTheEndIsAProgrammingError() throws SpeechException {
        RecognitionStream stream = recognizer.start(SpeechRecognizer.PartialListener.NONE);
        stream.finish();
        assertThatThrownBy(() -> stream.feed(new short[320], 0, 320)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(stream::finish).isInstanceOf(IllegalStateException.class);
        stream.close();
        stream.close();
    }

    @Test
    void concurrentUtterancesGetTheirOwnDecodersUpToTheLimitThenWait() throws Exception {
        try (PocketSphinxRecognizer small = PocketSphinxRecognizer.open(new PocketSphinxSettings(
                PocketSphinxModel.DEBIAN_EN_US,
                PocketSphinxSettings.PHONE_OPTIONS,
                1,
                2,
                0,
                Duration.ofMillis(200),
                true))) {
            assertThat(small.decodersLoaded()).isEqualTo(1);
            RecognitionStream first = small.start(SpeechRecognizer.PartialListener.NONE);
            RecognitionStream second = small.start(SpeechRecognizer.PartialListener.NONE);
            assertThat(small.decodersLoaded()).isEqualTo(2);
            long started = System.nanoTime();
            assertThatThrownBy(() -> small.start(SpeechRecognizer.PartialListener.NONE))
                    .isInstanceOf(SpeechException.class)
                    .hasMessageContaining("all 2 decoders stayed busy for 200 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));

            short[] airport = phone(SENTENCE);
            short[] keys = phone("Please call me back tomorrow morning.");
            for (int at = 0; at < Math.max(airport.length, keys.length); at += 320) {
                if (at < airport.length) {
                    first.feed(airport, at, Math.min(320, airport.length - at));
                }
                if (at < keys.length) {
                    second.feed(keys, at, Math.min(320, keys.length - at));
                }
            }
            assertThat(first.finish()).contains("airport");
            assertThat(second.finish()).contains("tomorrow morning");
            try (RecognitionStream third = small.start(SpeechRecognizer.PartialListener.NONE)) {
                assertThat(small.decodersLoaded())
                        .as("a released decoder is reused")
                        .isEqualTo(2);
                third.close();
            }
        }
    }
}
