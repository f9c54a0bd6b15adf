package io.parley.rtpleg;

import io.parley.audio.AudioCodec;
import io.parley.audio.LevelMeter;
import io.parley.config.Codec;
import io.parley.event.LegStats;
import io.parley.leg.PacketSink;
import io.parley.rtp.ArrivalOrder;
import io.parley.rtp.ReceiveSnapshot;
import io.parley.rtp.RtpPacket;

/**
 * A caller's packets forwarded to another leg the moment they arrive, on the reactor thread that
 * received them: no jitter buffer, no media-clock tick, nothing decoded (the listener's own jitter
 * buffer, a phone's or Asterisk's, plays them). A copy of a packet already forwarded is dropped;
 * a reordered one goes on as it is, its sequence number telling the listener where it belongs.
 * The level is measured on one packet in {@link EncodedLevel#EVERY_FRAMES}.
 *
 * <p>Threading contract: {@link #onPacket} on the receiving leg's one reactor thread; the getters
 * from anywhere. No allocation.
 */
final class PacketForwarder implements PacketListener, Reception {
    private final PacketSink sink;
    private final ArrivalOrder order = new ArrivalOrder();
    private final AudioCodec[] decoders;
    private final short[] scratch = new short[RtpReceiver.MAX_PAYLOAD];
    private boolean started;
    private int ssrc;
    private int sinceLevel = EncodedLevel.EVERY_FRAMES;
    private volatile double levelDbfs = LevelMeter.FLOOR_DBFS;
    private volatile long forwarded;

    /** @param codec the receiving leg's codec: packets of any payload type of its clock rate are forwarded */
    PacketForwarder(Codec codec, PacketSink sink) {
        this.sink = sink;
        this.decoders = PayloadTypes.codecs(codec.sampleRate());
    }

    @Override
    public void onPacket(RtpPacket packet, long arrivalNanos) {
        if (!started || packet.ssrc() != ssrc) {
            order.reset();
            ssrc = packet.ssrc();
            started = true;
        }
        if (order.classify(packet.sequenceNumber()) == ArrivalOrder.Order.DUPLICATE) {
            return;
        }
        sink.forward(packet, arrivalNanos);
        forwarded++;
        if (++sinceLevel >= EncodedLevel.EVERY_FRAMES) {
            sinceLevel = 0;
            levelDbfs = EncodedLevel.dbfs(
                    decoders[packet.payloadType()],
                    packet.payloadBuffer(),
                    packet.payloadOffset(),
                    packet.payloadLength(),
                    scratch);
        }
    }

    /** Packets handed to the sink. */
    long forwarded() {
        return forwarded;
    }

    /**
     * Loss as RFC 3550 counts it (expected from the sequence numbers, less received), except that a
     * copy does not make up for a packet that never came; duplicates and reordering as they arrived.
     */
    @Override
    public LegStats.Network network(ReceiveSnapshot stream) {
        long duplicates = order.duplicates();
        return new LegStats.Network(
                Math.max(0, stream.lost() + duplicates), duplicates, order.reordered(), stream.jitterMillis());
    }

    @Override
    public LegStats.Playout playout() {
        return LegStats.Playout.NONE;
    }

    @Override
    public double levelDbfs() {
        return levelDbfs;
    }
}
