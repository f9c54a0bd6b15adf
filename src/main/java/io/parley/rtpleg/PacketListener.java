package io.parley.rtpleg;

import io.parley.rtp.RtpPacket;

/**
 * Takes the packets an {@link RtpReceiver} accepted, on its reactor thread: a jitter buffer that
 * the media clock plays from ({@link JitterPlayout}), or a forwarder that sends each one on at once
 * ({@link PacketForwarder}). The packet is only valid during the call.
 */
interface PacketListener {
    PacketListener NONE = (packet, arrivalNanos) -> {};

    void onPacket(RtpPacket packet, long arrivalNanos);

    /**
     * A packet held while its source was on probation, given when the source is accepted, just
     * before the packet that completed probation.
     */
    default void onHeldPacket(RtpPacket packet, long arrivalNanos) {
        onPacket(packet, arrivalNanos);
    }
}
