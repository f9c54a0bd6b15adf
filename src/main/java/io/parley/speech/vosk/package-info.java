/**
 * Vosk (Kaldi) speech recognition with a model directory the user downloads, through the
 * {@code com.alphacephei:vosk} library, which bundles its native code. Streaming, any language
 * Vosk has a model for; parley uses it for French.
 */
package io.parley.speech.vosk;
