package io.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JitterBufferSettingsTest {

    @Test
    void defaultsAreThoseOfTheBrief() {
        JitterBufferSettings s = JitterBufferSettings.forCodec(8000, 1, 160);
        assertThat(s.minDelayMillis()).isEqualTo(20);
        assertThat(s.initialDelayMillis()).isEqualTo(40);
        assertThat(s.maxDelayMillis()).isEqualTo(200);
        assertThat(s.slotCount()).isEqualTo(32);
        assertThat(s.memoryBytes()).isEqualTo(32 * (160 + 18) + 300);
    }

    @Test
    void refusesWhatWouldBreakTimingNamingTheFieldAndBounds() {
        JitterBufferSettings s = JitterBufferSettings.forCodec(8000, 1, 160);
        assertThatThrownBy(() -> s.withSlots(30))
                .hasMessage("jitter buffer slotCount 30 must be a power of two (e.g. 32)");
        assertThatThrownBy(() -> s.withSlots(1)).hasMessage("jitter buffer slotCount = 1 is outside 2..1024 slots");
        assertThatThrownBy(() -> s.withDelays(100, 40, 200))
                .hasMessage(
                        "jitter buffer initialDelayMillis = 40 is outside 100..200 ms (between minDelayMillis and maxDelayMillis)");
        assertThatThrownBy(() -> s.withDelays(300, 300, 200))
                .hasMessage("jitter buffer minDelayMillis = 300 is outside 0..200 ms (and at most maxDelayMillis)");
        assertThatThrownBy(() -> JitterBufferSettings.forCodec(0, 1, 160))
                .hasMessage("jitter buffer clockRate = 0 is outside 1000..192000 Hz");
        assertThatThrownBy(() -> JitterBufferSettings.forCodec(8000, 1, 0))
                .hasMessage("jitter buffer maxPayloadBytes = 0 is outside 1..65535 bytes");
    }
}
