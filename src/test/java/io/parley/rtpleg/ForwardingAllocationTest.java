package io.parley.rtpleg;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import io.parley.config.Codec;
import io.parley.media.TimeSource;
import io.parley.media.UdpEndpoint;
import io.parley.media.UdpReactor;
import io.parley.rtp.RtpStreamWriter;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A cross-patch's per-packet path allocates nothing: a datagram admitted by the receiving leg,
 * classified, rewritten onto the other leg's stream (transcoded when the codecs differ) and sent
 * through a real loopback socket, with copies and SSRC changes among the packets. Measured with the JVM's per-thread allocation counter on the thread that does it all.
 */
class ForwardingAllocationTest {
    private static final int PACKETS = 100_000;
    /** The counter itself and a possible JIT-related allocation may show up; a packet would cost far more. */
    private static final long TOLERATED_BYTES = 4096;

    private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final byte[] payload = new byte[160];
    private final byte[] datagram = new byte[172];
    private final byte[] previous = new byte[172];
    private final ByteBuffer buffer = ByteBuffer.wrap(datagram);
    private final InetSocketAddress caller = new InetSocketAddress("127.0.0.1", 5000);
    /** The caller's streams, one per SSRC, made before anything is measured. */
    private final RtpStreamWriter[] streams = new RtpStreamWriter[32];

    private int stream;
    private long now = 1_000_000_000L;

    {
        for (int i = 0; i < streams.length; i++) {
            streams[i] = new RtpStreamWriter(0, i + 1, i * 1000, i * 160_000L);
        }
    }

    @ParameterizedTest
    @CsvSource({"ULAW, ULAW", "ULAW, ALAW"})
    void forwardingAPacketAllocatesNothing(Codec from, Codec to) throws Exception {
        AtomicLong delivered = new AtomicLong();
        try (UdpReactor reactor = new UdpReactor("alloc-test", 1)) {
            UdpEndpoint listener =
                    reactor.bind(new InetSocketAddress("127.0.0.1", 0), (d, f, t) -> delivered.incrementAndGet());
            UdpEndpoint out = reactor.bind(new InetSocketAddress("127.0.0.1", 0), (d, f, t) -> {});
            RtpReceiver receiver = new RtpReceiver(from);
            RtpTransmitter transmitter = new RtpTransmitter(to, out, now -> listener.localAddress(), TimeSource.SYSTEM);
            PacketForwarder forwarder = new PacketForwarder(from, transmitter::forward);
            receiver.deliverTo(forwarder);

            run(receiver, 20_000); // warm up: class loading, JIT compilation
            long before = threads.getCurrentThreadAllocatedBytes();
            long sentBefore = transmitter.packetsOut();
            run(receiver, PACKETS);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            assertThat(allocated).as("bytes allocated over %d packets", PACKETS).isLessThan(TOLERATED_BYTES);
            long sent = transmitter.packetsOut() - sentBefore;
            assertThat(sent).as("every packet but the copies went out").isEqualTo(PACKETS - PACKETS / 50);
            assertThat(forwarder.network(receiver.receiveStats()).duplicates()).isGreaterThanOrEqualTo(PACKETS / 50);
        }
    }

    /** Packets in order, except that every 50th is a copy of the one before and the SSRC changes every 5000. */
    private void run(RtpReceiver receiver, int n) {
        for (int i = 0; i < n; i++) {
            if (i % 5000 == 4999) {
                stream++; // the caller's SSRC changes
            }
            RtpStreamWriter writer = streams[stream];
            int length;
            if (i % 50 == 49) {
                System.arraycopy(previous, 0, datagram, 0, 172);
                length = 172;
            } else {
                length = writer.write(payload, 0, payload.length, 160, datagram, 0);
                System.arraycopy(datagram, 0, previous, 0, length);
            }
            receiver.onDatagram(buffer.clear().limit(length), caller, now);
            now += 20_000_000L;
        }
    }
}
