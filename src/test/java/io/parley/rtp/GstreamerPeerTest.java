package io.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RTP from a real peer: GStreamer's payloaders (Debian's gstreamer1.0-plugins-good, installed by
 * scripts/setup.sh) send 20 ms of ulaw or L16 over loopback UDP; every datagram is admitted,
 * numbered and timestamped as RFC 3550 says, and the jitter buffer plays all of it in order.
 */
class GstreamerPeerTest {
    private static final int PACKETS = 25;

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ulaw  | mulawenc ! rtppcmupay min-ptime=20000000 max-ptime=20000000 pt=0 | 0  | 1 | 160",
                "L16   | audioconvert ! audio/x-raw,format=S16BE ! rtpL16pay min-ptime=20000000 max-ptime=20000000 pt=96 | 96 | 2 | 320",
            })
    void admitsAndPlaysWhatGstreamerSends(String name, String payloader, int pt, int bytesPerSample, int bytesPerPacket)
            throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(20_000); // a cold GStreamer scans its plugins before the first packet
            String pipeline = "audiotestsrc is-live=true num-buffers=" + PACKETS + " samplesperbuffer=160 freq=1000"
                    + " ! audio/x-raw,rate=8000,channels=1 ! " + payloader
                    + " ! udpsink host=127.0.0.1 port=" + socket.getLocalPort();
            Process gst = new ProcessBuilder(List.of("sh", "-c", "exec gst-launch-1.0 -q " + pipeline))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                List<byte[]> datagrams = new ArrayList<>();
                List<Long> arrivals = new ArrayList<>();
                RtpReceiveFilter filter = new RtpReceiveFilter(1500, pt);
                byte[] buf = new byte[filter.receiveBufferBytes()];
                DatagramPacket dp = new DatagramPacket(buf, buf.length);
                while (datagrams.size() < PACKETS) {
                    try {
                        socket.receive(dp);
                    } catch (SocketTimeoutException e) {
                        break;
                    }
                    arrivals.add(System.nanoTime());
                    datagrams.add(Arrays.copyOf(buf, dp.getLength()));
                }
                assertThat(gst.waitFor(10, TimeUnit.SECONDS))
                        .as("gst-launch-1.0 finished")
                        .isTrue();
                assertThat(gst.exitValue()).as("gst-launch-1.0 exit status").isZero();
                assertThat(datagrams).hasSize(PACKETS);

                RtpPacket p = new RtpPacket();
                for (int i = 0; i < datagrams.size(); i++) {
                    byte[] d = datagrams.get(i);
                    assertThat(filter.admit(d, 0, d.length, p))
                            .as("datagram %d: %s", i, p.lastDropMessage())
                            .isEqualTo(DropReason.NONE);
                    if (i == 0) {
                        assertThat(p.marker())
                                .as("the first packet starts a talk spurt")
                                .isTrue();
                    }
                    assertThat(p.payloadLength()).isEqualTo(bytesPerPacket);
                }

                // Replay the real arrival times against a 20 ms clock; a fixed 200 ms delay absorbs a
                // start-up burst from a busy machine without trimming.
                JitterBuffer buffer =
                        new JitterBuffer(JitterBufferSettings.forCodec(8000, bytesPerSample, bytesPerPacket)
                                .withDelays(200, 200, 200));
                PlayoutFrame frame = buffer.newFrame();
                RtpPacket first = new RtpPacket();
                first.unmarshal(datagrams.getFirst(), 0, datagrams.getFirst().length);
                int played = 0;
                int next = 0;
                long now = arrivals.getFirst();
                for (int tick = 0; tick < PACKETS + 50; tick++, now += 20_000_000L) {
                    while (next < datagrams.size() && arrivals.get(next) <= now) {
                        byte[] d = datagrams.get(next);
                        filter.admit(d, 0, d.length, p);
                        assertThat(p.sequenceNumber()).isEqualTo(SequenceNumber.add(first.sequenceNumber(), next));
                        assertThat(p.timestamp()).isEqualTo((first.timestamp() + 160L * next) & 0xFFFF_FFFFL);
                        assertThat(p.ssrc()).isEqualTo(first.ssrc());
                        assertThat(buffer.insert(p, arrivals.get(next))).isEqualTo(InsertResult.ACCEPTED);
                        next++;
                    }
                    if (buffer.poll(now, frame) == PollResult.PACKET) {
                        assertThat(frame.sequenceNumber())
                                .isEqualTo(SequenceNumber.add(first.sequenceNumber(), played));
                        assertThat(frame.samples()).isEqualTo(160);
                        played++;
                    }
                }
                assertThat(played).isEqualTo(PACKETS);
            } finally {
                gst.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
