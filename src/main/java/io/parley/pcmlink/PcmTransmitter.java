package io.parley.pcmlink;

import io.parley.audio.LevelMeter;
import io.parley.leg.Frames;
import io.parley.media.UdpEndpoint;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Sends 16 kHz 20 ms frames as PCM datagrams from one socket to one fixed peer (the other end of
 * a gateway-bridge link), signed when the link has a secret. After a pause the next datagram
 * carries the start flag.
 *
 * <p>Threading contract: {@link #send} and {@link #silent} from one media thread at a time.
 */
public final class PcmTransmitter {
    /** A pause longer than this (one and a half frames) starts a new run. */
    private static final long GAP_NANOS = 30_000_000L;

    private final UdpEndpoint socket;
    private final InetSocketAddress peer;
    private final PcmSigner signer;
    private final byte[] datagram = new byte[PcmDatagram.HEADER + 2 * Frames.SAMPLES + PcmDatagram.TRAILER];
    private final ByteBuffer buffer = ByteBuffer.wrap(datagram);
    private int sequence;
    private long timestamp;
    private boolean startNext = true;
    private long lastSendNanos = Long.MIN_VALUE / 2;
    private volatile long datagrams;
    private volatile long bytes;
    private volatile long unsent;
    private volatile double levelDbfs = LevelMeter.toDbfs(0);

    public PcmTransmitter(UdpEndpoint socket, PcmLink link) {
        this.socket = socket;
        this.peer = link.peer();
        this.signer = link.signer();
    }

    public void send(short[] frame, long originNanos) {
        long now = System.nanoTime();
        if (now - lastSendNanos > GAP_NANOS) {
            startNext = true; // the sender paused without saying so (a relay of a silent caller)
        }
        lastSendNanos = now;
        int length = PcmDatagram.write(
                datagram,
                startNext ? PcmDatagram.FLAG_START : 0,
                sequence,
                Frames.RATE,
                timestamp,
                PcmDatagram.originMicros(originNanos),
                frame,
                0,
                Frames.SAMPLES);
        length = signer.sign(datagram, length);
        startNext = false;
        sequence = (sequence + 1) & 0xffff;
        timestamp += Frames.SAMPLES;
        levelDbfs = LevelMeter.rmsDbfs(frame, 0, Frames.SAMPLES);
        buffer.clear().limit(length);
        if (socket.send(buffer, peer)) {
            datagrams++;
            bytes += length;
        } else {
            unsent++;
        }
    }

    /** A frame time with nothing to send: the next datagram starts a new run. */
    public void silent() {
        timestamp += Frames.SAMPLES;
        startNext = true;
        levelDbfs = LevelMeter.toDbfs(0);
    }

    public long datagrams() {
        return datagrams;
    }

    public long bytes() {
        return bytes;
    }

    public long unsent() {
        return unsent;
    }

    public double levelDbfs() {
        return levelDbfs;
    }

    public InetSocketAddress peer() {
        return peer;
    }
}
