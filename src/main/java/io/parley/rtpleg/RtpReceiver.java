package io.parley.rtpleg;

import io.parley.config.Codec;
import io.parley.event.LegStats;
import io.parley.leg.Presence;
import io.parley.media.UdpReactor;
import io.parley.rtp.DropCounters;
import io.parley.rtp.DropReason;
import io.parley.rtp.DropSnapshot;
import io.parley.rtp.ReceiveSnapshot;
import io.parley.rtp.RtpPacket;
import io.parley.rtp.RtpReceiveFilter;
import io.parley.rtp.RtpReceiveStats;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;

/**
 * The receiving half of an RTP leg: which datagrams are the caller's audio. Each is parsed and
 * checked (size, version, a payload type of the leg's clock rate: Asterisk may switch between ulaw,
 * alaw and slin), then its {@link SourceGuard} decides who may send: the address signalling (ARI)
 * gave for the call, or, without signalling, a source that completed probation (its held packets
 * are handed on once it is accepted, so nothing is lost) and keeps the leg while it is alive. What
 * is accepted is counted (RFC 3550 statistics included) and handed to the leg's
 * {@link PacketListener}: a jitter buffer for the clock, or a forwarder. The rest is dropped and
 * counted by reason.
 *
 * <p>Threading contract: {@link #onDatagram} runs on one reactor thread; {@link #deliverTo} is called
 * before the first packet matters (a bridge starting); the getters may be read from anywhere. No
 * allocation per datagram.
 */
public final class RtpReceiver implements UdpReactor.Receiver {
    /** The largest payload a leg stores or forwards (80 ms of 8 kHz slin, 160 ms of ulaw). */
    static final int MAX_PAYLOAD = 1280;

    private final Codec codec;
    private final RtpReceiveFilter filter;
    private final RtpPacket packet = new RtpPacket();
    private final DropCounters drops = new DropCounters();
    private final RtpReceiveStats stats;
    private final SourceGuard guard;
    /** Packets held while their source is on probation: copies, with their lengths and arrival times. */
    private final byte[][] held = new byte[SourceGuard.PROBATION][RtpReceiveFilter.DEFAULT_MAX_DATAGRAM_BYTES];

    private final int[] heldLength = new int[SourceGuard.PROBATION];
    private final long[] heldArrival = new long[SourceGuard.PROBATION];
    private int heldCount;
    private volatile PacketListener listener = PacketListener.NONE;
    private volatile long lastArrivalNanos;
    private volatile long packetsIn;
    private volatile long bytesIn;

    /** A receiver open to any source (after probation). */
    public RtpReceiver(Codec codec) {
        this(codec, new SourceGuard(Optional.empty(), Presence.RTP_NANOS));
    }

    public RtpReceiver(Codec codec, SourceGuard guard) {
        this.codec = codec;
        this.guard = guard;
        this.filter =
                new RtpReceiveFilter(RtpReceiveFilter.DEFAULT_MAX_DATAGRAM_BYTES, PayloadTypes.of(codec.sampleRate()));
        this.stats = new RtpReceiveStats(codec.sampleRate());
    }

    /** Where accepted packets go from now on. */
    void deliverTo(PacketListener listener) {
        this.listener = listener;
    }

    @Override
    public void onDatagram(ByteBuffer datagram, InetSocketAddress from, long arrivalNanos) {
        DropReason reason = filter.admit(datagram.array(), 0, datagram.limit(), packet);
        if (reason != DropReason.NONE) {
            drops.count(reason);
            return;
        }
        switch (guard.admit(from, packet.sequenceNumber(), arrivalNanos)) {
            case ACCEPT -> accept(datagram.limit(), arrivalNanos).onPacket(packet, arrivalNanos);
            case HOLD -> hold(datagram, arrivalNanos);
            case HOLD_RESTART -> {
                abandonHeld();
                hold(datagram, arrivalNanos);
            }
            case CONFIRM -> {
                for (int i = 0; i < heldCount; i++) {
                    filter.admit(held[i], 0, heldLength[i], packet);
                    accept(heldLength[i], heldArrival[i]).onHeldPacket(packet, heldArrival[i]);
                }
                heldCount = 0;
                filter.admit(datagram.array(), 0, datagram.limit(), packet);
                accept(datagram.limit(), arrivalNanos).onPacket(packet, arrivalNanos);
            }
            case DROP -> drops.count(guard.dropReason());
        }
    }

    private PacketListener accept(int length, long arrivalNanos) {
        lastArrivalNanos = arrivalNanos;
        packetsIn++;
        bytesIn += length;
        stats.record(packet, arrivalNanos);
        return listener;
    }

    private void hold(ByteBuffer datagram, long arrivalNanos) {
        if (heldCount == held.length) {
            abandonHeld(); // cannot happen: probation completes first
        }
        System.arraycopy(datagram.array(), 0, held[heldCount], 0, datagram.limit());
        heldLength[heldCount] = datagram.limit();
        heldArrival[heldCount] = arrivalNanos;
        heldCount++;
    }

    private void abandonHeld() {
        for (int i = 0; i < heldCount; i++) {
            drops.count(DropReason.PROBATION);
        }
        heldCount = 0;
    }

    /** Who may send to this leg. */
    public SourceGuard guard() {
        return guard;
    }

    /** When the last accepted packet arrived (monotonic clock), 0 before any. */
    public long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    /** Where the caller's media comes from: the call's address, or the accepted source; null while unknown. */
    public InetSocketAddress remote() {
        return guard.remote();
    }

    /** Where the caller's audio goes at {@code nowNanos} ({@link SourceGuard#destination}). */
    InetSocketAddress destination(long nowNanos) {
        return guard.destination(nowNanos);
    }

    /** The caller's address as {@code host:port}, or empty while unknown. */
    String remoteText() {
        InetSocketAddress remote = guard.remote();
        return remote == null ? "" : remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }

    /** What was accepted from the caller, at the level {@code levelDbfs} the leg's playout or forwarder measured. */
    LegStats.Flow flow(double levelDbfs) {
        return new LegStats.Flow(packetsIn, bytesIn, levelDbfs);
    }

    public Codec codec() {
        return codec;
    }

    public long packetsIn() {
        return packetsIn;
    }

    public long bytesIn() {
        return bytesIn;
    }

    public DropSnapshot drops() {
        return drops.snapshot();
    }

    /** The datagrams dropped so far by reason label, only the reasons that happened. */
    Map<String, Long> dropsByLabel() {
        return drops.countedByLabel();
    }

    public ReceiveSnapshot receiveStats() {
        return stats.snapshot();
    }
}
