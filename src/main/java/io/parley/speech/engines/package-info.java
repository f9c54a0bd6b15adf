/**
 * Turns the configuration's engine choices into started recognisers, translators and
 * synthesisers (finding models that {@code parley models install} downloaded), or into the
 * reason why there is none and how to enable it; {@link
 * io.parley.speech.engines.SpeechEngines} keeps them for the whole process.
 */
package io.parley.speech.engines;
