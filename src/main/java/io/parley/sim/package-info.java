/**
 * Simulated callers: play Asterisk's part over real RTP on the configured ports, for the demo,
 * the tests and the load command.
 */
package io.parley.sim;
