package io.parley.speech.engines;

import io.parley.speech.SpeechRecognizer;
import java.util.Objects;

/** What became of a configured recogniser: ready to use, or unavailable with the reason and the fix. */
public sealed interface RecognizerSetup {

    /** Short name for logs and the dashboard: the recogniser's description, or the engine name. */
    String engine();

    /** A loaded recogniser. Owned by the {@link Recognizers} that made it: do not close it yourself. */
    record Ready(SpeechRecognizer recognizer) implements RecognizerSetup {
        public Ready {
            Objects.requireNonNull(recognizer, "recognizer");
        }

        @Override
        public String engine() {
            return recognizer.describe();
        }
    }

    /**
     * No recogniser: {@code reason} says why and how to enable one, in words fit for the start-up
     * log, {@code /status} and the dashboard.
     */
    record Unavailable(String engine, String reason) implements RecognizerSetup {
        public Unavailable {
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
