package io.parley.ari;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The stand-in's media for one ExternalMedia channel, as chan_rtp (UnicastRTP) does it: a UDP
 * socket on 127.0.0.1 whose port is the channel's {@code UNICASTRTP_LOCAL_PORT}; while the channel
 * shares a bridge with a caller, RTP (RFC 3550, 20 ms, in the channel's format) goes from that port
 * to {@code external_host}, and what comes back is counted.
 *
 * <p>Per the ExternalMedia page of the Asterisk documentation, "the format you specify is the format
 * you'll get"; per BRIEF §2 and asterisk/documentation issue #142, RTP received with payload type 118
 * (slin16) is dropped: it is counted apart and never reaches the caller.
 */
final class StandInMedia implements AutoCloseable {
    private final DatagramChannel socket;
    private final InetSocketAddress target;
    private final int payloadType;
    private final int payloadBytes;
    private final int samplesPerPacket;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong droppedSlin16 = new AtomicLong();
    private final AtomicInteger lastPayloadType = new AtomicInteger(-1);
    private final AtomicReference<SocketAddress> lastSource = new AtomicReference<>();
    private volatile boolean sending;
    private volatile boolean closed;
    private Thread sender;
    private final Thread receiver;

    StandInMedia(InetSocketAddress target, String format) throws IOException {
        this.target = target;
        switch (format) {
            case "ulaw" -> { payloadType = 0; payloadBytes = 160; samplesPerPacket = 160; }
            case "alaw" -> { payloadType = 8; payloadBytes = 160; samplesPerPacket = 160; }
            case "slin" -> { payloadType = 10; payloadBytes = 320; samplesPerPacket = 160; }
            case "slin16" -> { payloadType = 118; payloadBytes = 640; samplesPerPacket = 320; }
            default -> throw new IllegalArgumentException("format " + format);
        }
        socket = DatagramChannel.open();
        socket.setOption(StandardSocketOptions.SO_REUSEADDR, false);
        socket.bind(new InetSocketAddress("127.0.0.1", 0));
        receiver = Thread.ofVirtual().name("standin-rtp-rx").start(this::receive);
    }

    int localPort() {
        return socket.socket().getLocalPort();
    }

    /** Starts or stops sending the caller's audio, as the bridge gains or loses a caller. */
    synchronized void sending(boolean on) {
        if (on && !sending && !closed) {
            sending = true;
            sender = Thread.ofVirtual().name("standin-rtp-tx").start(this::send);
        } else if (!on) {
            sending = false;
        }
    }

    boolean isSending() {
        return sending;
    }

    long sent() {
        return sent.get();
    }

    /** RTP packets accepted from parley (any payload type but 118). */
    long received() {
        return received.get();
    }

    long droppedSlin16() {
        return droppedSlin16.get();
    }

    int lastPayloadType() {
        return lastPayloadType.get();
    }

    SocketAddress lastSource() {
        return lastSource.get();
    }

    private void send() {
        ByteBuffer packet = ByteBuffer.allocate(12 + payloadBytes);
        int ssrc = 0x5a5a0000 | (localPort() & 0xffff);
        int seq = 1;
        long timestamp = 0;
        long deadline = System.nanoTime();
        while (sending && !closed) {
            packet.clear();
            packet.put((byte) 0x80).put((byte) (payloadType | (seq == 1 ? 0x80 : 0)))
                    .putShort((short) seq).putInt((int) timestamp).putInt(ssrc);
            for (int i = 0; i < payloadBytes; i++) {
                packet.put((byte) (0x55 + i));
            }
            packet.flip();
            try {
                socket.send(packet, target);
                sent.incrementAndGet();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
            seq = (seq + 1) & 0xffff;
            timestamp += samplesPerPacket;
            deadline += 20_000_000L;
            long wait = deadline - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    private void receive() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        while (!closed) {
            buffer.clear();
            try {
                SocketAddress from = socket.receive(buffer);
                buffer.flip();
                if (buffer.remaining() < 12 || (buffer.get(0) & 0xc0) != 0x80) {
                    continue;
                }
                int pt = buffer.get(1) & 0x7f;
                lastPayloadType.set(pt);
                lastSource.set(from);
                if (pt == 118) {
                    droppedSlin16.incrementAndGet();
                } else {
                    received.incrementAndGet();
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        sending = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // Best effort.
        }
    }
}
