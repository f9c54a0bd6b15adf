package io.parley.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives every datagram of every parley UDP socket on a few threads (one selector each), so
 * that many legs do not need a thread each.
 *
 * <p>Threading contract: {@link #bind} may be called from any thread. A {@link Receiver} runs on
 * its socket's reactor thread, one datagram at a time, and must return quickly without blocking;
 * the buffer it is given is reused for the next datagram, so it copies what it keeps. A receiver
 * that throws loses that datagram only; the socket keeps receiving.
 */
public final class UdpReactor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UdpReactor.class);
    /**
     * Larger than any RTP or PCM datagram parley accepts (the PCM protocol's longest is a signed
     * 60 ms at 48 kHz, 5796 bytes), so that a longer one, which the socket truncates to this size,
     * is still seen to be too long and counted.
     */
    public static final int MAX_DATAGRAM = 8192;

    private static final int RECEIVE_BUFFER_BYTES = 512 * 1024;
    private static final int READS_PER_WAKEUP = 1;

    /** Handles one received datagram: {@code datagram} holds it from 0 to its limit and has an array. */
    @FunctionalInterface
    public interface Receiver {
        void onDatagram(ByteBuffer datagram, InetSocketAddress from, long arrivalNanos);
    }

    private final List<Loop> loops = new ArrayList<>();
    private final TimeSource time;

    public UdpReactor(String name, int threads) {
        this(name, threads, TimeSource.SYSTEM);
    }

    public UdpReactor(String name, int threads, TimeSource time) {
        this.time = time;
        for (int i = 0; i < threads; i++) {
            try {
                loops.add(new Loop(name + "-" + i));
            } catch (IOException e) {
                close();
                throw new UncheckedIOException("cannot open a selector", e);
            }
        }
    }

    /** Binds a UDP socket at {@code address} and starts delivering what it receives to {@code receiver}. */
    public UdpEndpoint bind(InetSocketAddress address, Receiver receiver) throws IOException {
        // A socket of the address's own family: the JDK's default dual-stack socket sends and receives
        // IPv4 as mapped IPv6, through the kernel's longer IPv6 path (udpv6_sendmsg, then udp_sendmsg).
        DatagramChannel channel = DatagramChannel.open(
                address.getAddress() instanceof Inet6Address
                        ? StandardProtocolFamily.INET6
                        : StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
            channel.bind(address);
            channel.configureBlocking(false);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        Loop loop = loops.get(loopFor(((InetSocketAddress) channel.getLocalAddress()).getPort()));
        UdpEndpoint endpoint = new UdpEndpoint(channel, loop);
        loop.register(endpoint, receiver);
        return endpoint;
    }

    /**
     * Spreads sockets over the threads by a hash of the bound port. Taking turns would put every
     * busy socket on one thread whenever components bind in a fixed pattern (an ExternalMedia leg
     * binds its media port, then its mostly idle translated port: with two threads, all media
     * ports landed on the first). Fibonacci hashing spreads consecutive ports evenly.
     */
    int loopFor(int port) {
        return (int) (((port * 0x9E3779B9L) & 0xFFFF_FFFFL) * loops.size() >>> 32);
    }

    @Override
    public void close() {
        for (Loop loop : loops) {
            loop.close();
        }
    }

    /** One selector thread. */
    final class Loop {
        private final Selector selector;
        private final Thread thread;
        private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
        private final ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        /** Made once: a method reference written in the loop would be a new object at every select. */
        private final Consumer<SelectionKey> onReady = this::ready;

        private volatile boolean running = true;

        Loop(String name) throws IOException {
            selector = Selector.open();
            thread = Thread.ofPlatform()
                    .name(name)
                    .daemon()
                    .priority(Thread.MAX_PRIORITY - 1)
                    .start(this::run);
        }

        void register(UdpEndpoint endpoint, Receiver receiver) {
            pending.add(() -> {
                try {
                    endpoint.channel().register(selector, SelectionKey.OP_READ, new Registered(endpoint, receiver));
                } catch (IOException e) {
                    LOG.warn("cannot watch {}: {}", endpoint, e.toString());
                }
            });
            selector.wakeup();
        }

        void cancel(UdpEndpoint endpoint) {
            SelectionKey key = endpoint.channel().keyFor(selector);
            if (key != null) {
                key.cancel();
            }
            selector.wakeup();
        }

        private void run() {
            try {
                while (running) {
                    selector.select(onReady, 1000);
                    for (Runnable r; (r = pending.poll()) != null; ) {
                        r.run();
                    }
                }
            } catch (IOException | ClosedSelectorException e) {
                if (running) {
                    LOG.error("UDP reactor {} stopped", thread.getName(), e);
                }
            }
        }

        private void ready(SelectionKey key) {
            Registered r = (Registered) key.attachment();
            DatagramChannel channel = r.endpoint().channel();
            // One datagram per wake-up: the selector is level-triggered, so a socket with more waiting
            // is reported again by the next select, which serves every ready socket in one system call.
            // Draining until the socket is empty would cost a second, empty receive for almost every
            // datagram (a leg gets one packet per 20 ms).
            for (int i = 0; i < READS_PER_WAKEUP; i++) {
                buffer.clear();
                InetSocketAddress from;
                try {
                    from = (InetSocketAddress) channel.receive(buffer);
                } catch (IOException e) {
                    r.endpoint().receiveFailed(e);
                    return;
                }
                if (from == null) {
                    return;
                }
                long arrival = time.nanoTime();
                buffer.flip();
                try {
                    r.receiver().onDatagram(buffer, from, arrival);
                } catch (RuntimeException e) {
                    r.endpoint().receiverFailed(e);
                }
            }
        }

        void close() {
            running = false;
            selector.wakeup();
            try {
                thread.join(1000);
                selector.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                LOG.debug("closing selector", e);
            }
        }

        private record Registered(UdpEndpoint endpoint, Receiver receiver) {}
    }
}
