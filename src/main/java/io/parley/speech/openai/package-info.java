/**
 * A remote recogniser speaking the OpenAI-compatible {@code POST /v1/audio/transcriptions} API
 * (OpenAI itself, or self-hosted servers such as faster-whisper or whisper.cpp's server): the
 * utterance is buffered and sent as a WAV file in {@code finish}.
 */
package io.parley.speech.openai;
