package io.parley.bridge;

import io.parley.audio.AudioCodec;
import io.parley.audio.Concealer;
import io.parley.audio.LevelMeter;
import io.parley.audio.Resampler;
import io.parley.audio.SampleFifo;
import io.parley.config.Codec;
import io.parley.config.JitterSettings;
import io.parley.media.MediaClock;
import io.parley.media.UdpReactor;
import io.parley.rtp.DropCounters;
import io.parley.rtp.DropReason;
import io.parley.rtp.JitterBuffer;
import io.parley.rtp.JitterBufferSettings;
import io.parley.rtp.PlayoutFrame;
import io.parley.rtp.PollResult;
import io.parley.rtp.RtpPacket;
import io.parley.rtp.RtpReceiveFilter;
import io.parley.rtp.RtpReceiveStats;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import io.parley.event.LegStats;
import io.parley.rtp.JitterBufferSnapshot;
import io.parley.rtp.ReceiveSnapshot;
import java.util.Arrays;

/**
 * The receiving half of an RTP leg: datagrams in (reactor thread), 16 kHz frames out (media
 * clock), with the jitter buffer between them.
 *
 * <p>Its {@link SourceGuard} decides who may send: the address signalling (ARI) gave for the call,
 * or, without signalling, a source that completed probation (its held packets are played once it
 * is accepted, so nothing is lost) and keeps the leg while it is alive. RTP from anyone else is
 * dropped and counted by reason. Any payload type of the configured codec's clock rate is decoded by its own codec
 * (Asterisk may switch between ulaw, alaw and slin); packets of any duration are re-cut into 20 ms
 * frames; a lost packet is concealed.
 *
 * <p>Threading contract: {@link #onDatagram} runs on one reactor thread, {@link #pull} on the media
 * clock; the getters may be read from anywhere. Neither path allocates.
 */
public final class RtpReceiver implements UdpReactor.Receiver {
    /** The largest payload a jitter-buffer slot stores (80 ms of 8 kHz slin, 160 ms of ulaw). */
    static final int MAX_PAYLOAD = 1280;

    /** Told when a stream starts or resumes after silence, so a task can align its phase to it. */
    @FunctionalInterface
    public interface ActivityListener {
        ActivityListener NONE = arrival -> { };

        void streamActive(long arrivalNanos);
    }

    private final Codec codec;
    private final RtpReceiveFilter filter;
    private final RtpPacket packet = new RtpPacket();
    private final DropCounters drops = new DropCounters();
    private final RtpReceiveStats stats;
    private final JitterBuffer buffer;
    private final PlayoutFrame playout;
    private final AudioCodec[] decoders = new AudioCodec[128];
    private final Resampler upsampler;
    private final SampleFifo fifo = new SampleFifo(4 * Frames.SAMPLES + 2 * MAX_PAYLOAD);
    private final Concealer concealer = new Concealer(Frames.SAMPLES);
    private final short[] decoded = new short[MAX_PAYLOAD];
    private final short[] resampled = new short[2 * MAX_PAYLOAD + 64];
    private final short[] concealed = new short[Frames.SAMPLES];
    private volatile ActivityListener activity = ActivityListener.NONE;

    private final SourceGuard guard;
    /** Packets held while their source is on probation: copies, with their lengths and arrival times. */
    private final byte[][] held = new byte[SourceGuard.PROBATION][RtpReceiveFilter.DEFAULT_MAX_DATAGRAM_BYTES];
    private final int[] heldLength = new int[SourceGuard.PROBATION];
    private final long[] heldArrival = new long[SourceGuard.PROBATION];
    private int heldCount;
    private volatile long lastArrivalNanos;
    private volatile boolean idle = true;
    private volatile double levelDbfs = LevelMeter.toDbfs(0);
    private volatile long packetsIn;
    private volatile long bytesIn;
    private int emptyPolls;
    private int framesSinceLevel;
    private boolean repeated;
    private long lastPullNanos;
    private volatile long framesSkipped;

    /** A receiver open to any source (after probation). */
    public RtpReceiver(Codec codec, JitterSettings jitter) {
        this(codec, jitter, new SourceGuard(java.util.Optional.empty(), Presence.RTP_NANOS));
    }

