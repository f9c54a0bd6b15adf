/**
 * The event bus and the events that flow on it, from media and speech code to the monitors.
 * Publishing never blocks; each subscriber drains its own bounded queue on its own thread.
 */
package io.parley.event;
