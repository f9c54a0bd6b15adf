package io.parley.bench;

import io.parley.rtp.DropReason;
import io.parley.rtp.RtpPacket;
import io.parley.rtp.RtpReceiveFilter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Parsing and writing one 20 ms ulaw packet (172 bytes), the per-datagram cost of RTP. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RtpPacketBench {
    private final RtpPacket packet = new RtpPacket();
    private final RtpPacket outgoing = new RtpPacket();
    private final RtpReceiveFilter filter = new RtpReceiveFilter(1500, 0);
    private final byte[] datagram = new byte[172];
    private final byte[] out = new byte[1500];
    private final byte[] payload = new byte[160];

    @Setup
    public void setUp() {
        outgoing.setPayloadType(0)
                .setSequenceNumber(4711)
                .setTimestamp(123_456)
                .setSsrc(0x6B8B4567)
                .setPayload(payload, 0, payload.length);
        outgoing.marshalTo(datagram, 0);
    }

    @Benchmark
    public DropReason unmarshal() {
        return packet.unmarshal(datagram, 0, datagram.length);
    }

    /** What a socket loop runs per datagram: size, RTCP, structure and payload-type checks. */
    @Benchmark
    public DropReason admit() {
        return filter.admit(datagram, 0, datagram.length, packet);
    }

    @Benchmark
    public int marshal() {
        return outgoing.marshalTo(out, 0);
    }
}
