package io.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of what an RTP port does with each datagram: the receive filter
 * (parse and admit), the statistics and the jitter buffer, over a run of datagrams. The input is
 * a run of {@code [length: 2 bytes, big-endian][datagram]}; the seeds in
 * {@code RtpFuzzTestInputs/} are RTP captured from GStreamer and ffmpeg. {@code ./build test}
 * fuzzes it briefly (profile {@code fuzz}); otherwise the seeds run as regression tests.
 */
class RtpFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void datagrams(byte[] input) {
        RtpReceiveFilter filter = new RtpReceiveFilter(RtpReceiveFilter.DEFAULT_MAX_DATAGRAM_BYTES, 0, 8, 10, 118);
        RtpReceiveStats stats = new RtpReceiveStats(8000);
        JitterBuffer buffer = new JitterBuffer(JitterBufferSettings.forCodec(8000, 1, 160));
        PlayoutFrame frame = buffer.newFrame();
        RtpPacket packet = new RtpPacket();
        DropCounters drops = new DropCounters();
        long now = 0;
        for (int at = 0; at + 2 <= input.length; ) {
            int length = Math.min(((input[at] & 0xff) << 8) | (input[at + 1] & 0xff), input.length - at - 2);
            int off = at + 2;
            at = off + length;
            now += 20_000_000L;
            DropReason reason = filter.admit(input, off, length, packet);
            drops.count(reason);
            if (reason == DropReason.NONE) {
                assertThat(packet.payloadOffset()).isBetween(off, off + length);
                assertThat(packet.payloadOffset() + packet.payloadLength()).isLessThanOrEqualTo(off + length);
                stats.record(packet, now);
                buffer.insert(packet, now);
            } else {
                assertThat(reason.describe(length, filter.maxDatagramBytes())).isNotEmpty();
            }
            buffer.poll(now, frame);
        }
        stats.snapshot();
        assertThat(buffer.snapshot()).isNotNull();
        assertThat(drops.snapshot().total()).isGreaterThanOrEqualTo(0);
    }
}
