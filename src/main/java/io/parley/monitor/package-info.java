/**
 * Everything that watches: dashboards, the status API, Prometheus metrics and the TCP metrics
 * feed. Reads only from the event bus; the media path never waits for it.
 */
package io.parley.monitor;
