package io.parley.speech;

/**
 * Streaming speech-to-text for one language. One recogniser may serve several calls; each
 * utterance gets its own {@link RecognitionStream}. Audio goes in as parley's internal frames are:
 * 16-bit mono at 16 kHz; an engine that needs another rate converts inside.
 *
 * <p>Threading: {@link #start} and the returned stream are used from one pipeline thread at a
 * time, never from the media clock. Implementations may block inside {@code feed} and
 * {@code finish} (they are CPU work), so callers run them off the real-time path.
 */
public interface SpeechRecognizer extends AutoCloseable {

    /**
     * Begins one utterance. {@code partials} receives the current hypothesis whenever it
     * changes (possibly never); it is called on the thread that calls {@code feed}.
     */
    RecognitionStream start(PartialListener partials) throws SpeechException;

    /** Short name for logs and the dashboard, e.g. {@code pocketsphinx(en-us)}. */
    String describe();

    @Override
    default void close() {}

    /** Receives partial hypotheses of an utterance in progress. */
    @FunctionalInterface
    interface PartialListener {
        PartialListener NONE = text -> {};

        void onPartial(String text);
    }
}
