package io.parley.speech;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Word error rate: word-level edit distance (substitutions + deletions + insertions) between a
 * reference and a hypothesis, after lower-casing and dropping punctuation (apostrophes inside
 * words stay: "o'clock").
 */
public final class WordErrorRate {
    private WordErrorRate() {
    }

    /** Errors against a reference of {@code words} words. */
    public record Score(int errors, int words) {
        public double rate() {
            return words == 0 ? 0 : (double) errors / words;
        }

        public Score plus(Score other) {
            return new Score(errors + other.errors, words + other.words);
        }
    }

    public static List<String> words(String text) {
        String cleaned = text.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9']+", " ")
                .replaceAll("(^|\\s)'+|'+(\\s|$)", " ")
                .strip();
        return cleaned.isEmpty() ? List.of() : Arrays.asList(cleaned.split("\\s+"));
    }

    public static Score score(String reference, String hypothesis) {
        List<String> ref = words(reference);
        List<String> hyp = words(hypothesis);
        int[] previous = new int[hyp.size() + 1];
        int[] current = new int[hyp.size() + 1];
        for (int j = 0; j <= hyp.size(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= ref.size(); i++) {
            current[0] = i;
            for (int j = 1; j <= hyp.size(); j++) {
                int substitution = previous[j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return new Score(previous[hyp.size()], ref.size());
    }
}
