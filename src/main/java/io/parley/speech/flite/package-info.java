/**
 * English speech synthesis with CMU Flite, run as a process per sentence. Its built-in voices
 * (kal16, slt, ...) speak at 16 000 Hz, kal at 8 000 Hz.
 */
package io.parley.speech.flite;
