/**
 * Running external engine programs safely: one call with a deadline ({@link io.parley.speech.process.ProgramCall}),
 * finding them on the {@code PATH} ({@link io.parley.speech.process.ProgramPath}), reading the WAV they
 * write ({@link io.parley.speech.process.WavDecoder}). Never through a shell; text goes as one argument
 * or on standard input.
 */
package io.parley.speech.process;
