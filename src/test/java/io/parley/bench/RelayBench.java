package io.parley.bench;

import io.parley.audio.AudioCodec;
import io.parley.audio.ToneGenerator;
import io.parley.config.Codec;
import io.parley.leg.Frames;
import io.parley.media.TimeSource;
import io.parley.media.UdpEndpoint;
import io.parley.media.UdpReactor;
import io.parley.rtp.RtpStreamWriter;
import io.parley.rtpleg.LegParts;
import io.parley.rtpleg.RtpReceiver;
import io.parley.rtpleg.RtpTransmitter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one 20 ms ulaw packet costs parley on its way through a leg, piece by piece. On the clock's
 * path (translation, transcoding): the receiving half (parse, jitter buffer, decode, 8 -> 16 kHz),
 * the sending half without the socket (16 -> 8 kHz, encode, RTP), and the socket send to a loopback
 * peer. On a cross-patch's path, forwarded on arrival: parse, admit, rewrite the header, with and
 * without the socket send. A cross-patched pair costs two packets' worth every 20 ms.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RelayBench {
    private final RtpReceiver receiver = new RtpReceiver(Codec.ULAW);
    private final RtpReceiver forwarding = new RtpReceiver(Codec.ULAW);
    private final RtpReceiver forwardingNowhere = new RtpReceiver(Codec.ULAW);
    private final LegParts.Puller playout = LegParts.playout(receiver);
    private final RtpStreamWriter writer = new RtpStreamWriter(0, 1, 0, 0);
    private final byte[] payload = new byte[160];
    private final byte[] datagram = new byte[172];
    private final short[] frame = new short[Frames.SAMPLES];
    private final InetSocketAddress caller = new InetSocketAddress("127.0.0.1", 5000);
    private UdpReactor reactor;
    private UdpEndpoint sink;
    private RtpTransmitter transmitter;
    private RtpTransmitter nowhere;
    private long now = 1_000_000_000L;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        short[] tone = new short[160];
        new ToneGenerator(8000, 440, -12).fill(tone, 0, 160);
        AudioCodec.byAsteriskName("ulaw").orElseThrow().encode(tone, 0, 160, payload, 0);
        reactor = new UdpReactor("bench", 1);
        // The peer drains what it receives, as a caller would, so the kernel never refuses a send.
        sink = reactor.bind(new InetSocketAddress("127.0.0.1", 0), (d, from, t) -> {});
        UdpEndpoint out = reactor.bind(new InetSocketAddress("127.0.0.1", 0), (d, from, t) -> {});
        transmitter = new RtpTransmitter(Codec.ULAW, out, now -> sink.localAddress(), TimeSource.SYSTEM);
        nowhere = new RtpTransmitter(Codec.ULAW, out, now -> null, TimeSource.SYSTEM);
        LegParts.forward(forwarding, transmitter);
        LegParts.forward(forwardingNowhere, nowhere);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        reactor.close();
    }

    /** A datagram in (reactor thread's work) and a frame out of the jitter buffer (clock's work). */
    @Benchmark
    public boolean receive() {
        int n = writer.write(payload, 0, 160, 160, datagram, 0);
        receiver.onDatagram(ByteBuffer.wrap(datagram, 0, n), caller, now);
        now += 20_000_000L;
        return playout.pull(now, frame);
    }

    /** A datagram in and forwarded at once: parse, admit, rewrite and write the header; no destination, no send. */
    @Benchmark
    public long forward() {
        int n = writer.write(payload, 0, 160, 160, datagram, 0);
        forwardingNowhere.onDatagram(ByteBuffer.wrap(datagram, 0, n), caller, now);
        now += 20_000_000L;
        return nowhere.unsent();
    }

    /** The same and the send to a loopback peer: all a cross-patch does per packet after the socket read. */
    @Benchmark
    public long forwardAndSend() {
        int n = writer.write(payload, 0, 160, 160, datagram, 0);
        forwarding.onDatagram(ByteBuffer.wrap(datagram, 0, n), caller, now);
        now += 20_000_000L;
        return transmitter.packetsOut();
    }

    /** Downsample, encode and write RTP; no destination yet, so nothing is sent. */
    @Benchmark
    public boolean encode() {
        return nowhere.send(frame);
    }

    /** The same and the send to a loopback peer. */
    @Benchmark
    public boolean encodeAndSend() {
        return transmitter.send(frame);
    }
}
