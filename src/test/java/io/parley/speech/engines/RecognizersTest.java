package io.parley.speech.engines;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.config.EngineChoice;
import io.parley.speech.engines.RecognizerSetup.Ready;
import io.parley.speech.engines.RecognizerSetup.Unavailable;
import io.parley.speech.models.ModelStore;
import io.parley.speech.openai.RemoteTranscriptionRecognizer;
import io.parley.speech.pocketsphinx.PocketSphinxRecognizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecognizersTest {
    @TempDir
    static Path models;

    private Recognizers recognizers;

    @BeforeEach
    void open() {
        recognizers = new Recognizers(new ModelStore(models));
    }

    @AfterEach
    void close() {
        recognizers.close();
    }

    private static EngineChoice choice(String engine, String... options) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            map.put(options[i], options[i + 1]);
        }
        return new EngineChoice(engine, map);
    }

    @Test
    void noFrenchRecogniserSaysHowToConfigureOne() {
        assertThat(recognizers.open("fr", EngineChoice.NONE, 1))
                .isEqualTo(new Unavailable(
                        "none",
                        "no French recogniser configured: run 'parley models install vosk-fr' (downloads the model once)"
                                + " and set engines.stt.fr: {engine: vosk}, or set engines.stt.fr to vosk (model: DIR), whisper"
                                + " (model: FILE) or openai (url: ...)"));
    }

    @Test
    void noEnglishRecogniserMentionsPocketsphinx() {
        assertThat(recognizers.open("en", EngineChoice.NONE, 1))
                .isInstanceOfSatisfying(
                        Unavailable.class,
                        u -> assertThat(u.reason())
                                .startsWith("no English recogniser configured: set engines.stt.en to"
                                        + " pocketsphinx (Debian's pocketsphinx-en-us)"));
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            fr | kaldi        |            |                         | unknown speech recognition engine 'kaldi' for French; choose one of pocketsphinx, vosk, whisper, openai, none
            fr | vosk         |            |                         | engines.stt.fr (vosk): no vosk model for French in MODELS: run 'parley models install vosk-fr', or set engines.stt.fr.model (model: DIR)
            fr | whisper      |            |                         | engines.stt.fr (whisper): no whisper model for French in MODELS: run 'parley models install whisper-base', or set engines.stt.fr.model (model: FILE)
            fr | openai       |            |                         | engines.stt.fr (openai): the url option is missing; set engines.stt.fr.url (url: http://HOST:PORT)
            fr | openai       | url        | ftp://127.0.0.1         | engines.stt.fr (openai): openai: url must be an http:// or https:// address
            fr | openai       | timeoutMs  | soon                    | engines.stt.fr (openai): timeoutMs must be a positive whole number, got 'soon'
            fr | pocketsphinx |            |                         | pocketsphinx has only an English model here (Debian's pocketsphinx-en-us); for French give hmm, dict and lm options
            en | pocketsphinx | channel    | satellite               | channel must be phone or wideband, got 'satellite'
            fr | vosk         | model      | /nonexistent/vosk-fr    | engines.stt.fr (vosk): vosk: model directory /nonexistent/vosk-fr not found
            fr | whisper      | model      | /nonexistent/ggml.bin   | engines.stt.fr (whisper): whisper: model file /nonexistent/ggml.bin not found
            """)
    void misconfigurationsBecomeReasons(String language, String engine, String option, String value, String reason) {
        EngineChoice choice = option == null
                ? choice(engine)
                : engine.equals("openai") && !option.equals("url")
                        ? choice(engine, "url", "http://127.0.0.1:9", option, value)
                        : choice(engine, option, value);
        assertThat(recognizers.open(language, choice, 1))
                .isInstanceOfSatisfying(
                        Unavailable.class,
                        u -> assertThat(u.reason()).contains(reason.replace("MODELS", models.toString())));
    }

    @Test
    void voskWithoutAModelOptionLoadsTheInstalledFrenchModel() throws IOException {
        Path installed = models.resolve("vosk-model-small-fr-0.22");
        Files.createDirectories(installed.resolve("am"));
        Files.writeString(installed.resolve("am/final.mdl"), "not a real model");
        try {
            // The stand-in model is not loadable; the error shows which directory was chosen.
            assertThat(recognizers.open("fr", choice("vosk"), 1))
                    .isInstanceOfSatisfying(
                            Unavailable.class,
                            u -> assertThat(u.reason())
                                    .contains(installed.toString())
                                    .doesNotContain("no vosk model"));
        } finally {
            Files.delete(installed.resolve("am/final.mdl"));
        }
    }

    @Test
    void anEmptyVoskDirectorySaysWhatIsMissing(@TempDir Path dir) {
        assertThat(recognizers.open("fr", choice("vosk", "model", dir.toString()), 1))
                .isInstanceOfSatisfying(
                        Unavailable.class,
                        u -> assertThat(u.reason()).contains(dir + " is not a Vosk model (it has no am/final.mdl)"));
    }

    @Test
    void englishPocketsphinxIsLoadedOnceAndShared() {
        RecognizerSetup first = recognizers.open("en", choice("pocketsphinx", "decoders", "1"), 1);
        RecognizerSetup second = recognizers.open("en", choice("pocketsphinx", "decoders", "1"), 1);
        assertThat(first)
                .isInstanceOfSatisfying(
                        Ready.class, r -> assertThat(r.recognizer()).isInstanceOf(PocketSphinxRecognizer.class));
        assertThat(second).isSameAs(first);
        assertThat(first.engine()).isEqualTo("pocketsphinx(en-us)");
    }

    @Test
    void pocketsphinxLoadsADecoderForEachCallerWhoMaySpeakBeforeAnyoneSpeaks() {
        assertThat(decodersLoaded(recognizers.open("en", choice("pocketsphinx"), 3)))
                .as("three English callers")
                .isEqualTo(3);
        try (Recognizers few = new Recognizers(new ModelStore(models));
                Recognizers told = new Recognizers(new ModelStore(models))) {
            assertThat(decodersLoaded(few.open("en", choice("pocketsphinx"), 1)))
                    .as("one English caller: the smallest warm pool still")
                    .isEqualTo(Recognizers.WARM_DECODERS);
            assertThat(decodersLoaded(told.open("en", choice("pocketsphinx", "decoders", "1"), 3)))
                    .as("the decoders option says how many")
                    .isEqualTo(1);
        }
    }

    private static int decodersLoaded(RecognizerSetup setup) {
        assertThat(setup).isInstanceOf(Ready.class);
        return ((PocketSphinxRecognizer) ((Ready) setup).recognizer()).decodersLoaded();
    }

    @Test
    void aRemoteServerIsReadyWithoutContactingIt() {
        RecognizerSetup setup = recognizers.open(
                "fr", choice("openai", "url", "http://127.0.0.1:9", "apiKey", "sk-x", "model", "whisper-large-v3"), 1);
        assertThat(setup)
                .isInstanceOfSatisfying(
                        Ready.class, r -> assertThat(r.recognizer()).isInstanceOf(RemoteTranscriptionRecognizer.class));
        assertThat(setup.engine()).isEqualTo("openai(http://127.0.0.1:9, whisper-large-v3, fr)");
    }
}
