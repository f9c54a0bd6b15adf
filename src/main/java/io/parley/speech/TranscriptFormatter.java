package io.parley.speech;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a recogniser's raw transcript ({@code "hello how are you"}) into a sentence a translator
 * handles well ({@code "Hello, how are you?"}). Rule-based translators such as Apertium read
 * lowercase {@code i} as an unknown word and need the end punctuation to close the sentence.
 *
 * <p>The rules are deliberately few, per language ({@code en}, {@code fr}; other languages get
 * only the first two):
 * <ol>
 *   <li>text that already holds punctuation ({@code . , ; : ? ! …}) came from a recogniser that
 *       punctuates and is returned as it is (trimmed);</li>
 *   <li>the first letter is capitalised and the sentence ends with {@code .} or {@code ?};</li>
 *   <li>English {@code i}, {@code i'm}, {@code i've}, ... become {@code I}, {@code I'm}, ...;</li>
 *   <li>a leading interjection ({@code hello}, {@code yes}, {@code bonjour}, ...) followed by more
 *       words gets a comma;</li>
 *   <li>it is a question when the first word after any interjection is a question word
 *       ({@code how}, {@code where}, {@code comment}, {@code où}, ... - in English not when a
 *       subject pronoun follows, as in "when I was young"), an English auxiliary followed by a
 *       subject ("can you ...", "is the ..."), or a French inversion ({@code pouvez-vous},
 *       {@code a-t-il}) or {@code est-ce que}.</li>
 * </ol>
 * It does not split run-on transcripts into several sentences.
 */
public final class TranscriptFormatter {

    private static final Pattern PUNCTUATION = Pattern.compile("[.,;:?!…¿¡]");
    private static final Pattern FRENCH_INVERSION =
            Pattern.compile("\\p{L}+-(t-)?(je|tu|il|elle|on|nous|vous|ils|elles)");

    private static final Rules ENGLISH = new Rules(
            Set.of("hello", "hi", "hey", "oh", "yes", "yeah", "okay", "ok"),
            Set.of(
                    "what", "what's", "where", "where's", "when", "why", "who", "who's", "whom", "whose", "which",
                    "how", "how's"),
            Set.of(
                    "am",
                    "is",
                    "isn't",
                    "are",
                    "aren't",
                    "was",
                    "wasn't",
                    "were",
                    "weren't",
                    "do",
                    "does",
                    "doesn't",
                    "did",
                    "didn't",
                    "don't",
                    "can",
                    "can't",
                    "could",
                    "couldn't",
                    "will",
                    "won't",
                    "would",
                    "wouldn't",
                    "shall",
                    "should",
                    "shouldn't",
                    "may",
                    "might",
                    "must",
                    "have",
                    "haven't",
                    "has",
                    "hasn't",
                    "had",
                    "hadn't"),
            Set.of(
                    "i",
                    "you",
                    "he",
                    "she",
                    "it",
                    "we",
                    "they",
                    "there",
                    "this",
                    "that",
                    "these",
                    "those",
                    "the",
                    "my",
                    "your",
                    "his",
                    "her",
                    "its",
                    "our",
                    "their",
                    "anyone",
                    "anybody",
                    "someone",
                    "somebody",
                    "everyone",
                    "everybody"),
            Set.of("i", "you", "he", "she", "we", "they"),
            Map.of("i", "I", "i'm", "I'm", "i've", "I've", "i'll", "I'll", "i'd", "I'd"));

    private static final Rules FRENCH = new Rules(
            Set.of("bonjour", "bonsoir", "salut", "allô", "oui", "ah", "oh"),
            Set.of(
                    "qui",
                    "que",
                    "qu'est-ce",
                    "quoi",
                    "où",
                    "quand",
                    "comment",
                    "pourquoi",
                    "combien",
                    "quel",
                    "quelle",
                    "quels",
                    "quelles",
                    "lequel",
                    "laquelle",
                    "lesquels",
                    "lesquelles",
                    "est-ce"),
            Set.of(),
            Set.of(),
            Set.of(),
            Map.of());

    private static final Rules OTHER = new Rules(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Map.of());

    private TranscriptFormatter() {}

    /** Formats {@code text} spoken in {@code language} (ISO 639-1); blank text gives "". */
    public static String format(String text, String language) {
        String trimmed = text.strip().replaceAll("\\s+", " ");
        if (trimmed.isEmpty() || PUNCTUATION.matcher(trimmed).find()) {
            return trimmed;
        }
        Rules rules = switch (language.toLowerCase(Locale.ROOT)) {
            case "en" -> ENGLISH;
            case "fr" -> FRENCH;
            default -> OTHER;
        };
        String[] words = trimmed.split(" ");
        for (int i = 0; i < words.length; i++) {
            words[i] = rules.capitalised.getOrDefault(lower(words[i]), words[i]);
        }
        int first = 0;
        while (first < words.length - 1 && rules.interjections.contains(lower(words[first]))) {
            words[first] = words[first] + ",";
            first++;
        }
        boolean question = rules.isQuestion(words, first) || isFrenchQuestion(language, words[first]);
        words[0] = capitaliseFirstLetter(words[0]);
        return String.join(" ", words) + (question ? "?" : ".");
    }

    private static boolean isFrenchQuestion(String language, String word) {
        return language.equalsIgnoreCase("fr")
                && FRENCH_INVERSION.matcher(lower(word)).matches();
    }

    private static String capitaliseFirstLetter(String word) {
        int cp = word.codePointAt(0);
        return new StringBuilder()
                .appendCodePoint(Character.toUpperCase(cp))
                .append(word, Character.charCount(cp), word.length())
                .toString();
    }

    private static String lower(String word) {
        return word.toLowerCase(Locale.ROOT);
    }

    /**
     * @param auxiliaries   open a question only when followed by one of {@code subjects}
     * @param notQuestionIf a question word followed by one of these opens a statement ("when I was")
     * @param capitalised   words always written with capitals
     */
    private record Rules(
            Set<String> interjections,
            Set<String> questionWords,
            Set<String> auxiliaries,
            Set<String> subjects,
            Set<String> notQuestionIf,
            Map<String, String> capitalised) {

        boolean isQuestion(String[] words, int first) {
            String head = lower(words[first]);
            String next = first + 1 < words.length ? lower(words[first + 1]) : "";
            if (questionWords.contains(head)) {
                return !notQuestionIf.contains(next);
            }
            return auxiliaries.contains(head) && subjects.contains(next);
        }
    }
}
