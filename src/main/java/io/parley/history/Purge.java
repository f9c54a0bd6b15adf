package io.parley.history;

/**
 * Retention: deletes calls that started before {@code callsBefore} and recordings that started
 * before {@code recordingsBefore}, and closes calls whose rows stopped being updated before
 * {@code staleBefore} without an end (their node stopped without ending them).
 */
record Purge(long callsBefore, long recordingsBefore, long staleBefore) implements Write {}
