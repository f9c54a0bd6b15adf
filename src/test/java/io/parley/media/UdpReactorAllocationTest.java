package io.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The reactor thread allocates nothing per datagram: selecting, receiving and sending one on (as a
 * forwarding leg does) through real loopback sockets whose file descriptors are above 127. The
 * JDK's epoll selector looks each ready descriptor up by a boxed {@code Integer}, which allocates
 * above the JVM's box cache unless it is raised ({@code -XX:AutoBoxCacheMax}, as the launcher and
 * the test JVM do).
 */
class UdpReactorAllocationTest {
    private static final int DATAGRAMS = 50_000;
    private static final int BATCH = 100;
    /** Selector housekeeping may allocate now and then; a datagram would cost far more (16 bytes each). */
    private static final long TOLERATED_BYTES = 16 * 1024;

    private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void receivingAndSendingOnAllocateNothingOnTheReactorThread() throws Exception {
        List<DatagramChannel> filler = new ArrayList<>();
        AtomicLong received = new AtomicLong();
        try (UdpReactor reactor = new UdpReactor("alloc-test", 1);
                DatagramChannel client = DatagramChannel.open();
                DatagramChannel sink = DatagramChannel.open()) {
            for (int i = 0; i < 150; i++) {
                filler.add(DatagramChannel.open()); // the sockets below get descriptors above 127
            }
            sink.bind(new InetSocketAddress("127.0.0.1", 0));
            InetSocketAddress to = (InetSocketAddress) sink.getLocalAddress();
            UdpEndpoint out = reactor.bind(new InetSocketAddress("127.0.0.1", 0), (d, f, t) -> {});
            UdpEndpoint in = reactor.bind(new InetSocketAddress("127.0.0.1", 0), (d, from, t) -> {
                out.send(d, to);
                received.incrementAndGet();
            });
            client.bind(new InetSocketAddress("127.0.0.1", 0));
            Thread reactorThread = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("alloc-test-0"))
                    .findFirst()
                    .orElseThrow();

            send(client, in.localAddress(), received, sink, 20_000); // warm up: class loading, JIT compilation
            long before = threads.getThreadAllocatedBytes(reactorThread.threadId());
            send(client, in.localAddress(), received, sink, DATAGRAMS);
            long allocated = threads.getThreadAllocatedBytes(reactorThread.threadId()) - before;

            assertThat(allocated)
                    .as("bytes the reactor thread allocated over %d datagrams", DATAGRAMS)
                    .isLessThan(TOLERATED_BYTES);
        } finally {
            for (DatagramChannel c : filler) {
                c.close();
            }
        }
    }

    /** Sends {@code n} datagrams in batches, each awaited, so that no socket buffer overflows; drains the sink. */
    private static void send(
            DatagramChannel client, InetSocketAddress to, AtomicLong received, DatagramChannel sink, int n)
            throws Exception {
        ByteBuffer datagram = ByteBuffer.allocate(172);
        ByteBuffer drain = ByteBuffer.allocate(2048);
        sink.configureBlocking(false);
        for (int sent = 0; sent < n; sent += BATCH) {
            long target = received.get() + BATCH;
            for (int i = 0; i < BATCH; i++) {
                client.send(datagram.clear(), to);
            }
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> received.get() >= target);
            while (sink.receive(drain.clear()) != null) {
                // what the reactor sent on
            }
        }
    }
}
