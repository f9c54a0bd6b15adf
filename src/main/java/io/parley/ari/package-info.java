/**
 * The Asterisk REST Interface client, the call flows that put Stasis channels into parley's legs,
 * and the AudioSocket protocol.
 */
package io.parley.ari;
