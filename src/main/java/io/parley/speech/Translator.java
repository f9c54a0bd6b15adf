package io.parley.speech;

/**
 * Text-to-text translation between two languages (ISO 639-1 codes such as {@code en}, {@code fr}).
 * May block; never called on the media clock.
 */
public interface Translator extends AutoCloseable {

    /** Passes text through unchanged: the choice when both legs speak the same language. */
    Translator PASSTHROUGH = new Translator() {
        @Override
        public String translate(String text, String from, String to) {
            return text;
        }

        @Override
        public String describe() {
            return "passthrough";
        }
    };

    String translate(String text, String from, String to) throws SpeechException;

    String describe();

    @Override
    default void close() {}
}
