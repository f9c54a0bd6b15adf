/**
 * RTP as bytes (RFC 3550): packets, sequence-number arithmetic, per-stream statistics and the
 * jitter buffer. Imports nothing else of parley; errors on the per-packet path are values
 * ({@link io.parley.rtp.DropReason}), not exceptions.
 */
package io.parley.rtp;
