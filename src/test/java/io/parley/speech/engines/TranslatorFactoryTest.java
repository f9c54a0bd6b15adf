package io.parley.speech.engines;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.config.EngineChoice;
import io.parley.speech.Availability;
import io.parley.speech.Availability.Available;
import io.parley.speech.Availability.Unavailable;
import io.parley.speech.EngineFaultListener;
import io.parley.speech.SpeechException;
import io.parley.speech.Translator;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TranslatorFactoryTest {

    @Test
    void apertiumStartsAndTranslates() throws SpeechException {
        Availability<Translator> result = TranslatorFactory.create(
                new EngineChoice("apertium", Map.of("timeout-ms", "3000")), EngineFaultListener.NONE);
        assertThat(result).isInstanceOf(Available.class);
        try (Translator translator = ((Available<Translator>) result).engine()) {
            assertThat(translator.translate("thank you very much", "en", "fr")).containsIgnoringCase("merci");
        }
    }

    @Test
    void missingModesNameThePathAndThePackage(@TempDir Path empty) {
        assertThat(reason(new EngineChoice("apertium", Map.of("modes", empty.toString()))))
                .contains(empty.resolve("eng-spa.mode").toString())
                .contains("install the Debian package apertium-eng-spa");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            apertium | timeout    | 5    | apertium: unknown option 'timeout'; known options: modes, start-timeout-ms, timeout-ms
            apertium | timeout-ms | fast | apertium: option 'timeout-ms' must be a whole number of milliseconds, not 'fast'
            apertium | timeout-ms | 0    | apertium: option 'timeout-ms' must be positive: 0
            """)
    void badOptionsAreExplained(String engine, String key, String value, String reason) {
        assertThat(reason(new EngineChoice(engine, Map.of(key, value)))).isEqualTo(reason);
    }

    @Test
    void noneAndUnknownEnginesAreExplained() {
        assertThat(reason(EngineChoice.NONE)).contains("engine: none").contains("set engine: apertium");
        assertThat(reason(new EngineChoice("deepl", Map.of())))
                .isEqualTo("unknown translation engine 'deepl'; known: apertium, none");
    }

    private static String reason(EngineChoice choice) {
        Availability<Translator> result = TranslatorFactory.create(choice, EngineFaultListener.NONE);
        assertThat(result).isInstanceOf(Unavailable.class);
        return ((Unavailable<Translator>) result).reason();
    }
}
