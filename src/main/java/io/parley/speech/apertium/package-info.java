/**
 * Machine translation with Apertium, run as persistent pipelines of its stage programs.
 *
 * <p>Each language route (en->fr: {@code eng-spa} then {@code es-fr}) is one chain of processes
 * built from Debian's mode files with every stage in null-flush mode ({@code -z}): a request is
 * text ending in a NUL byte, the reply is read up to the NUL. The word-blank helper stages that
 * {@code apertium -z} inserts are not null-flushed in Apertium 3.8.3 and make it hang; they are
 * left out (plain text has no word blanks). A chain that dies or stops answering is killed and
 * started again. Apertium and its data are GPL: parley only runs them as programs.
 */
package io.parley.speech.apertium;
