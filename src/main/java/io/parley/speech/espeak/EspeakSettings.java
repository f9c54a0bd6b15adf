package io.parley.speech.espeak;

import java.time.Duration;
import java.util.Objects;

/**
 * How to run eSpeak NG.
 *
 * @param program        the program, a name on {@code PATH} or a path ({@code espeak-ng})
 * @param voice          an eSpeak voice ({@code fr-fr}, {@code en-us}, {@code en-gb-x-rp}, ...) used for
 *                       every language, or empty to pick one by language ({@link #voiceFor})
 * @param wordsPerMinute speaking rate, 80 to 450 ({@code -s}; eSpeak's default is 175)
 * @param pitch          pitch adjustment, 0 to 99 ({@code -p}; default 50)
 * @param timeout        a run that takes longer is killed and the sentence fails
 */
public record EspeakSettings(String program, String voice, int wordsPerMinute, int pitch, Duration timeout) {

    public static final EspeakSettings DEFAULT = new EspeakSettings("espeak-ng", "", 175, 50, Duration.ofSeconds(5));

    public EspeakSettings {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(voice, "voice");
        if (wordsPerMinute < 80 || wordsPerMinute > 450) {
            throw new IllegalArgumentException("espeak-ng speed must be 80 to 450 words per minute: " + wordsPerMinute);
        }
        if (pitch < 0 || pitch > 99) {
            throw new IllegalArgumentException("espeak-ng pitch must be 0 to 99: " + pitch);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("espeak-ng timeout must be positive: " + timeout);
        }
    }

    /** The voice for {@code language}: the configured one, else {@code en-us} for English, {@code fr-fr} for French. */
    public String voiceFor(String language) {
        if (!voice.isEmpty()) {
            return voice;
        }
        return switch (language) {
            case "en" -> "en-us";
            case "fr" -> "fr-fr";
            default -> language;
        };
    }
}
