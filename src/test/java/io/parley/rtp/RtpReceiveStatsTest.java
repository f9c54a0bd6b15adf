package io.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RtpReceiveStatsTest {
    private static final long MS = 1_000_000L;

    private final RtpReceiveStats stats = new RtpReceiveStats(8000);
    private final RtpPacket packet = new RtpPacket().setPayload(new byte[160], 0, 160);
    private int ssrc = 0x1234;

    private boolean receive(int seq, long arrivalMs, long timestamp) {
        packet.setSsrc(ssrc).setSequenceNumber(seq & 0xFFFF).setTimestamp(timestamp);
        return stats.record(packet, arrivalMs * MS);
    }

    /** Sends seq from..to-1 on time, 20 ms apart, timestamps 160 apart. */
    private void sendInOrder(int from, int to) {
        for (int i = from; i < to; i++) {
            receive(i, 20L * i, 160L * i);
        }
    }

    @Test
    void aNewSourceIsOnProbationUntilTwoPacketsInSequence() {
        assertThat(receive(1000, 0, 0)).isFalse();
        assertThat(stats.snapshot().valid()).isFalse();
        assertThat(receive(1001, 20, 160)).isTrue();

        ReceiveSnapshot s = stats.snapshot();
        assertThat(s.valid()).isTrue();
        assertThat(s.received()).isEqualTo(1);
        assertThat(s.expected()).isEqualTo(1);
        assertThat(s.packets()).isEqualTo(2);
        assertThat(s.ssrc()).isEqualTo(0x1234);
    }

    @Test
    void aBrokenSequenceDuringProbationStartsItAgain() {
        receive(10, 0, 0);
        assertThat(receive(12, 20, 160)).isFalse();
        assertThat(receive(13, 40, 320)).isTrue();
        assertThat(stats.snapshot().expected()).isEqualTo(1);
    }

    @Test
    void countsLostPacketsAndTheFractionLostPerInterval() {
        sendInOrder(0, 51);
        ReceiveSnapshot first = stats.snapshot();
        assertThat(first.lost()).isZero();
        assertThat(first.expected()).isEqualTo(50);

        for (int i = 51; i < 101; i++) {
            if (i % 10 != 5) {
                receive(i, 20L * i, 160L * i);
            }
        }
        ReceiveSnapshot second = stats.snapshot();

        assertThat(second.expected()).isEqualTo(100);
        assertThat(second.lost()).isEqualTo(5);
        assertThat(second.fractionLostSince(first)).isCloseTo(0.1, within(1e-9));
        assertThat(second.fractionLostByteSince(first)).isEqualTo(25); // floor(0.1 * 256)
        assertThat(second.fractionLostSince(second)).isZero();
    }

    @Test
    void extendsSequenceNumbersAcrossTheWrap() {
        for (int i = 0; i < 20; i++) {
            receive(65530 + i, 20L * i, 160L * i);
        }
        ReceiveSnapshot s = stats.snapshot();
        assertThat(s.cycles()).isEqualTo(1);
        assertThat(s.extendedHighestSequence()).isEqualTo(65536 + 13);
        assertThat(s.expected()).isEqualTo(19);
        assertThat(s.received()).isEqualTo(19);
        assertThat(s.lost()).isZero();
    }

    @Test
    void reorderingAcrossTheWrapIsNotCountedAsACycle() {
        receive(65533, 0, 0);
        receive(65534, 20, 160);
        receive(0, 40, 480); // 65535 is late
        receive(65535, 45, 320);
        receive(1, 60, 640);
        ReceiveSnapshot s = stats.snapshot();
        assertThat(s.cycles()).isEqualTo(1);
        assertThat(s.expected()).isEqualTo(4);
        assertThat(s.lost()).isZero();
    }

    @Test
    void aDuplicateCountsAsReceivedSoLostGoesNegativeAsTheRfcSays() {
        sendInOrder(0, 10);
        receive(5, 300, 800);
        assertThat(stats.snapshot().lost()).isEqualTo(-1);
    }

    @Test
    void aSenderThatRestartsItsSequenceIsFollowedAfterTwoPackets() {
        sendInOrder(0, 10);
        assertThat(receive(40_000, 200, 1600)).as("a lone jump is not trusted").isFalse();
        assertThat(receive(40_001, 220, 1760)).isTrue();
        assertThat(receive(40_002, 240, 1920)).isTrue();

        ReceiveSnapshot s = stats.snapshot();
        assertThat(s.restarts()).isEqualTo(1);
        assertThat(s.expected()).isEqualTo(9 + 2);
        assertThat(s.received()).isEqualTo(9 + 2);
        assertThat(s.extendedHighestSequence()).isEqualTo(40_002);
    }

    @Test
    void aNewSsrcStartsANewSourceAndKeepsTheTotals() {
        sendInOrder(0, 10);
        ssrc = 0x9999;
        assertThat(receive(500, 220, 50_000)).isFalse();
        assertThat(receive(501, 240, 50_160)).isTrue();

        ReceiveSnapshot s = stats.snapshot();
        assertThat(s.sourceChanges()).isEqualTo(1);
        assertThat(s.ssrc()).isEqualTo(0x9999);
        assertThat(s.received()).isEqualTo(9 + 1);
        assertThat(s.expected()).isEqualTo(9 + 1);
    }

    @Test
    void measuresInterarrivalJitterInTimestampUnitsAndMillis() {
        // Every other packet 10 ms late: |D| is 80 samples each time, so J tends to 80 (10 ms).
        for (int i = 0; i < 300; i++) {
            receive(i, 20L * i + (i % 2 == 1 ? 10 : 0), 160L * i);
        }
        ReceiveSnapshot s = stats.snapshot();
        assertThat(s.jitter()).isCloseTo(80, within(0.5));
        assertThat(s.jitterMillis()).isCloseTo(10, within(0.1));
    }
}
