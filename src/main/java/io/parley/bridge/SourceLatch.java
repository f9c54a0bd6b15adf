package io.parley.bridge;

import io.parley.config.Codec;
import io.parley.media.UdpReactor;
import io.parley.rtp.DropReason;
import io.parley.rtp.RtpPacket;
import io.parley.rtp.RtpReceiveFilter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Learns where to send a stream that nobody sends audio for: the source of the RTP arriving on
 * the port (its audio is not played). ExternalMedia's translated-audio port uses it, so that any
 * RTP peer that sends there receives the translated speech.
 */
public final class SourceLatch implements UdpReactor.Receiver {
    private final RtpReceiveFilter filter = new RtpReceiveFilter(RtpReceiveFilter.DEFAULT_MAX_DATAGRAM_BYTES,
            Arrays.stream(Codec.values()).mapToInt(Codec::payloadType).toArray());
    private final RtpPacket packet = new RtpPacket();
    private volatile InetSocketAddress source;
    private volatile long lastArrivalNanos;
    private volatile long ignored;

    @Override
    public void onDatagram(ByteBuffer datagram, InetSocketAddress from, long arrivalNanos) {
        if (filter.admit(datagram.array(), 0, datagram.limit(), packet) != DropReason.NONE) {
            ignored++;
            return;
        }
        InetSocketAddress current = source;
        if (current != null && !current.equals(from)
                && arrivalNanos - lastArrivalNanos < RtpReceiver.RELATCH_AFTER_NANOS) {
            ignored++;
            return;
        }
        source = from;
        lastArrivalNanos = arrivalNanos;
    }

    /** Where to send, or null until an RTP peer has spoken. */
    public InetSocketAddress source() {
        return source;
    }

    public long ignored() {
        return ignored;
    }
}
