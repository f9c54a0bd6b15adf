package io.parley.rtpleg;

import io.parley.config.Codec;
import io.parley.config.SourcePin;
import io.parley.leg.Presence;
import io.parley.media.UdpReactor;
import io.parley.rtp.DropReason;
import io.parley.rtp.RtpPacket;
import io.parley.rtp.RtpReceiveFilter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * Learns where to send a stream that nobody sends audio for: the source of the RTP arriving on
 * the port (its audio is not played), accepted as a {@link SourceGuard} without signalling accepts
 * one: after probation, held while alive, within the leg's pin. ExternalMedia's translated-audio
 * port uses it, so that an RTP peer that sends there (a recorder) receives the translated speech.
 */
public final class SourceLatch implements UdpReactor.Receiver {
    private final RtpReceiveFilter filter = new RtpReceiveFilter(
            RtpReceiveFilter.DEFAULT_MAX_DATAGRAM_BYTES,
            Arrays.stream(Codec.values()).mapToInt(Codec::payloadType).toArray());
    private final RtpPacket packet = new RtpPacket();
    private final SourceGuard guard;
    private volatile long ignored;

    public SourceLatch() {
        this(Optional.empty());
    }

    public SourceLatch(Optional<SourcePin> pin) {
        this.guard = new SourceGuard(pin, Presence.RTP_NANOS);
    }

    @Override
    public void onDatagram(ByteBuffer datagram, InetSocketAddress from, long arrivalNanos) {
        if (filter.admit(datagram.array(), 0, datagram.limit(), packet) != DropReason.NONE
                || guard.admit(from, packet.sequenceNumber(), arrivalNanos) == SourceGuard.Verdict.DROP) {
            ignored++;
        }
    }

    /** Where to send, or null until an RTP peer has completed probation. */
    public InetSocketAddress source() {
        return guard.remote();
    }

    public long ignored() {
        return ignored;
    }
}
