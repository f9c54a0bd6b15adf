package io.parley.sim;

import io.parley.audio.AudioCodec;
import io.parley.media.UdpReactor;
import io.parley.rtp.DropReason;
import io.parley.rtp.RtpPacket;
import io.parley.rtp.RtpReceiveFilter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The receiving half of a simulated caller: RTP that parley sends back to the caller's socket is
 * admitted, decoded by its payload type (any of the given codecs; Asterisk would accept any of
 * them too) and handed to {@link HeardAudio} with its arrival time. Anything else is counted.
 *
 * <p>Threading contract: {@link #onDatagram} runs on one reactor thread and allocates nothing.
 */
final class CallerEar implements UdpReactor.Receiver {
    private final RtpReceiveFilter filter;
    private final RtpPacket packet = new RtpPacket();
    private final AudioCodec[] decoders = new AudioCodec[128];
    private final short[] decoded = new short[RtpReceiveFilter.DEFAULT_MAX_DATAGRAM_BYTES];
    private final HeardAudio heard;
    private volatile long rejected;
    private volatile InetSocketAddress lastSource;

    /** @param codecs payload type to codec, for the payload types this caller accepts */
    CallerEar(Map<Integer, AudioCodec> codecs, HeardAudio heard) {
        this.heard = heard;
        codecs.forEach((pt, codec) -> decoders[pt] = codec);
        this.filter = new RtpReceiveFilter(
                RtpReceiveFilter.DEFAULT_MAX_DATAGRAM_BYTES,
                codecs.keySet().stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public void onDatagram(ByteBuffer datagram, InetSocketAddress from, long arrivalNanos) {
        if (filter.admit(datagram.array(), 0, datagram.limit(), packet) != DropReason.NONE) {
            rejected++;
            return;
        }
        lastSource = from;
        AudioCodec codec = decoders[packet.payloadType()];
        int n = codec.decode(packet.payloadBuffer(), packet.payloadOffset(), packet.payloadLength(), decoded, 0);
        heard.accept(decoded, n, arrivalNanos);
    }

    HeardAudio heard() {
        return heard;
    }

    /** Datagrams that were not RTP this caller plays. */
    long rejected() {
        return rejected;
    }

    /** Where parley's RTP comes from, or null before any. */
    InetSocketAddress lastSource() {
        return lastSource;
    }
}