    public RtpReceiver(Codec codec, JitterSettings jitter, SourceGuard guard) {
        this.codec = codec;
        this.guard = guard;
        int[] types = Arrays.stream(Codec.values()).filter(c -> c.sampleRate() == codec.sampleRate())
                .mapToInt(Codec::payloadType).toArray();
        this.filter = new RtpReceiveFilter(RtpReceiveFilter.DEFAULT_MAX_DATAGRAM_BYTES, types);
        for (Codec c : Codec.values()) {
            if (c.sampleRate() == codec.sampleRate()) {
                decoders[c.payloadType()] = AudioCodec.byAsteriskName(c.asteriskName()).orElseThrow();
            }
        }
        int bytesPerSample = codec == Codec.ULAW || codec == Codec.ALAW ? 1 : 2;
        this.buffer = new JitterBuffer(JitterBufferSettings.forCodec(codec.sampleRate(), bytesPerSample, MAX_PAYLOAD)
                .withDelays(jitter.minMillis(), jitter.initialMillis(), jitter.maxMillis()));
        this.playout = buffer.newFrame();
        this.stats = new RtpReceiveStats(codec.sampleRate());
        this.upsampler = new Resampler(codec.sampleRate(), Frames.RATE);
    }

    public void onActivity(ActivityListener listener) {
        this.activity = listener;
    }

    @Override
    public void onDatagram(ByteBuffer datagram, InetSocketAddress from, long arrivalNanos) {
        DropReason reason = filter.admit(datagram.array(), 0, datagram.limit(), packet);
        if (reason != DropReason.NONE) {
            drops.count(reason);
            return;
        }
        switch (guard.admit(from, packet.sequenceNumber(), arrivalNanos)) {
            case ACCEPT -> accept(datagram.limit(), arrivalNanos);
            case HOLD -> hold(datagram, arrivalNanos);
            case HOLD_RESTART -> {
                abandonHeld();
                hold(datagram, arrivalNanos);
            }
            case CONFIRM -> {
                // The stream starts now: the clock is phased to this packet, not to the held ones.
                boolean wasIdle = idle;
                idle = false;
                for (int i = 0; i < heldCount; i++) {
                    filter.admit(held[i], 0, heldLength[i], packet);
                    accept(heldLength[i], heldArrival[i]);
                }
                idle = wasIdle;
                heldCount = 0;
                filter.admit(datagram.array(), 0, datagram.limit(), packet);
                accept(datagram.limit(), arrivalNanos);
            }
            case DROP -> drops.count(guard.dropReason());
        }
    }

