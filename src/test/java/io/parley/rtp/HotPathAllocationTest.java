package io.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The per-packet path allocates nothing: a socket loop's admit + stats + insert, the media
 * clock's poll, and the sender's write, measured with the JVM's per-thread allocation counter.
 */
class HotPathAllocationTest {
    private static final int CYCLES = 100_000;
    /** The counter itself and a possible JIT-related allocation may show up; a packet would cost far more. */
    private static final long TOLERATED_BYTES = 4096;

    private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final RtpReceiveFilter filter = new RtpReceiveFilter(1500, 0);
    private final DropCounters drops = new DropCounters();
    private final RtpReceiveStats stats = new RtpReceiveStats(8000);
    private final JitterBuffer buffer = new JitterBuffer(JitterBufferSettings.forCodec(8000, 1, 160));
    private final PlayoutFrame frame = buffer.newFrame();
    private final RtpPacket packet = new RtpPacket();
    private final RtpStreamWriter writer = new RtpStreamWriter(0, 0x600D, 65_000, 4_294_000_000L);
    private final byte[] audio = new byte[160];
    private final byte[] datagram = new byte[1501];
    private final byte[] garbage = {(byte) 0x80, 0, 0};
    private long sequence;
    private long played;

    @Test
    void receivingBufferingPlayingAndSendingAllocateNothing() {
        runCycles(20_000); // warm up: class loading, JIT compilation
        long before = threads.getCurrentThreadAllocatedBytes();
        runCycles(CYCLES);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated over %d cycles", CYCLES).isLessThan(TOLERATED_BYTES);
        JitterBufferSnapshot s = buffer.snapshot();
        assertThat(s.accepted()).as("the cycles really went through the buffer").isGreaterThan(CYCLES);
        assertThat(drops.get(DropReason.TOO_SHORT)).isEqualTo(sequence);
        assertThat(played).as("steady state: one packet out per packet in").isGreaterThan(sequence - 10);
        assertThat(s.lost() + s.trimmed() + s.resyncs()).isZero();
    }

    private void runCycles(int n) {
        for (int i = 0; i < n; i++, sequence++) {
            long now = sequence * 20_000_000L;
            int len = writer.write(audio, 0, audio.length, 160, datagram, 0);
            DropReason reason = filter.admit(datagram, 0, len, packet);
            drops.count(reason);
            if (reason == DropReason.NONE) {
                stats.record(packet, now);
                buffer.insert(packet, now);
            }
            drops.count(filter.admit(garbage, 0, garbage.length, packet));
            if (buffer.poll(now, frame) == PollResult.PACKET) {
                played++;
            }
        }
    }
}
