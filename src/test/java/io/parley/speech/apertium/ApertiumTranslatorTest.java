package io.parley.speech.apertium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.speech.EngineFaultListener;
import io.parley.speech.SpeechException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real Debian Apertium, en<->fr through Spanish. */
class ApertiumTranslatorTest {

    private static ApertiumTranslator translator;

    @BeforeAll
    static void start() throws SpeechException {
        translator = ApertiumTranslator.start(ApertiumSettings.DEFAULT, EngineFaultListener.NONE);
    }

    @AfterAll
    static void stop() {
        translator.close();
    }

    /** Key words of what Debian's Apertium 3.8.3 gives; none of them is also an English word. */
    @ParameterizedTest(name = "en->fr \"{0}\" has {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Hello, how are you?              | comment
            hello how are you                | comment
            I am fine, thank you.            | je suis
            i am fine thank you              | je suis
            the dog eats an apple            | chien, mange, pomme
            the weather is very nice today   | temps, très, aujourd'hui
            thank you very much              | merci beaucoup
            good morning                     | bonjour
            """)
    void translatesEnglishToFrench(String english, String keyWords) throws SpeechException {
        String french = translator.translate(english, "en", "fr");
        assertThat(french.toLowerCase()).contains(keyWords.split(", "));
        assertThat(french).isNotEqualToIgnoringCase(english);
    }

    @ParameterizedTest(name = "fr->en \"{0}\" has {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Je suis très content de vous voir.   | very happy, see you
            je suis très content de vous voir    | very happy, see you
            le chat mange une pomme              | cat, eats, apple
            nous allons à la plage demain        | beach, tomorrow
            merci beaucoup                       | thank you
            """)
    void translatesFrenchToEnglish(String french, String keyWords) throws SpeechException {
        String english = translator.translate(french, "fr", "en");
        assertThat(english.toLowerCase()).contains(keyWords.split(", "));
    }

    @Test
    void restoresCapitalsAndPunctuationBeforeTranslating() throws SpeechException {
        // Lowercase "i" is an unknown word to Apertium: "I Suis des fines grâces" without the formatter.
        assertThat(translator.translate("i am fine thank you", "en", "fr"))
                .startsWith("Je suis")
                .endsWith(".");
        assertThat(translator.translate("hello how are you", "en", "fr")).endsWith("?");
    }

    @Test
    void unknownWordsPassThroughUnmarked() throws SpeechException {
        String french = translator.translate("The zorblax ate my smartphone and the quinoa, lol.", "en", "fr");
        assertThat(french).contains("zorblax", "quinoa").doesNotContain("*", "#", "@");
        String english = translator.translate("Le zorblax a mangé mon smartphone.", "fr", "en");
        assertThat(english).contains("zorblax").doesNotContain("*", "#", "@");
    }

    @Test
    void charactersOfTheStreamFormatSurvive() throws SpeechException {
        String french = translator.translate("The price is $5 [approx] at home/work, see <x> @me.", "en", "fr");
        assertThat(french).contains("$5", "[approx]", "/", "<x>", "@");
    }

    @Test
    void everyReplyBelongsToItsOwnSentenceInAnyOrder() throws SpeechException {
        List<String> sentences = List.of(
                "the dog eats an apple",
                "thank you very much",
                "good morning",
                "the weather is very nice today",
                "i am fine thank you",
                "where is the train station",
                "we are going to the beach tomorrow",
                "what time is it");
        Map<String, String> first = new LinkedHashMap<>();
        for (String s : sentences) {
            first.put(s, translator.translate(s, "en", "fr"));
        }
        List<String> shuffled = new ArrayList<>(sentences);
        Collections.shuffle(shuffled, new Random(42));
        for (String s : shuffled) {
            assertThat(translator.translate(s, "en", "fr")).as(s).isEqualTo(first.get(s));
        }
        assertThat(first.values()).doesNotHaveDuplicates();
    }

    @Test
    void blankTextIsEmptyWithoutAskingTheEngine() throws SpeechException {
        assertThat(translator.translate("  \n ", "en", "fr")).isEmpty();
    }

    @Test
    void sameLanguageIsPassedThrough() throws SpeechException {
        assertThat(translator.translate("hello how are you", "en", "en")).isEqualTo("hello how are you");
    }

    @Test
    void anUnknownRouteIsRefusedNamingTheRoutes() {
        assertThatThrownBy(() -> translator.translate("hallo", "de", "fr"))
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining("no route de->fr; routes: en->fr, fr->en");
    }

    @Test
    void describesItsRoutes() {
        assertThat(translator.describe()).isEqualTo("apertium(en->fr via eng-spa+es-fr, fr->en via fr-es+spa-eng)");
        assertThat(translator.faults()).isZero();
    }
}
