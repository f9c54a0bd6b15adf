package io.parley.speech;

import io.parley.audio.AudioClip;

/** Text-to-speech. May block; never called on the media clock. */
public interface Synthesizer extends AutoCloseable {

    /** Speaks {@code text} in {@code language} (ISO 639-1); the rate is whatever the engine produces. */
    AudioClip synthesize(String text, String language) throws SpeechException;

    String describe();

    @Override
    default void close() {}
}
