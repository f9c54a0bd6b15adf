package io.parley.leg;

import io.parley.rtp.RtpPacket;

/**
 * Where a caller's RTP packets go when a bridge forwards them as they arrive: the other leg's
 * outgoing stream (see {@link LegSide#packetSink}).
 */
@FunctionalInterface
public interface PacketSink {
    /**
     * Sends {@code packet} (accepted by the sending leg: its source allowed, its payload type one of
     * the sink's clock rate) on to this sink's caller now. Runs on the sending leg's reactor thread,
     * so it must not block; it allocates nothing.
     */
    void forward(RtpPacket packet, long arrivalNanos);
}
