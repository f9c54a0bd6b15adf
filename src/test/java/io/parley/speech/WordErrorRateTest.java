package io.parley.speech;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.speech.WordErrorRate.Score;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordErrorRateTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" vs \"{1}\" -> {2}/{3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            Hello, world.                     | hello world                   | 0 | 2
            The bank closes at five o'clock.  | the bank closes at five o'clock | 0 | 6
            I lost my credit card.            | i love my credit card         | 1 | 5
            I lost my credit card.            | i lost credit card            | 1 | 5
            I lost my credit card.            | i lost my red credit card     | 1 | 5
            can you hear me                   | ""                            | 4 | 4
            one two three                     | three two one                 | 2 | 3
            Sorry, the line is very bad!      | sorry the line is very bad    | 0 | 6
            a b c d                           | x b c d e                     | 2 | 4
            """)
    void countsSubstitutionsDeletionsAndInsertions(String reference, String hypothesis, int errors, int words) {
        assertThat(WordErrorRate.score(reference, hypothesis)).isEqualTo(new Score(errors, words));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            Hello, John!        | hello john
            'quoted' words      | quoted words
            five o'clock.       | five o'clock
            MIXED Case          | mixed case
            Press 9 now.        | press nine now
            dial 42 or 15       | dial forty two or fifteen
            call 555-1234       | call five five five one two three four
            separated by * and #  | separated by star and pound
            """)
    void normalisesCaseAndPunctuation(String text, String words) {
        assertThat(String.join(" ", WordErrorRate.words(text))).isEqualTo(words);
    }
}
