package io.parley.rtpleg;

import io.parley.audio.AudioCodec;
import io.parley.audio.LevelMeter;
import io.parley.audio.Resampler;
import io.parley.config.Codec;
import io.parley.event.LegStats;
import io.parley.leg.Frames;
import io.parley.media.TimeSource;
import io.parley.media.UdpEndpoint;
import io.parley.rtp.OutgoingStream;
import io.parley.rtp.RtpPacket;
import io.parley.rtp.RtpReceiveFilter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * The sending half of an RTP leg: one {@link OutgoingStream} in the leg's codec, sent from the
 * leg's socket to the caller. What it sends is either made on the media clock (a 16 kHz frame a
 * tick, resampled and encoded: {@link #send}, {@link #silent}) or another leg's packets forwarded
 * as they arrive ({@link #forward}: the payload as it is, or transcoded between codecs of one clock
 * rate), in one continuous stream either way.
 *
 * <p>Threading contract: the clock's frames and the forwarded packets come from different threads
 * (the clock, the other leg's reactor) and may meet when a bridge's state changes (the waiting tone
 * ends as the other caller's packets begin): each send holds the transmitter's lock, uncontended
 * otherwise. The getters may be read from anywhere. No allocation.
 */
public final class RtpTransmitter {
    /** Nothing sent for this long (three frame times) means the caller hears silence. */
    static final long SILENT_AFTER_NANOS = 60_000_000L;
    /**
     * Packets kept while the caller's address is not known yet (before their first packets complete
     * probation, the other caller's first packets are already being forwarded): sent ahead of the
     * first packet that has somewhere to go, if they are no older than {@link #HOLD_NANOS}, so a
     * call's first words are not lost and nothing stale reaches a later caller.
     */
    static final int HELD = 4;

    public static final long HOLD_NANOS = 100_000_000L;
    /** The most bytes an accepted RTP payload has. */
    private static final int MAX_PAYLOAD = RtpReceiveFilter.DEFAULT_MAX_DATAGRAM_BYTES;

    private final Codec codec;
    private final AudioCodec encoder;
    private final AudioCodec[] decoders;
    private volatile UdpEndpoint socket;
    private final Destination destination;
    private final TimeSource time;
    private final OutgoingStream stream;
    private final Resampler downsampler;
    private final short[] narrow = new short[MAX_PAYLOAD];
    /** Room for a payload of the most samples accepted, at 2 bytes a sample. */
    private final byte[] payload = new byte[2 * MAX_PAYLOAD];

    private final byte[] datagram = new byte[RtpPacket.HEADER_BYTES + 2 * MAX_PAYLOAD];
    private final ByteBuffer buffer = ByteBuffer.wrap(datagram);
    private final byte[][] held = new byte[HELD][datagram.length];
    private final ByteBuffer[] heldBuffers = new ByteBuffer[HELD];
    private final int[] heldLength = new int[HELD];
    private final long[] heldAt = new long[HELD];
    private int heldFirst;
    private int heldCount;
    private final int samplesPerFrame;
    private int sinceLevel = EncodedLevel.EVERY_FRAMES;
    private volatile long packetsOut;
    private volatile long bytesOut;
    private volatile long unsent;
    private volatile double levelDbfs = LevelMeter.toDbfs(0);
    private volatile long lastSentNanos;

    /** Where the caller is at a given moment. */
    @FunctionalInterface
    public interface Destination {
        /** The caller's address at {@code nowNanos}, or null while it is not known. */
        InetSocketAddress at(long nowNanos);
    }

    /**
     * @param destination where to send; null while unknown (before the caller's first packets), in
     *                    which case packets are held a moment, then counted as unsent
     */
    public RtpTransmitter(Codec codec, UdpEndpoint socket, Destination destination, TimeSource time) {
        this.codec = codec;
        this.encoder = AudioCodec.byAsteriskName(codec.asteriskName()).orElseThrow();
        this.decoders = PayloadTypes.codecs(codec.sampleRate());
        this.socket = socket;
        this.destination = destination;
        this.time = time;
        this.stream = OutgoingStream.random(codec.payloadType(), codec.sampleRate(), new SecureRandom());
        this.downsampler = new Resampler(Frames.RATE, codec.sampleRate());
        this.samplesPerFrame = codec.sampleRate() * Frames.MILLIS / 1000;
        for (int i = 0; i < HELD; i++) {
            heldBuffers[i] = ByteBuffer.wrap(held[i]);
        }
    }

    /**
     * Sends from {@code other} from the next packet on (a gateway answers from the port Asterisk
     * sends to once signalling drives it). The stream (SSRC, sequence) goes on.
     */
    public void sendFrom(UdpEndpoint other) {
        socket = other;
    }

    /** Sends one 20 ms frame (16 kHz). Returns whether a packet left. */
    public synchronized boolean send(short[] frame) {
        levelDbfs = LevelMeter.rmsDbfs(frame, 0, Frames.SAMPLES);
        int samples = downsampler.process(frame, 0, Frames.SAMPLES, narrow, 0);
        int bytes = encoder.encode(narrow, 0, samples, payload, 0);
        return transmit(stream.write(payload, 0, bytes, samples, time.nanoTime(), datagram, 0));
    }

    /** A tick with nothing to say: no packet, but the timestamp moves on and the next packet is marked. */
    public synchronized void silent() {
        stream.skip(samplesPerFrame, time.nanoTime());
        levelDbfs = LevelMeter.toDbfs(0);
    }

    /**
     * Sends another leg's packet now, its payload as it is when it is in this leg's codec, else
     * transcoded (same clock rate: Asterisk may switch between ulaw, alaw and slin). Returns
     * whether a packet left.
     */
    public synchronized boolean forward(RtpPacket packet, long arrivalNanos) {
        AudioCodec source = decoders[packet.payloadType()];
        if (source == null) {
            unsent++; // another clock rate: the bridge never joins such legs this way
            return false;
        }
        byte[] bytes = packet.payloadBuffer();
        int offset = packet.payloadOffset();
        int length = packet.payloadLength();
        int samples = source.decodedSamples(length);
        if (source != encoder) {
            int n = source.decode(bytes, offset, length, narrow, 0);
            length = encoder.encode(narrow, 0, n, payload, 0);
            bytes = payload;
            offset = 0;
        }
        if (++sinceLevel >= EncodedLevel.EVERY_FRAMES) {
            sinceLevel = 0;
            levelDbfs = EncodedLevel.dbfs(encoder, bytes, offset, length, narrow);
        }
        return transmit(stream.relay(packet, bytes, offset, length, samples, arrivalNanos, datagram, 0));
    }

    private boolean transmit(int length) {
        long now = time.nanoTime();
        InetSocketAddress to = destination.at(now);
        if (to == null) {
            hold(length, now);
            return false;
        }
        if (heldCount > 0) {
            sendHeld(to, now);
        }
        buffer.clear().limit(length);
        return send(buffer, length, to, now);
    }

    private boolean send(ByteBuffer datagram, int length, InetSocketAddress to, long now) {
        if (socket.send(datagram, to)) {
            lastSentNanos = now;
            packetsOut++;
            bytesOut += length;
            return true;
        }
        unsent++;
        return false;
    }

    /** Keeps the datagram just written, dropping (as unsent) the oldest kept when all slots are taken. */
    private void hold(int length, long now) {
        if (heldCount == HELD) {
            heldFirst = (heldFirst + 1) % HELD;
            heldCount--;
            unsent++;
        }
        int slot = (heldFirst + heldCount) % HELD;
        System.arraycopy(datagram, 0, held[slot], 0, length);
        heldLength[slot] = length;
        heldAt[slot] = now;
        heldCount++;
    }

    private void sendHeld(InetSocketAddress to, long now) {
        for (; heldCount > 0; heldCount--, heldFirst = (heldFirst + 1) % HELD) {
            if (now - heldAt[heldFirst] > HOLD_NANOS) {
                unsent++;
            } else {
                send(heldBuffers[heldFirst].clear().limit(heldLength[heldFirst]), heldLength[heldFirst], to, now);
            }
        }
        heldFirst = 0;
    }

    public Codec codec() {
        return codec;
    }

    public long packetsOut() {
        return packetsOut;
    }

    public long bytesOut() {
        return bytesOut;
    }

    /** Packets not sent: no destination yet, or the socket refused them. */
    public long unsent() {
        return unsent;
    }

    public double levelDbfs() {
        return levelDbfs;
    }

    /** What went to the caller; the level is silence once nothing was sent for {@link #SILENT_AFTER_NANOS}. */
    LegStats.Flow flow(long nowNanos) {
        boolean sending = nowNanos - lastSentNanos < SILENT_AFTER_NANOS;
        return new LegStats.Flow(packetsOut, bytesOut, sending ? levelDbfs : LevelMeter.FLOOR_DBFS);
    }
}
