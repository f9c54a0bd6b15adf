/**
 * Running external engine programs safely: one call with a deadline ({@link io.parley.speech.process.ProgramCall}),
 * finding them on the {@code PATH} ({@link io.parley.speech.process.ProgramPath}), reading the WAV a
 * synthesiser writes ({@link io.parley.speech.process.ProgramCall#wav}). Never through a shell; text goes
 * as one argument or on standard input.
 */
package io.parley.speech.process;
