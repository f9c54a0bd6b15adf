/**
 * Legs and bridges: RTP legs ({@link io.parley.bridge.RtpLeg}: ExternalMedia legs and gateways),
 * the PCM link between a gateway and a bridge in another process (each end hears only the other;
 * signed across hosts; in one process they talk in memory), the cross-patch and translation
 * bridges and their playout. A caller's packets either go through a jitter buffer onto the media
 * clock ({@link io.parley.bridge.JitterPlayout}) or, in a cross-patch of RTP legs, on to the other
 * leg as they arrive ({@link io.parley.bridge.PacketForwarder}). Also who may send RTP to a leg and
 * where its audio goes ({@link io.parley.bridge.SourceGuard}: the address signalling gave, or a
 * source that proved itself), the waiting tone a caller hears while the other leg is empty, and
 * keeping calls apart (nothing of one call reaches the next). Composes {@code rtp}, {@code audio}
 * and {@code speech}; publishes what happens on the {@code event} bus.
 */
package io.parley.bridge;
