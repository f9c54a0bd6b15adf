/**
 * whisper.cpp through {@code io.github.givimad:whisper-jni} with a ggml model file the user
 * downloads. Whisper is not streaming: an utterance is buffered and transcribed in {@code finish}.
 */
package io.parley.speech.whisper;
