package io.parley.config;

/**
 * How a translate-mode bridge treats its callers' speech.
 *
 * @param original       what the listener hears of the speaker's own voice under the translation
 * @param duckDb         gain applied to the original voice when {@code original} is {@code DUCKED} (negative dB)
 * @param maxLagMillis   an utterance that would start playing later than this after its speech ended is dropped
 * @param echoTailMillis the echo guard stays closed this long after playback to a leg ends
 * @param bargeIn        the listener speaking over a playback stops it
 * @param endOfSpeechMillis silence that ends an utterance: every translation waits this long after
 *                       the speaker stops, and a pause longer than this splits a sentence in two
 */
public record TranslationSettings(
        Original original,
        double duckDb,
        int maxLagMillis,
        int echoTailMillis,
        boolean bargeIn,
        int endOfSpeechMillis) {

    public static final TranslationSettings DEFAULT =
            new TranslationSettings(Original.DUCKED, -18.0, 4000, 300, false, 300);

    public enum Original {
        OFF,
        DUCKED,
        FULL
    }
}
