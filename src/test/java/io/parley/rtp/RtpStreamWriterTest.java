package io.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RtpStreamWriterTest {
    private final byte[] payload = new byte[160];
    private final byte[] out = new byte[1500];
    private final RtpPacket parsed = new RtpPacket();
    private final RtpReceiveFilter filter = new RtpReceiveFilter(1500, 0);

    private RtpPacket writeAndParse(RtpStreamWriter writer, int len, int samples) {
        int n = writer.write(payload, 0, len, samples, out, 0);
        assertThat(n).isEqualTo(RtpPacket.HEADER_BYTES + len);
        assertThat(filter.admit(out, 0, n, parsed)).isEqualTo(DropReason.NONE);
        return parsed;
    }

    @Test
    void writesHeaderAndPayloadAndAdvancesSequenceAndTimestamp() {
        Arrays.fill(payload, (byte) 0x5A);
        RtpStreamWriter writer = new RtpStreamWriter(0, 0xABCD0123, 100, 8000);

        RtpPacket first = writeAndParse(writer, 160, 160);
        assertThat(first.marker()).as("first packet starts a talk spurt").isTrue();
        assertThat(first.payloadType()).isZero();
        assertThat(first.ssrc()).isEqualTo(0xABCD0123);
        assertThat(first.sequenceNumber()).isEqualTo(100);
        assertThat(first.timestamp()).isEqualTo(8000);
        assertThat(Arrays.copyOfRange(out, 12, 172)).isEqualTo(payload);

        RtpPacket second = writeAndParse(writer, 160, 160);
        assertThat(second.marker()).isFalse();
        assertThat(second.sequenceNumber()).isEqualTo(101);
        assertThat(second.timestamp()).isEqualTo(8160);

        RtpPacket shortOne = writeAndParse(writer, 40, 40);
        assertThat(shortOne.payloadLength()).isEqualTo(40);
        assertThat(writer.nextTimestamp()).isEqualTo(8000 + 160 + 160 + 40);
        assertThat(writer.packetsWritten()).isEqualTo(3);
        assertThat(writer.payloadBytesWritten()).isEqualTo(360);
    }

    @Test
    void wrapsSequenceAndTimestamp() {
        RtpStreamWriter writer = new RtpStreamWriter(0, 1, 65535, 0xFFFF_FF60L);
        assertThat(writeAndParse(writer, 160, 160).sequenceNumber()).isEqualTo(65535);
        RtpPacket next = writeAndParse(writer, 160, 160);
        assertThat(next.sequenceNumber()).isZero();
        assertThat(next.timestamp()).isZero();
        assertThat(writer.nextTimestamp()).isEqualTo(160);
    }

    @Test
    void marksTheFirstPacketAfterASilenceGap() {
        RtpStreamWriter writer = new RtpStreamWriter(0, 1, 7, 0);
        writeAndParse(writer, 160, 160);
        writer.skip(8000); // one second of silence, nothing sent

        RtpPacket resumed = writeAndParse(writer, 160, 160);
        assertThat(resumed.marker()).isTrue();
        assertThat(resumed.sequenceNumber())
                .as("no packets were sent in the gap")
                .isEqualTo(8);
        assertThat(resumed.timestamp()).isEqualTo(160 + 8000);
        assertThat(writeAndParse(writer, 160, 160).marker()).isFalse();

        writer.markNext();
        assertThat(writeAndParse(writer, 160, 160).marker()).isTrue();
    }

    @Test
    void randomStreamsStartAtRandomPoints() {
        RtpStreamWriter a = RtpStreamWriter.random(8, new SplittableRandom(1));
        RtpStreamWriter b = RtpStreamWriter.random(8, new SplittableRandom(2));
        assertThat(a.ssrc()).isNotEqualTo(b.ssrc());
        assertThat(a.nextSequenceNumber()).isNotEqualTo(b.nextSequenceNumber()).isBetween(0, 65535);
        assertThat(a.nextTimestamp()).isNotEqualTo(b.nextTimestamp()).isBetween(0L, 0xFFFF_FFFFL);
        assertThat(a.payloadType()).isEqualTo(8);
    }

    @Test
    void refusesNegativeSampleCounts() {
        RtpStreamWriter writer = new RtpStreamWriter(0, 1, 0, 0);
        assertThatThrownBy(() -> writer.write(payload, 0, 160, -1, out, 0)).hasMessageContaining("-1 samples");
        assertThatThrownBy(() -> writer.skip(-5)).hasMessageContaining("-5 samples");
    }
}
