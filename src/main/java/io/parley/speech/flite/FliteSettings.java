package io.parley.speech.flite;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How to run Flite.
 *
 * @param program        the program, a name on {@code PATH} or a path ({@code flite})
 * @param voice          a built-in voice ({@code slt}, {@code kal16}, {@code awb}, {@code rms}, {@code kal})
 *                       or the path of a {@code .flitevox} file
 * @param wordsPerMinute speaking rate; empty keeps the voice's own
 *                       (about {@value FliteSynthesizer#NATURAL_WORDS_PER_MINUTE})
 * @param pitchHz        mean pitch in Hz ({@code int_f0_target_mean}); empty keeps the voice's own
 * @param timeout        a run that takes longer is killed and the sentence fails
 */
public record FliteSettings(
        String program, String voice, OptionalInt wordsPerMinute, OptionalInt pitchHz, Duration timeout) {

    public static final FliteSettings DEFAULT =
            new FliteSettings("flite", "slt", OptionalInt.empty(), OptionalInt.empty(), Duration.ofSeconds(5));

    public FliteSettings {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(voice, "voice");
        if (voice.isBlank()) {
            throw new IllegalArgumentException("flite voice must not be blank (e.g. slt, kal16)");
        }
        if (wordsPerMinute.isPresent() && (wordsPerMinute.getAsInt() < 60 || wordsPerMinute.getAsInt() > 450)) {
            throw new IllegalArgumentException(
                    "flite speed must be 60 to 450 words per minute: " + wordsPerMinute.getAsInt());
        }
        if (pitchHz.isPresent() && (pitchHz.getAsInt() < 50 || pitchHz.getAsInt() > 400)) {
            throw new IllegalArgumentException("flite pitch must be 50 to 400 Hz: " + pitchHz.getAsInt());
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("flite timeout must be positive: " + timeout);
        }
    }
}
