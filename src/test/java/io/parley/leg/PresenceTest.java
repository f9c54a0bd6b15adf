package io.parley.leg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PresenceTest {
    private static final long S = 1_000_000_000L;

    @Test
    void withoutSignallingRecentMediaMeansPresent() {
        Presence p = new Presence();
        assertThat(p.present(0, 100 * S)).as("no packet yet").isFalse();
        assertThat(p.present(100 * S, 100 * S + Presence.RTP_NANOS - 1)).isTrue();
        assertThat(p.present(100 * S, 100 * S + Presence.RTP_NANOS)).isFalse();
    }

    @Test
    void onceSignalledSignallingAloneDecides() {
        Presence p = new Presence();
        p.signal(true);
        assertThat(p.present(0, 100 * S))
                .as("connected, no media yet (a playback holds the caller)")
                .isTrue();
        p.signal(false);
        assertThat(p.present(100 * S, 100 * S + 1))
                .as("hung up, packets a moment ago")
                .isFalse();
        p.signal(true);
        assertThat(p.present(0, 200 * S)).isTrue();
    }
}
