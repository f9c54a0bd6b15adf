/**
 * Turns a language and a configured {@code EngineChoice} into a ready recogniser, or into the
 * reason it is unavailable and how to enable it.
 */
package io.parley.speech.engine;
