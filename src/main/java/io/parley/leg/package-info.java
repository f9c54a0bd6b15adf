/**
 * What a leg is to a bridge, whatever carries it (RTP, a PCM link, an AudioSocket connection):
 * {@link io.parley.leg.LegSide} (start the caller's audio, send them audio, signalling's hooks,
 * statistics), the internal frame format ({@link io.parley.leg.Frames}: 16 kHz, 20 ms), who hears
 * a caller's frames ({@link io.parley.leg.FrameListener}) or packets ({@link io.parley.leg.PacketSink}),
 * whether a caller is on the leg ({@link io.parley.leg.Presence}), a clock task whose phase follows
 * its input stream ({@link io.parley.leg.StreamClock}), how a leg binds its planned ports
 * ({@link io.parley.leg.PortBinder}) and the waiting tone a caller hears until the other leg has a
 * caller ({@link io.parley.leg.WaitingTone}). Uses {@code media}, {@code rtp} and {@code audio};
 * knows no transport's details and nothing of bridges.
 */
package io.parley.leg;
