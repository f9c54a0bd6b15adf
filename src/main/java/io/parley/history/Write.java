package io.parley.history;

/**
 * One change to the history database, queued from the tracker to the writer. Every row write is
 * an upsert of the row's whole current state, so that a row dropped from a full queue is made
 * good by the next write of the same row.
 */
sealed interface Write permits CallRow, LegRow, UtteranceRow, FaultRow, RecordingRow, Purge {}
