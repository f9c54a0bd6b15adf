package io.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceExtenderTest {

    @Test
    void keepsCountingAcrossTheWrap() {
        SequenceExtender x = new SequenceExtender();
        assertThat(x.extend(65534)).isEqualTo(65534);
        assertThat(x.extend(65535)).isEqualTo(65535);
        assertThat(x.extend(0)).isEqualTo(65536);
        assertThat(x.extend(1)).isEqualTo(65537);
        assertThat(x.cycles()).isEqualTo(1);
        assertThat(x.highest()).isEqualTo(65537);
    }

    @Test
    void placesPacketsReorderedAcrossTheWrapInTheirOwnCycle() {
        SequenceExtender x = new SequenceExtender();
        x.extend(65533);
        assertThat(x.extend(0)).isEqualTo(65536); // jumped ahead across the wrap
        assertThat(x.extend(65535)).isEqualTo(65535); // the late one stays in cycle 0
        assertThat(x.extend(65534)).isEqualTo(65534);
        assertThat(x.extend(1)).isEqualTo(65537);
        assertThat(x.highest()).isEqualTo(65537);
        assertThat(x.cycles()).isEqualTo(1);
    }

    @Test
    void peekDoesNotMoveTheHighest() {
        SequenceExtender x = new SequenceExtender();
        assertThat(x.peek(65535)).isEqualTo(65535);
        assertThat(x.started()).isFalse();
        x.extend(65535);
        assertThat(x.peek(3)).isEqualTo(65539);
        assertThat(x.highest()).isEqualTo(65535);
    }

    @Test
    void anOlderPacketRightAfterTheFirstMayGoBelowZero() {
        SequenceExtender x = new SequenceExtender();
        x.extend(0);
        assertThat(x.extend(65535)).isEqualTo(-1);
        assertThat(x.highest()).isZero();
    }

    @Test
    void resetStartsANewStream() {
        SequenceExtender x = new SequenceExtender();
        x.extend(65535);
        x.extend(10);
        x.reset();
        assertThat(x.started()).isFalse();
        assertThat(x.extend(500)).isEqualTo(500);
        assertThat(x.cycles()).isZero();
    }
}