    private void accept(int length, long arrivalNanos) {
        lastArrivalNanos = arrivalNanos;
        packetsIn++;
        bytesIn += length;
        stats.record(packet, arrivalNanos);
        buffer.insert(packet, arrivalNanos);
        if (idle) {
            idle = false;
            activity.streamActive(arrivalNanos);
        }
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

    /**
     * Fills {@code frame} with the next 20 ms of the caller's audio at 16 kHz. Returns false when
     * there is nothing to play (not started, or the sender is silent), leaving {@code frame} as it was.
     */
    public boolean pull(long nowNanos, short[] frame) {
        catchUp(nowNanos);
        while (fifo.available() < Frames.SAMPLES) {
            PollResult result = buffer.poll(nowNanos, playout);
            if (result == PollResult.EMPTY) {
                break;
            }
            if (result == PollResult.PACKET) {
                AudioCodec decoder = decoders[playout.payloadType()];
                int n = decoder.decode(playout.payload(), 0, playout.length(), decoded, 0);
                fifo.write(resampled, 0, upsampler.process(decoded, 0, n, resampled, 0));
            } else {
                int lost = playout.samples() * Frames.RATE / codec.sampleRate();
                for (int done = 0; done < lost; done += Frames.SAMPLES) {
                    concealer.conceal(concealed, 0);
                    fifo.write(concealed, 0, Math.min(Frames.SAMPLES, lost - done));
                }
            }
        }
        int available = fifo.available();
        if (available == 0) {
            if (++emptyPolls >= 2) {
                idle = true;
            }
            levelDbfs = LevelMeter.toDbfs(0);
            return false;
        }
        emptyPolls = 0;
        int n = fifo.read(frame, 0, Frames.SAMPLES);
        if (n < Frames.SAMPLES) {
            Arrays.fill(frame, n, Frames.SAMPLES, (short) 0); // a short last packet
        }
        concealer.good(frame, 0);
        levelDbfs = LevelMeter.rmsDbfs(frame, 0, Frames.SAMPLES);
        return true;
    }

    /**
     * The next packet's payload as it arrived, for a relay to a leg of the same clock rate: no
     * decoding, no resampling. A lost packet repeats the last one (once: after that, silence).
     * Returns false when there is nothing to play. Use either this or {@link #pull}, not both.
     */
    public boolean pullEncoded(long nowNanos, EncodedFrame frame) {
        catchUp(nowNanos);
        PollResult result = buffer.poll(nowNanos, playout);
        if (result == PollResult.PACKET) {
            emptyPolls = 0;
            repeated = false;
            frame.copyFrom(playout.payload(), playout.length(), playout.payloadType(), playout.samples());
            if (++framesSinceLevel >= EncodedLevel.EVERY_FRAMES) {
                framesSinceLevel = 0;
                levelDbfs = EncodedLevel.dbfs(decoders[frame.payloadType], frame, decoded);
            }
            return true;
        }
        if (result == PollResult.LOST && frame.length > 0 && !repeated) {
            repeated = true; // the previous payload again: what a phone's simplest concealment does
            return true;
        }
        if (result == PollResult.EMPTY && ++emptyPolls >= 2) {
            idle = true;
            levelDbfs = LevelMeter.FLOOR_DBFS;
        }
        return false;
    }

    /** The decoder for a payload type this receiver accepts. */
    AudioCodec decoder(int payloadType) {
        return decoders[payloadType];
    }

    /** Drops what the ticks the clock skipped since the last pull would have played. */
    private void catchUp(long nowNanos) {
        if (lastPullNanos != 0 && nowNanos - lastPullNanos > MediaClock.PERIOD_NANOS * 3 / 2) {
            skipBehind((int) ((nowNanos - lastPullNanos) / MediaClock.PERIOD_NANOS) - 1, nowNanos);
        }
        lastPullNanos = nowNanos;
    }

    /**
     * The clock skipped {@code missed} ticks (it was more than {@link MediaClock#MAX_CATCH_UP} periods
     * late: a stall, an overloaded machine). The packets those ticks would have played are still
     * buffered and would delay this caller for the rest of the call, since the jitter buffer trims
     * only one packet a second; drop them instead, as far as the buffer holds more than its target
     * plus one packet (after a rephase at a stream's start there is nothing to drop).
     */
    private void skipBehind(int missed, long nowNanos) {
        for (int i = 0; i < missed && buffer.depthMillis() > buffer.targetMillis() + Frames.MILLIS; i++) {
            if (buffer.poll(nowNanos, playout) == PollResult.EMPTY) {
                return;
            }
            framesSkipped++;
        }
    }

    /**
     * Packets received and buffered that will never be played: trimmed back to the target, pushed
     * out by an overflow, or dropped for skipped ticks. A listener misses them like lost ones,
     * so the monitors show them rather than leave a gap between packets in and frames out.
     */
    long discarded() {
        return discarded(buffer.snapshot());
    }

    private long discarded(JitterBufferSnapshot b) {
        return b.trimmed() + b.overflow() + framesSkipped;
    }

    /** Frames dropped because the clock skipped the ticks that would have played them. */
    public long framesSkipped() {
        return framesSkipped;
    }

    /** Who may send to this leg. */
    public SourceGuard guard() {
        return guard;
    }

    /** When the last accepted packet arrived (monotonic clock), 0 before any. */
    public long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    /** The leg's counters and levels, with the sending side's. */
    public LegStats stats(String bridge, String leg, RtpTransmitter out) {
        ReceiveSnapshot r = stats.snapshot();
        JitterBufferSnapshot b = buffer.snapshot();
        InetSocketAddress remote = guard.remote();
        return new LegStats(System.currentTimeMillis(), bridge, leg, codec.asteriskName(),
                remote == null ? "" : remote.getAddress().getHostAddress() + ":" + remote.getPort(),
                packetsIn, out.packetsOut(), bytesIn, out.bytesOut(), b.lost(), b.duplicates(), b.reordered(),
                b.late(), b.concealed(), discarded(b), drops.snapshot().byLabel(), r.jitterMillis(),
                (int) Math.round(b.depthMillis()), (int) Math.round(b.targetMillis()), levelDbfs, out.levelDbfs());
    }

    /** Where replies go: the call's address, or the accepted source; null while unknown. */
    public InetSocketAddress remote() {
        return guard.remote();
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

    public double levelDbfs() {
        return levelDbfs;
    }

    public io.parley.rtp.DropSnapshot drops() {
        return drops.snapshot();
    }

    public io.parley.rtp.ReceiveSnapshot receiveStats() {
        return stats.snapshot();
    }

    public io.parley.rtp.JitterBufferSnapshot buffer() {
        return buffer.snapshot();
    }
}
