/**
 * Speech synthesis with eSpeak NG, run as a process per sentence (it is GPL; calling the
 * program keeps parley free of it). French and English, always 22 050 Hz.
 */
package io.parley.speech.espeak;
