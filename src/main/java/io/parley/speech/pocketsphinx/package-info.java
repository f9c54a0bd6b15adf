/**
 * English speech recognition in-process through Debian's libpocketsphinx (0.8+5prealpha API)
 * called with the FFM API, with a pool of decoders for concurrent utterances and a front end
 * tuned for telephone audio.
 */
package io.parley.speech.pocketsphinx;
