/**
 * Call history: a record of every call a bridge carries, from the first caller's arrival to the
 * last caller's departure, with its legs' RTP summaries, every utterance and the engine faults,
 * kept in a database (SQLite in the data directory by default, PostgreSQL for several nodes),
 * searchable, exported as JSON and CSV, pruned after its retention; and, when configured,
 * recordings of what each caller said and heard.
 *
 * <p>Threading: records are built from the event bus on this package's own thread
 * ({@link io.parley.history.CallTracker}) and written by another ({@link io.parley.history.HistoryWriter})
 * through a bounded queue that drops, and counts, what a slow or absent database cannot take.
 * Recording taps run on media threads but only copy a frame into a preallocated ring; the WAV
 * files are written on the recorder's thread. Nothing here can make the media wait.
 */
package io.parley.history;
