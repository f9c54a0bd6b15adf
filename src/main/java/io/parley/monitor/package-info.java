/**
 * Everything that watches: dashboards, the status API, Prometheus metrics, the TCP metrics feed
 * and the transcript logs. Reads only from the event bus; the media path never waits for it.
 */
package io.parley.monitor;
