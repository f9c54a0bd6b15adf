/**
 * The real-time substrate under the legs and bridges: media clocks ({@link io.parley.media.MediaClock},
 * one thread each; {@link io.parley.media.MediaClocks} keeps one per core, each bridge on one) that
 * run every periodic media task at its own 20 ms deadline; the {@link io.parley.media.UdpReactor},
 * whose few threads (two in {@code parley run}) receive every datagram of every parley socket
 * ({@link io.parley.media.UdpEndpoint}); the lock-free hand-off between a reactor thread and a clock
 * ({@link io.parley.media.FrameQueue}); and the injectable {@link io.parley.media.TimeSource} that lets
 * tests run a clock in virtual time. Knows nothing of RTP, codecs, legs or bridges.
 */
package io.parley.media;
