/**
 * How parley writes its log lines: events as {@code key=value} pairs ({@link io.parley.log.KeyValueLine}),
 * quoted and escaped so that any value keeps the line whole. Imports nothing else of parley.
 */
package io.parley.log;
