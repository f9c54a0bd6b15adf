package io.parley.speech;

/** One utterance being recognised: audio goes in while the caller speaks, text comes out at the end. */
public interface RecognitionStream extends AutoCloseable {

    /** Feeds 16-bit mono samples at 16 kHz. */
    void feed(short[] samples, int offset, int length) throws SpeechException;

    /** Ends the utterance and returns the final text, empty when nothing was recognised. */
    String finish() throws SpeechException;

    /** Abandons the utterance; safe to call after {@code finish} and more than once. */
    @Override
    void close();
}
