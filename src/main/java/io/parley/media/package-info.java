/**
 * The real-time substrate under the legs and bridges: one {@link io.parley.media.MediaClock}
 * thread that runs every periodic media task at its own 20 ms deadline, one
 * {@link io.parley.media.UdpReactor} that receives every datagram, and the lock-free hand-off
 * between them ({@link io.parley.media.FrameQueue}). Knows nothing of RTP, codecs or bridges.
 */
package io.parley.media;
