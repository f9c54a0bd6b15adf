package io.parley.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import io.parley.audio.AudioCodec;
import io.parley.media.TimeSource;
import io.parley.media.UdpEndpoint;
import io.parley.media.UdpReactor;
import io.parley.rtp.RtpStreamWriter;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A simulated caller's per-packet work allocates nothing, so that a thousand of them load the
 * machine with packets rather than garbage: the sending half (source, encode, RTP, impairment,
 * a real socket send) and the receiving half (admit, decode, loudness, onsets, tone window).
 */
class CallerAllocationTest {
    private static final int CYCLES = 50_000;
    private static final long TOLERATED_BYTES = 8192;
    private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void sendingAndHearingAPacketAllocateNothing() throws Exception {
        AudioCodec ulaw = AudioCodec.byAsteriskName("ulaw").orElseThrow();
        try (UdpReactor reactor = new UdpReactor("test", 1)) {
            InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
            UdpEndpoint sink = reactor.bind(loopback, (d, from, t) -> {});
            UdpEndpoint socket = reactor.bind(loopback, (d, from, t) -> {});
            OnsetLog said = new OnsetLog(100);
            CallerVoice voice = new CallerVoice(
                    ToneBursts.standard(8000, 600),
                    ulaw,
                    0,
                    socket,
                    sink.localAddress(),
                    new Impairment(0.02, 0.02, 0, 5),
                    null,
                    TimeSource.SYSTEM,
                    said);
            HeardAudio heard = new HeardAudio(8000, new OnsetLog(100), 160, 0);
            CallerEar ear = new CallerEar(Map.of(0, ulaw), heard);
            short[] tone = new short[160];
            byte[] payload = new byte[160];
            byte[] datagram = new byte[172];
            ByteBuffer buffer = ByteBuffer.wrap(datagram);
            RtpStreamWriter writer = new RtpStreamWriter(0, 7, 0, 0);
            ToneBursts other = ToneBursts.standard(8000, 1000);
            InetSocketAddress from = sink.localAddress();
            Runnable cycle = () -> {
                voice.tick(0);
                other.next(tone, 160);
                ulaw.encode(tone, 0, 160, payload, 0);
                int n = writer.write(payload, 0, 160, 160, datagram, 0);
                ear.onDatagram(buffer.clear().limit(n), from, System.nanoTime());
            };
            for (int i = 0; i < 10_000; i++) {
                cycle.run();
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < CYCLES; i++) {
                cycle.run();
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            assertThat(allocated)
                    .as("bytes allocated over %d packets each way", CYCLES)
                    .isLessThan(TOLERATED_BYTES);
            assertThat(voice.framesSent()).isEqualTo(60_000);
            assertThat(voice.framesDropped()).isBetween(900L, 1500L);
            assertThat(heard.frames()).isEqualTo(60_000);
            assertThat(heard.onsets().overflow())
                    .as("the onset logs filled up and went on counting")
                    .isPositive();
            assertThat(heard.tone().orElseThrow().frequencyHz()).isBetween(999.0, 1001.0);
        }
    }
}
