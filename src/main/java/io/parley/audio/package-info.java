/**
 * Audio as samples: G.711 and linear codecs, resampling, levels, voice activity, concealment and WAV files.
 * <p>Internal audio is 16-bit signed mono at 16 kHz in 20 ms frames (320 samples); conversions
 * happen at the edges. Imports nothing else of parley.
 */
package io.parley.audio;
