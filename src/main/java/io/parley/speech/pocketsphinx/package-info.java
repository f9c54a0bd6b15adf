/**
 * English speech recognition in-process through Debian's libpocketsphinx (0.8+5prealpha API)
 * called with the FFM API, with a pool of decoders for concurrent utterances and the model's
 * means adapted to human telephone speech (a resource made by scripts/adapt-phone-model.sh).
 */
package io.parley.speech.pocketsphinx;
