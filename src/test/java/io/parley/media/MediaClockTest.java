package io.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class MediaClockTest {
    private static final long P = MediaClock.PERIOD_NANOS;
    private final VirtualTime time = new VirtualTime(1_000_000_000L);
    private final MediaClock clock = new MediaClock(time, false);

    private record Tick(String task, long deadline) {}

    private final List<Tick> ticks = new ArrayList<>();

    private MediaClock.Registration task(String name, long first) {
        return clock.schedule(name, d -> ticks.add(new Tick(name, d)), first);
    }

    @Test
    void ticksEveryPeriodAtAbsoluteDeadlinesEvenWhenRunLate() {
        long t0 = time.nanoTime();
        task("a", t0);
        for (int i = 0; i < 10; i++) {
            clock.runDue();
            time.advance(P + 3_000_000); // always 3 ms later than the previous period
            time.set(t0 + (i + 1) * P + 3_000_000);
        }
        assertThat(ticks)
                .extracting(Tick::deadline)
                .containsExactly(
                        t0,
                        t0 + P,
                        t0 + 2 * P,
                        t0 + 3 * P,
                        t0 + 4 * P,
                        t0 + 5 * P,
                        t0 + 6 * P,
                        t0 + 7 * P,
                        t0 + 8 * P,
                        t0 + 9 * P);
    }

    @Test
    void tasksWithTheirOwnPhasesRunInDeadlineOrder() {
        long t0 = time.nanoTime();
        task("late-phase", t0 + 15_000_000);
        task("early-phase", t0 + 2_000_000);
        task("same-as-early", t0 + 2_000_000);
        time.set(t0 + 2 * P);
        clock.runDue();
        assertThat(ticks)
                .extracting(Tick::task)
                .containsExactly(
                        "early-phase", "same-as-early", "late-phase", "early-phase", "same-as-early", "late-phase");
    }

    @Test
    void returnsTheWaitUntilTheNextDeadline() {
        long t0 = time.nanoTime();
        task("a", t0 + 7_000_000);
        assertThat(clock.runDue()).isEqualTo(7_000_000);
        time.set(t0 + 7_000_000);
        assertThat(clock.runDue()).isEqualTo(P);
    }

    @Test
    void catchesUpAFewMissedPeriodsAndSkipsBeyondThat() {
        long t0 = time.nanoTime();
        task("a", t0);
        time.set(t0 + 3 * P + 1);
        clock.runDue();
        assertThat(ticks).hasSize(4);
        assertThat(clock.skipped()).isZero();

        ticks.clear();
        time.set(t0 + 100 * P);
        clock.runDue();
        assertThat(clock.skipped()).isGreaterThan(90);
        assertThat(ticks.getFirst().deadline()).isGreaterThanOrEqualTo(t0 + 100 * P - MediaClock.MAX_CATCH_UP * P);
        assertThat(ticks.getLast().deadline()).isEqualTo(t0 + 100 * P);
    }

    @Test
    void aTaskCanMoveItsOwnPhase() {
        long t0 = time.nanoTime();
        MediaClock.Registration[] self = new MediaClock.Registration[1];
        self[0] = clock.schedule(
                "a",
                d -> {
                    ticks.add(new Tick("a", d));
                    if (ticks.size() == 1) {
                        self[0].rephase(d + P + 5_000_000);
                    }
                },
                t0);
        time.set(t0 + 3 * P);
        clock.runDue();
        assertThat(ticks).extracting(Tick::deadline).containsExactly(t0, t0 + P + 5_000_000, t0 + 2 * P + 5_000_000);
    }

    @Test
    void cancelledTasksStop() {
        long t0 = time.nanoTime();
        MediaClock.Registration r = task("a", t0);
        clock.runDue();
        r.cancel();
        time.set(t0 + 5 * P);
        clock.runDue();
        assertThat(ticks).hasSize(1);
    }

    @Test
    void aFailingTaskIsStoppedWithoutStoppingTheOthers() {
        long t0 = time.nanoTime();
        MediaClock.Registration bad = clock.schedule(
                "bad",
                d -> {
                    throw new IllegalStateException("boom");
                },
                t0);
        task("good", t0);
        time.set(t0 + 2 * P);
        clock.runDue();
        assertThat(bad.failure()).hasMessage("boom");
        assertThat(ticks).hasSize(3);
    }

    @Test
    void theRealClockThreadRunsTasksAtTheirDeadlines() {
        try (MediaClock real = new MediaClock()) {
            List<Long> lateness = new CopyOnWriteArrayList<>();
            long t0 = System.nanoTime() + 5_000_000;
            real.schedule("real", d -> lateness.add(System.nanoTime() - d), t0);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> lateness.size() >= 10);
            assertThat(lateness).allSatisfy(late -> assertThat(late).isGreaterThanOrEqualTo(0));
            assertThat(real.lateness().getTotalCount()).isGreaterThanOrEqualTo(10);
        }
    }
}
