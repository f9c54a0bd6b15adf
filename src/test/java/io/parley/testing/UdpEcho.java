package io.parley.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain UDP peer on 127.0.0.1 that sends every datagram back to where it came from: a stand-in
 * for a leg's RTP port until the real legs exist, and a perfect relay to measure a path against.
 * It answers to the source address, as a leg must.
 */
public final class UdpEcho implements AutoCloseable {
    private final DatagramChannel socket;
    private final AtomicLong echoed = new AtomicLong();
    private volatile boolean closed;

    public UdpEcho() throws IOException {
        socket = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        Thread.ofVirtual().name("udp-echo").start(this::run);
    }

    public int port() {
        return socket.socket().getLocalPort();
    }

    public String host() {
        return "127.0.0.1:" + port();
    }

    public long echoed() {
        return echoed.get();
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        while (!closed) {
            try {
                buffer.clear();
                SocketAddress from = socket.receive(buffer);
                buffer.flip();
                socket.send(buffer, from);
                echoed.incrementAndGet();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
    }
}
