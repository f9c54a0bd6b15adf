package io.parley.speech;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.speech.HumanSpeech.Half;
import io.parley.speech.HumanSpeech.Recording;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The development set is exactly what issue 11 names, and its halves share no sentence. */
class HumanSpeechTest {

    @Test
    void onlyTopLevelRecordingsATokWithFiveToThirtyWords() {
        assertThat(HumanSpeech.available())
                .as("apt-get install " + HumanSpeech.PACKAGE)
                .isTrue();
        List<Recording> set = HumanSpeech.developmentSet();
        assertThat(set).hasSize(92);
        assertThat(set).allSatisfy(r -> {
            assertThat(r.name()).matches("[a-k][^/]*");
            assertThat(r.file().getParent()).isEqualTo(HumanSpeech.SOUNDS);
            assertThat(r.text()).doesNotStartWith("[");
            assertThat(WordErrorRate.words(r.text()).size()).isBetween(5, 30);
        });
        assertThat(set.stream()
                        .mapToInt(r -> WordErrorRate.words(r.text()).size())
                        .sum())
                .isEqualTo(793);
    }

    @Test
    void theHalvesShareNoSentence() {
        Set<String> a = texts(HumanSpeech.half(Half.A));
        Set<String> b = texts(HumanSpeech.half(Half.B));
        assertThat(a).doesNotContainAnyElementsOf(b);
        assertThat(HumanSpeech.half(Half.A)).hasSize(47);
        assertThat(HumanSpeech.half(Half.B)).hasSize(45);
    }

    private static Set<String> texts(List<Recording> recordings) {
        return recordings.stream()
                .map(r -> String.join(" ", WordErrorRate.words(r.text())))
                .collect(Collectors.toSet());
    }
}
