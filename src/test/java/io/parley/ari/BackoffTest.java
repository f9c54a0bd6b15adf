package io.parley.ari;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void withoutJitterDelaysDoubleUpToTheCeiling() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), 0.0, new Random(1));
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            delays.add(b.next().toMillis());
        }
        assertThat(delays).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L, 1000L);
        b.reset();
        assertThat(b.next().toMillis()).isEqualTo(100);
    }

    @Test
    void jitterShortensEachDelayWithinItsShare() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), 0.3, new Random(42));
        long ceiling = 100;
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            long d = b.next().toMillis();
            assertThat(d).isBetween(Math.round(ceiling * 0.7), ceiling);
            seen.add(d);
            ceiling = Math.min(30_000, ceiling * 2);
        }
        assertThat(seen).as("jitter varies the delays").doesNotHaveDuplicates();
    }

    @Test
    void manyAttemptsNeverOverflow() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 0.0, new Random(1));
        for (int i = 0; i < 200; i++) {
            assertThat(b.next()).isLessThanOrEqualTo(Duration.ofMinutes(1)).isPositive();
        }
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0.1, new Random()))
                .hasMessageContaining("initial");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.1, new Random()))
                .hasMessageContaining("max");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 1.0, new Random()))
                .hasMessageContaining("jitter");
    }
}
