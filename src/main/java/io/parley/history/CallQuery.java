package io.parley.history;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A search of the history: every filter is optional. Calls come newest first.
 *
 * @param bridge    only calls of this bridge
 * @param extension only calls with a leg on this extension
 * @param from      only calls that started at or after this time (epoch milliseconds)
 * @param to        only calls that started before this time
 * @param text      only calls in which an utterance's text or translation holds every word of this
 *                  (each word also matches as the start of a longer one)
 * @param limit     at most this many calls, 1 to {@link #MAX_LIMIT}
 * @param offset    skip this many first
 */
public record CallQuery(
        Optional<String> bridge,
        Optional<String> extension,
        Optional<Long> from,
        Optional<Long> to,
        Optional<String> text,
        int limit,
        int offset) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;
    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    public CallQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit " + limit + " is outside 1.." + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset " + offset + " is negative");
        }
        bridge = bridge.filter(s -> !s.isBlank());
        extension = extension.filter(s -> !s.isBlank());
        text = text.filter(s -> !words(s).isEmpty());
    }

    /** Every call, newest first, {@link #DEFAULT_LIMIT} of them. */
    public static CallQuery all() {
        return new CallQuery(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                DEFAULT_LIMIT,
                0);
    }

    public CallQuery withLimit(int n) {
        return new CallQuery(bridge, extension, from, to, text, n, offset);
    }

    /**
     * The words of a text search: letters and digits, lower-case, accents removed (both databases
     * index them folded), anything else separates.
     */
    static List<String> words(String text) {
        String folded =
                MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return Arrays.stream(NOT_A_WORD.split(folded.toLowerCase(Locale.ROOT)))
                .filter(w -> !w.isEmpty())
                .toList();
    }
}
