package io.parley.bridge;

import io.parley.audio.AudioCodec;
import io.parley.audio.LevelMeter;
import io.parley.audio.Resampler;
import io.parley.config.Codec;
import io.parley.media.UdpEndpoint;
import io.parley.rtp.RtpPacket;
import io.parley.rtp.RtpStreamWriter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.function.Supplier;

/**
 * The sending half of an RTP leg: one 16 kHz frame in per tick, one RTP packet out in the leg's
 * codec, sent from the leg's socket to where the caller's RTP comes from.
 *
 * <p>Threading contract: {@link #send} and {@link #silent} are called by one media thread at a
 * time (the clock, or a receiver relaying a paced stream); the getters from anywhere. No allocation.
 */
public final class RtpTransmitter {
    private final Codec codec;
    private final AudioCodec encoder;
    private volatile UdpEndpoint socket;
    private final Supplier<InetSocketAddress> destination;
    private final RtpStreamWriter writer;
    private final Resampler downsampler;
    private final short[] narrow = new short[EncodedFrame.MAX_PAYLOAD];
    private int framesSinceLevel;
    /** Room for a relayed payload of the most samples a jitter buffer slot holds, at 2 bytes a sample. */
    private final byte[] payload = new byte[2 * EncodedFrame.MAX_PAYLOAD];
    private final byte[] datagram = new byte[RtpPacket.HEADER_BYTES + 2 * EncodedFrame.MAX_PAYLOAD];
    private final ByteBuffer buffer = ByteBuffer.wrap(datagram);
    private final int samplesPerFrame;
    private volatile long packetsOut;
    private volatile long bytesOut;
    private volatile long unsent;
    private volatile double levelDbfs = LevelMeter.toDbfs(0);

    /**
     * @param destination where to send; null while unknown (before the caller's first packet), in
     *                    which case frames are counted as unsent
     */
    public RtpTransmitter(Codec codec, UdpEndpoint socket, Supplier<InetSocketAddress> destination) {
        this.codec = codec;
        this.encoder = AudioCodec.byAsteriskName(codec.asteriskName()).orElseThrow();
        this.socket = socket;
        this.destination = destination;
        this.writer = RtpStreamWriter.random(codec.payloadType(), new SecureRandom());
        this.downsampler = new Resampler(Frames.RATE, codec.sampleRate());
        this.samplesPerFrame = codec.sampleRate() * Frames.MILLIS / 1000;
    }

    /**
     * Sends from {@code other} from the next packet on (a gateway answers from the port Asterisk
     * sends to once signalling drives it). The stream (SSRC, sequence) goes on.
     */
    public void sendFrom(UdpEndpoint other) {
        socket = other;
    }

    /** Sends one 20 ms frame (16 kHz). Returns whether a packet left. */
    public boolean send(short[] frame) {
        levelDbfs = LevelMeter.rmsDbfs(frame, 0, Frames.SAMPLES);
        int samples = downsampler.process(frame, 0, Frames.SAMPLES, narrow, 0);
        int bytes = encoder.encode(narrow, 0, samples, payload, 0);
        return transmit(writer.write(payload, 0, bytes, samples, datagram, 0));
    }

    private boolean transmit(int length) {
        InetSocketAddress to = destination.get();
        if (to == null) {
            unsent++;
            return false;
        }
        buffer.clear().limit(length);
        if (socket.send(buffer, to)) {
            packetsOut++;
            bytesOut += length;
            return true;
        }
        unsent++;
        return false;
    }

    /**
     * Sends a relayed payload as it is when it is in this leg's codec, else re-encoded from the
     * source's codec (same clock rate: Asterisk may switch between ulaw, alaw and slin).
     */
    public boolean sendEncoded(EncodedFrame frame, AudioCodec sourceCodec) {
        byte[] bytes = frame.payload;
        int length = frame.length;
        if (frame.payloadType != codec.payloadType()) {
            int n = sourceCodec.decode(frame.payload, 0, frame.length, narrow, 0);
            length = encoder.encode(narrow, 0, n, payload, 0);
            bytes = payload;
        }
        if (++framesSinceLevel >= EncodedLevel.EVERY_FRAMES) {
            framesSinceLevel = 0;
            levelDbfs = EncodedLevel.dbfs(sourceCodec, frame, narrow);
        }
        return transmit(writer.write(bytes, 0, length, frame.samples, datagram, 0));
    }

    /** A tick with nothing to say: no packet, but the timestamp moves on and the next packet is marked. */
    public void silent() {
        writer.skip(samplesPerFrame);
        levelDbfs = LevelMeter.toDbfs(0);
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

    /** Frames not sent: no destination yet, or the socket refused them. */
    public long unsent() {
        return unsent;
    }

    public double levelDbfs() {
        return levelDbfs;
    }
}
