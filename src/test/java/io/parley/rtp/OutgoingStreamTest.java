package io.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The stream a leg sends stays one stream (its SSRC, continuous sequence numbers and timestamps)
 * whatever the caller's relayed stream does, while the relayed packets' gaps and order pass through.
 */
class OutgoingStreamTest {
    private static final long MS = 1_000_000L;
    private static final int OUT_SSRC = 0x0A0B0C0D;

    private final OutgoingStream stream = new OutgoingStream(0, 8000, OUT_SSRC, 500, 90_000);
    private final RtpStreamWriter caller = new RtpStreamWriter(0, 0x1111, 65_530, 4_294_967_000L);
    private final byte[] payload = new byte[160];
    private final byte[] datagram = new byte[200];
    private final byte[] out = new byte[200];
    private final RtpPacket in = new RtpPacket();
    private final RtpPacket sent = new RtpPacket();

    /** The caller's next packet (from {@code writer}), relayed at {@code atMillis}; the packet sent. */
    private RtpPacket relay(RtpStreamWriter writer, long atMillis) {
        int n = writer.write(payload, 0, 160, 160, datagram, 0);
        return relayDatagram(n, atMillis);
    }

    private RtpPacket relayDatagram(int length, long atMillis) {
        assertThat(in.unmarshal(datagram, 0, length)).isEqualTo(DropReason.NONE);
        int n = stream.relay(
                in, in.payloadBuffer(), in.payloadOffset(), in.payloadLength(), 160, atMillis * MS, out, 0);
        assertThat(sent.unmarshal(out, 0, n)).isEqualTo(DropReason.NONE);
        assertThat(sent.ssrc()).isEqualTo(OUT_SSRC);
        return sent;
    }

    @Test
    void aRelayedStreamKeepsItsStepsAndCarriesOnAcrossTheCallersWrap() {
        RtpPacket first = relay(caller, 0);
        assertThat(first.sequenceNumber()).isEqualTo(500);
        assertThat(first.timestamp()).isEqualTo(90_000);
        assertThat(first.marker()).as("the first packet starts a talk spurt").isTrue();
        for (int i = 1; i < 20; i++) { // through the caller's sequence and timestamp wrap
            RtpPacket p = relay(caller, 20L * i);
            assertThat(p.sequenceNumber()).isEqualTo(500 + i);
            assertThat(p.timestamp()).isEqualTo(90_000 + 160L * i);
            assertThat(p.marker()).isFalse();
        }
        assertThat(stream.restarts()).isZero();
    }

    @Test
    void lossAndReorderingPassThrough() {
        RtpStreamWriter w = new RtpStreamWriter(0, 7, 100, 0);
        int[] lengths = new int[6];
        byte[][] packets = new byte[6][];
        for (int i = 0; i < 6; i++) {
            lengths[i] = w.write(payload, 0, 160, 160, datagram, 0);
            packets[i] = datagram.clone();
        }
        // Arrival order 0 1 3 2 5 (4 lost): the receiver sees the same gaps and order.
        int[] order = {0, 1, 3, 2, 5};
        int[] expected = {500, 501, 503, 502, 505};
        for (int k = 0; k < order.length; k++) {
            System.arraycopy(packets[order[k]], 0, datagram, 0, lengths[order[k]]);
            RtpPacket p = relayDatagram(lengths[order[k]], 20L * k);
            assertThat(p.sequenceNumber()).isEqualTo(expected[k]);
            assertThat(p.timestamp()).isEqualTo(90_000 + 160L * (expected[k] - 500));
        }
        assertThat(stream.nextSequenceNumber())
                .as("after the newest, not after the last sent")
                .isEqualTo(506);
    }

    @Test
    void aNewCallerSsrcIsSplicedOnWithTheTimeThatPassedAndMarked() {
        relay(caller, 0);
        relay(caller, 20);
        RtpStreamWriter other = new RtpStreamWriter(0, 0x2222, 7, 123);
        RtpPacket p = relay(other, 540); // 500 ms of nothing after the last packet ended at 40 ms
        assertThat(p.sequenceNumber()).isEqualTo(502);
        assertThat(p.timestamp()).isEqualTo(90_000 + 320 + 4000);
        assertThat(p.marker()).isTrue();
        assertThat(relay(other, 560).sequenceNumber()).isEqualTo(503);
        assertThat(stream.restarts()).isEqualTo(1);
    }

    @Test
    void aSequenceRestartUnderTheSameSsrcIsSplicedOn() {
        RtpStreamWriter w = new RtpStreamWriter(0, 9, 1000, 0);
        relay(w, 0);
        relay(w, 20);
        RtpStreamWriter restarted = new RtpStreamWriter(0, 9, 40_000, 320);
        RtpPacket p = relay(restarted, 40);
        assertThat(p.sequenceNumber()).isEqualTo(502);
        assertThat(p.timestamp()).isEqualTo(90_320);
        assertThat(p.marker()).isTrue();
    }

    @Test
    void aTimestampJumpKeepsTheSequenceAndMovesTheTimestampByTheTimeThatPassed() {
        RtpStreamWriter w = new RtpStreamWriter(0, 9, 1000, 0);
        relay(w, 0);
        relay(w, 20);
        RtpStreamWriter jumped = new RtpStreamWriter(0, 9, 1002, 3_000_000_000L);
        RtpPacket p = relay(jumped, 40);
        assertThat(p.sequenceNumber()).isEqualTo(502);
        assertThat(p.timestamp()).isEqualTo(90_320);
        assertThat(p.marker()).isTrue();
        RtpPacket next = relay(jumped, 60);
        assertThat(next.timestamp()).isEqualTo(90_480);
        assertThat(next.marker()).isFalse();
    }

    @Test
    void silenceSuppressionIsNoJumpAndItsMarkerPassesThrough() {
        RtpStreamWriter w = new RtpStreamWriter(0, 9, 1000, 0);
        relay(w, 0);
        w.skip(160 * 40); // 800 ms without packets, then a talk spurt
        RtpPacket p = relay(w, 820);
        assertThat(p.sequenceNumber()).isEqualTo(501);
        assertThat(p.timestamp()).isEqualTo(90_000 + 160 + 6400);
        assertThat(p.marker()).isTrue();
    }

    @Test
    void packetsMadeHereAndRelayedOnesShareOneContinuousStream() {
        stream.write(payload, 0, 160, 160, 0, out, 0); // the waiting tone, say
        stream.write(payload, 0, 160, 160, 20 * MS, out, 0);
        stream.skip(160, 40 * MS);
        RtpPacket p = relay(caller, 1_060); // one second after the skipped frame ended
        assertThat(p.sequenceNumber()).isEqualTo(502);
        assertThat(p.timestamp()).isEqualTo(90_000 + 480 + 8000);
        assertThat(p.marker()).isTrue();
        int n = stream.write(payload, 0, 160, 160, 1_080 * MS, out, 0);
        sent.unmarshal(out, 0, n);
        assertThat(sent.sequenceNumber()).isEqualTo(503);
        assertThat(sent.timestamp()).isEqualTo(90_000 + 480 + 8000 + 160);
    }
}
