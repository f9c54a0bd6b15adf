/**
 * RTP as bytes (RFC 3550): packets, sequence-number arithmetic, per-stream statistics, the jitter
 * buffer, the order packets arrive in, and an outgoing stream that stays continuous whether its
 * packets are made here or relayed from another stream. Imports nothing else of parley; errors on
 * the per-packet path are values ({@link io.parley.rtp.DropReason}), not exceptions.
 */
package io.parley.rtp;
