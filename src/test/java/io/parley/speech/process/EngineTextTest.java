package io.parley.speech.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.speech.SpeechException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "hello"                  | hello
            "  two   words  "        | two words
            "-v --help"              | -v --help
            "été à Paris"            | été à Paris
            """)
    void keepsOrdinaryText(String text, String expected) throws SpeechException {
        assertThat(EngineText.clean("e", text)).isEqualTo(expected);
    }

    @Test
    void controlCharactersBecomeSpaces() throws SpeechException {
        assertThat(EngineText.clean("e", "one\u0000two\nthree\r\nfour\tfive\u0007six\u2028seven"))
                .isEqualTo("one two three four five six seven");
    }

    @Test
    void tooLongTextIsRefusedWithTheBound() {
        String text = "a".repeat(EngineText.MAX_CHARS + 1);
        assertThatThrownBy(() -> EngineText.clean("espeak-ng", text))
                .isInstanceOf(SpeechException.class)
                .hasMessage("espeak-ng: text of 4001 characters is longer than 4000; pass one sentence at a time");
    }
}
