package io.parley.bridge;

import io.parley.speech.SpeechRecognizer;
import io.parley.speech.Synthesizer;
import io.parley.speech.Translator;
import java.util.Optional;

/**
 * The speech engines a translation bridge uses, chosen per language by the configuration. The
 * bridge knows only these interfaces.
 */
public interface SpeechServices {

    /** An engine, or why there is none and how to get one. */
    record Choice<T>(Optional<T> engine, String description, String reason) {
        public static <T> Choice<T> of(T engine, String description) {
            return new Choice<>(Optional.of(engine), description, "");
        }

        public static <T> Choice<T> none(String reason) {
            return new Choice<>(Optional.empty(), "none", reason);
        }
    }

    Choice<SpeechRecognizer> recognizer(String language);

    Choice<Translator> translator(String from, String to);

    Choice<Synthesizer> synthesizer(String language);

    /** Engine faults (restarts, crashes) are reported here by engines that supervise processes. */
    default long faults() {
        return 0;
    }
}
