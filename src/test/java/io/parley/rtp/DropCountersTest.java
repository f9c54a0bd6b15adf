package io.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DropCountersTest {

    @Test
    void countsPerReasonAndIgnoresNone() {
        DropCounters counters = new DropCounters();
        counters.count(DropReason.TOO_SHORT);
        counters.count(DropReason.TOO_SHORT);
        counters.count(DropReason.UNEXPECTED_SOURCE);
        counters.count(DropReason.NONE);

        DropSnapshot snapshot = counters.snapshot();

        assertThat(snapshot.get(DropReason.TOO_SHORT)).isEqualTo(2);
        assertThat(snapshot.get(DropReason.UNEXPECTED_SOURCE)).isEqualTo(1);
        assertThat(snapshot.get(DropReason.BAD_VERSION)).isZero();
        assertThat(snapshot.total()).isEqualTo(3);
        assertThat(snapshot.counts()).doesNotContainKey(DropReason.NONE).hasSize(DropReason.values().length - 1);
        assertThat(snapshot.byLabel())
                .containsEntry("too_short", 2L)
                .containsEntry("unexpected_source", 1L)
                .doesNotContainKey("none");
        assertThat(counters.get(DropReason.TOO_SHORT)).isEqualTo(2);
        assertThat(counters.countedByLabel())
                .as("only what happened, in declaration order")
                .containsExactly(Map.entry("too_short", 2L), Map.entry("unexpected_source", 1L));
        assertThat(new DropCounters().countedByLabel()).isEmpty();
    }

    @Test
    void aReaderThreadSeesTheWritersCountsGrow() throws InterruptedException {
        DropCounters counters = new DropCounters();
        AtomicBoolean stop = new AtomicBoolean();
        long writes = 2_000_000;
        Thread writer = Thread.ofPlatform().start(() -> {
            for (long i = 0; i < writes && !stop.get(); i++) {
                counters.count((i & 1) == 0 ? DropReason.OVERSIZED : DropReason.BAD_VERSION);
            }
        });
        try {
            long previous = 0;
            while (writer.isAlive()) {
                long total = counters.snapshot().total();
                assertThat(total).isGreaterThanOrEqualTo(previous); // never goes backwards
                previous = total;
            }
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> counters.snapshot().total() == writes);
            assertThat(counters.get(DropReason.OVERSIZED)).isEqualTo(writes / 2);
        } finally {
            stop.set(true);
            writer.join();
        }
    }
}
