package io.parley.bench;

import io.parley.rtp.JitterBuffer;
import io.parley.rtp.JitterBufferSettings;
import io.parley.rtp.PlayoutFrame;
import io.parley.rtp.PollResult;
import io.parley.rtp.RtpPacket;
import io.parley.rtp.RtpReceiveStats;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One packet through a jitter buffer in steady state: insert a 20 ms ulaw packet, then the
 * clock's poll copies one out. {@code receivePath} adds the RFC 3550 statistics, i.e. all the
 * per-packet work of a receiving leg after parsing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JitterBufferBench {
    private static final long TICK = 20_000_000L;

    private JitterBuffer buffer;
    private PlayoutFrame frame;
    private RtpReceiveStats stats;
    private final RtpPacket packet = new RtpPacket();
    private final byte[] payload = new byte[160];
    private long n;

    @Setup
    public void setUp() {
        buffer = new JitterBuffer(JitterBufferSettings.forCodec(8000, 1, 160));
        frame = buffer.newFrame();
        stats = new RtpReceiveStats(8000);
        packet.setSsrc(42).setPayloadType(0).setPayload(payload, 0, payload.length);
        n = 0;
    }

    @Benchmark
    public PollResult insertAndPoll() {
        long now = nextPacket();
        buffer.insert(packet, now);
        return buffer.poll(now, frame);
    }

    @Benchmark
    public PollResult receivePath() {
        long now = nextPacket();
        stats.record(packet, now);
        buffer.insert(packet, now);
        return buffer.poll(now, frame);
    }

    /** Numbers the next 20 ms packet and returns its arrival time. */
    private long nextPacket() {
        packet.setSequenceNumber((int) n & 0xFFFF).setTimestamp(160 * n);
        return n++ * TICK;
    }
}
