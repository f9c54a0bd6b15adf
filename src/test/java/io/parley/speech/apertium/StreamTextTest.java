package io.parley.speech.apertium;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "Hello, how are you?"       | "Hello, how are you? "
            "a^b$c/d@e"                 | "a\\^b\\$c\\/d\\@e "
            "<x> [y] {z} \\"            | "\\<x\\> \\[y\\] \\{z\\} \\\\ "
            "*star #hash"               | "*star #hash "
            """)
    void deformatEscapesTheFormatsOwnCharactersAndEndsWithABlank(String text, String request) {
        assertThat(StreamText.deformat(text)).isEqualTo(request);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "Hello, how are you?"
            "a^b$c/d@e <x> [y] {z} \\ end"
            "Où est la gare ?"
            """)
    void reformatUndoesDeformat(String text) {
        assertThat(StreamText.reformat(StreamText.deformat(text), "fr")).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            en | " Greeting,  how go you ? "     | "Greeting, how go you?"
            en | "I do not comprise . "          | "I do not comprise."
            fr | " Où est la gare ? "            | "Où est la gare ?"
            fr | "Je suis bien , merci . "       | "Je suis bien, merci."
            en | "Mon prix est \\$5 \\@maison"   | "Mon prix est $5 @maison"
            """)
    void reformatTidiesSpacing(String language, String reply, String text) {
        assertThat(StreamText.reformat(reply, language)).isEqualTo(text);
    }
}
