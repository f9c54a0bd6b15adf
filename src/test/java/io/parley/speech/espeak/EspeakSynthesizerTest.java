package io.parley.speech.espeak;

import static io.parley.speech.SpeechAudio.assertSpeech;
import static io.parley.speech.SpeechAudio.lengthRatio;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.audio.AudioClip;
import io.parley.speech.EngineFaultListener;
import io.parley.speech.SpeechException;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real Debian espeak-ng. */
class EspeakSynthesizerTest {

    private static EspeakSynthesizer french;
    private static EspeakSynthesizer english;

    @BeforeAll
    static void start() throws SpeechException {
        french = EspeakSynthesizer.start(EspeakSettings.DEFAULT, "fr", EngineFaultListener.NONE);
        english = EspeakSynthesizer.start(EspeakSettings.DEFAULT, "en", EngineFaultListener.NONE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            fr | Bonjour, comment allez-vous ?
            en | Hello, how are you today?
            """)
    void speaksASentenceAt22050Hz(String language, String text) throws SpeechException {
        assertSpeech((language.equals("fr") ? french : english).synthesize(text, language), 22_050, 800, 5_000, 500);
    }

    @Test
    void longerTextTakesProportionallyLonger() throws SpeechException {
        AudioClip shortOne = french.synthesize("Bonjour.", "fr");
        AudioClip longOne =
                french.synthesize("Bonjour, je voudrais réserver une table pour quatre personnes ce soir.", "fr");
        assertThat(lengthRatio(longOne, shortOne)).isGreaterThan(2.5);
    }

    @Test
    void speedIsWordsPerMinute() throws SpeechException {
        String text = "The weather is very nice today, and we are going to the beach.";
        EspeakSettings fast = new EspeakSettings("espeak-ng", "", 350, 50, Duration.ofSeconds(5));
        AudioClip normal = english.synthesize(text, "en");
        AudioClip quick =
                EspeakSynthesizer.start(fast, "en", EngineFaultListener.NONE).synthesize(text, "en");
        assertThat(lengthRatio(quick, normal)).isBetween(0.35, 0.75);
    }

    @Test
    void textStartingWithADashIsSpokenNotTakenAsAnOption() throws SpeechException {
        assertSpeech(english.synthesize("-v --help -w /tmp/parley-espeak.wav", "en"), 22_050, 1_000, 10_000, 500);
        assertThat(new File("/tmp/parley-espeak.wav")).doesNotExist();
    }

    @Test
    void emptyTextIsEmptyAudio() throws SpeechException {
        AudioClip pcm = french.synthesize(" \n ", "fr");
        assertThat(pcm.samples()).isEmpty();
        assertThat(pcm.sampleRate()).isEqualTo(22_050);
    }

    @Test
    void sentencesCanBeSpokenInParallel() {
        List<AudioClip> results = IntStream.range(0, 4)
                .parallel()
                .mapToObj(i -> {
                    try {
                        return english.synthesize("Sentence number " + i + ".", "en");
                    } catch (SpeechException e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();
        assertThat(results).allSatisfy(pcm -> assertThat(pcm.durationMillis()).isGreaterThan(500));
    }

    @Test
    void anUnknownVoiceIsRefusedAtStart() {
        EspeakSettings settings = new EspeakSettings("espeak-ng", "xx-nosuch", 175, 50, Duration.ofSeconds(5));
        assertThatThrownBy(() -> EspeakSynthesizer.start(settings, "fr", EngineFaultListener.NONE))
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining("espeak-ng(xx-nosuch)")
                .hasMessageContaining("voice does not exist");
    }

    @Test
    void aRunPastTheTimeoutIsKilledAndReportedAsAFault() throws SpeechException {
        List<String> faults = new CopyOnWriteArrayList<>();
        EspeakSettings hasty = new EspeakSettings("espeak-ng", "", 175, 50, Duration.ofMillis(1));
        EspeakSynthesizer synthesizer = EspeakSynthesizer.start(
                hasty, "fr", (engine, message, restarted) -> faults.add(engine + ": " + message));

        assertThatThrownBy(() -> synthesizer.synthesize("Une phrase qui prend du temps à dire.", "fr"))
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining("gave no result within 1 ms and was killed");
        assertThat(faults).singleElement().asString().startsWith("espeak-ng(voice by language): ");
    }

    @Test
    void tooLongTextIsRefusedWithoutAFault() {
        assertThatThrownBy(() -> french.synthesize("mot ".repeat(2_000), "fr"))
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining("pass one sentence at a time");
    }

    @Test
    void settingsAreBounded() {
        assertThatThrownBy(() -> new EspeakSettings("espeak-ng", "", 20, 50, Duration.ofSeconds(1)))
                .hasMessage("espeak-ng speed must be 80 to 450 words per minute: 20");
        assertThatThrownBy(() -> new EspeakSettings("espeak-ng", "", 175, 120, Duration.ofSeconds(1)))
                .hasMessage("espeak-ng pitch must be 0 to 99: 120");
    }
}
