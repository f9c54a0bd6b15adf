package io.parley.speech.pocketsphinx;

import io.parley.speech.RecognitionRun;
import io.parley.speech.RecognitionRun.Summary;
import io.parley.speech.SpeechCorpus;
import io.parley.speech.SpeechCorpus.Channel;
import io.parley.speech.SpeechException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Word error rate of the English recogniser on flite speech (voices not used to adapt the model)
 * through the G.711 mu-law phone channel, and on clean wide-band speech, with the settings
 * {@link io.parley.speech.engines.Recognizers} uses. Limits are the levels measured in
 * docs/benchmarks.md plus a small margin; the per-sentence table is printed.
 */
class PhoneSpeechWerTest {
    /** Measured 0.0% on these 40 sentences x slt, kal16; see docs/benchmarks.md. */
    private static final double PHONE_LIMIT = 1.0;
    /** Measured 0.0% on 20 sentences x slt. */
    private static final double WIDEBAND_LIMIT = 1.0;

    @Test
    void phoneSpeech() throws SpeechException {
        List<String> sentences = SpeechCorpus.sentences();
        assertThat(sentences).hasSizeGreaterThanOrEqualTo(30);
        try (PocketSphinxRecognizer recognizer = PocketSphinxRecognizer.open(PocketSphinxSettings.phone()
                .withDecoders(2, 2))) {
            Summary summary = RecognitionRun.run(recognizer,
                    RecognitionRun.corpus(sentences, List.of("slt", "kal16"), Channel.PHONE_ULAW), 2);
            System.out.print("phone channel (8 kHz mu-law):\n" + summary.table());
            assertThat(summary.total().rate()).as(summary.summaryLine()).isLessThanOrEqualTo(PHONE_LIMIT);
        }
    }

    @Test
    void widebandSpeech() throws SpeechException {
        List<String> sentences = SpeechCorpus.sentences().subList(0, 20);
        try (PocketSphinxRecognizer recognizer = PocketSphinxRecognizer.open(PocketSphinxSettings.phone()
                .withOptions(PocketSphinxSettings.WIDEBAND_OPTIONS).withDecoders(2, 2))) {
            Summary summary = RecognitionRun.run(recognizer,
                    RecognitionRun.corpus(sentences, List.of("slt"), Channel.WIDEBAND), 2);
            System.out.print("wide band (16 kHz):\n" + summary.table());
            assertThat(summary.total().rate()).as(summary.summaryLine()).isLessThanOrEqualTo(WIDEBAND_LIMIT);
        }
    }
}
