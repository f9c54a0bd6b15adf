package io.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class InterarrivalJitterTest {
    private static final long MS = 1_000_000L;

    @Test
    void isZeroForPerfectlyPacedPackets() {
        InterarrivalJitter j = new InterarrivalJitter(8000, 0);
        for (int i = 0; i < 100; i++) {
            j.update(1_000 * MS + i * 20 * MS, 12345 + i * 160);
        }
        assertThat(j.samples()).isZero();
    }

    @Test
    void followsTheRfcRecurrenceStepByStep() {
        // 8 kHz, 20 ms packets; the second arrives 10 ms late, the third on time again.
        InterarrivalJitter j = new InterarrivalJitter(8000, 0);
        j.update(0, 0);
        j.update(30 * MS, 160); // D = 240 - 160 = 80 samples: J = 80/16 = 5
        assertThat(j.samples()).isCloseTo(5.0, within(1e-9));
        j.update(40 * MS, 320); // D = 80 - 160 = -80: J = 5 + (80 - 5)/16 = 9.6875
        assertThat(j.samples()).isCloseTo(9.6875, within(1e-9));
        assertThat(j.millis()).isCloseTo(9.6875 / 8, within(1e-9));
    }

    @Test
    void handlesTimestampWrapAndAFreshStartKeepsTheEstimate() {
        InterarrivalJitter j = new InterarrivalJitter(8000, 0);
        j.update(0, -160); // 0xFFFFFF60
        j.update(20 * MS, 0); // wrapped: still exactly on time
        assertThat(j.samples()).isZero();
        j.update(50 * MS, 160); // 10 ms late: J = 5
        j.restart();
        j.update(10_000 * MS, 999_999); // unrelated new source: no D computed
        assertThat(j.samples()).isCloseTo(5.0, within(1e-9));
    }
}
