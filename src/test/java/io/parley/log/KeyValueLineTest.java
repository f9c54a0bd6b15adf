package io.parley.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyValueLineTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "plain|k=plain",
                "3333->4444|k=3333->4444",
                "two words|k=\"two words\"",
                "''|k=\"\"",
                "a=b|k=\"a=b\"",
                "say \"hi\"|k=\"say \\\"hi\\\"\"",
                "back\\slash|k=\"back\\\\slash\"",
                "Très bien|k=\"Très bien\""
            })
    void valuesAreQuotedOnlyWhenTheyMustBe(String value, String expected) {
        assertThat(new KeyValueLine().add("k", value).toString()).isEqualTo(expected);
    }

    @Test
    void newlinesAndTabsAreEscaped() {
        assertThat(new KeyValueLine().add("k", "a\nb\tc").add("n", 3).toString())
                .isEqualTo("k=\"a\\nb\\tc\" n=3");
    }
}
