/**
 * A caller's RTP leg ({@link io.parley.rtpleg.RtpLeg}), the first step of a frame's path: who may
 * send to it and where its audio goes ({@link io.parley.rtpleg.SourceGuard}: the address signalling
 * gave, or a source that proved itself; {@link io.parley.rtpleg.SourceLatch} on a send-only port),
 * receiving and admitting packets ({@link io.parley.rtpleg.RtpReceiver}), then either a jitter buffer
 * that the media clock plays as 16 kHz frames ({@link io.parley.rtpleg.JitterPlayout}) or forwarding
 * each packet on arrival to another RTP leg ({@link io.parley.rtpleg.PacketForwarder}); and back,
 * one continuous RTP stream to the caller ({@link io.parley.rtpleg.RtpTransmitter}) with the
 * waiting tone while the other leg is empty. {@link io.parley.rtpleg.ExternalMediaLeg} is such a
 * leg straight from Asterisk's ExternalMedia. Keeps calls apart: nothing of one call reaches the
 * next. Uses {@code leg}, {@code rtp}, {@code audio} and {@code media}; knows nothing of bridges
 * or of the PCM link.
 */
package io.parley.rtpleg;
