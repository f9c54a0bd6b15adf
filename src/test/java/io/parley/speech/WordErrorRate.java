package io.parley.speech;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Word error rate: word-level edit distance (substitutions + deletions + insertions) between a
 * reference and a hypothesis, after lower-casing and dropping punctuation (apostrophes inside
 * words stay: "o'clock"). Digits and the keypad's {@code *} and {@code #} become the words a speaker
 * says for them ("press 9" is "press nine", "separated by *" is "separated by star"), since a
 * recogniser writes words: numbers up to 99 as one number, longer ones digit by digit, as phone
 * numbers are read.
 */
public final class WordErrorRate {
    private WordErrorRate() {}

    /** Errors against a reference of {@code words} words. */
    public record Score(int errors, int words) {
        public double rate() {
            return words == 0 ? 0 : (double) errors / words;
        }

        public Score plus(Score other) {
            return new Score(errors + other.errors, words + other.words);
        }
    }

    private static final List<String> UNITS = List.of(
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen");
    private static final List<String> TENS =
            List.of("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    public static List<String> words(String text) {
        String spelled = NUMBER.matcher(text.replace("*", " star ").replace("#", " pound "))
                .replaceAll(m -> " " + spell(m.group()) + " ");
        String cleaned = spelled.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9']+", " ")
                .replaceAll("(^|\\s)'+|'+(\\s|$)", " ")
                .strip();
        return cleaned.isEmpty() ? List.of() : Arrays.asList(cleaned.split("\\s+"));
    }

    private static String spell(String digits) {
        if (digits.length() > 2) {
            return String.join(
                    " ", digits.chars().mapToObj(c -> UNITS.get(c - '0')).toList());
        }
        int n = Integer.parseInt(digits);
        if (n < 20) {
            return UNITS.get(n);
        }
        return TENS.get(n / 10) + (n % 10 == 0 ? "" : " " + UNITS.get(n % 10));
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
