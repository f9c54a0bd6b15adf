package io.parley.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.event.UtteranceEvent;
import io.parley.event.UtteranceEvent.Stage;
import org.junit.jupiter.api.Test;

class UtteranceRingTest {

    private static UtteranceEvent u(long id, Stage stage) {
        return new UtteranceEvent(
                id, "b", id, "3333->4444", "en", "fr", stage, "", "text " + id, "", UtteranceEvent.Times.NONE, "");
    }

    @Test
    void keepsTheLatestVersionOfEachIdNewestFirst() {
        UtteranceRing ring = new UtteranceRing(3);
        ring.put(u(1, Stage.PARTIAL));
        ring.put(u(2, Stage.PARTIAL));
        ring.put(u(1, Stage.PLAYED));

        assertThat(ring.newestFirst()).extracting(UtteranceEvent::id).containsExactly(2L, 1L);
        assertThat(ring.newestFirst().getLast().stage()).isEqualTo(Stage.PLAYED);
    }

    @Test
    void pushesOutTheOldestBeyondItsCapacity() {
        UtteranceRing ring = new UtteranceRing(3);
        for (long id = 1; id <= 5; id++) {
            ring.put(u(id, Stage.RECOGNISED));
        }
        assertThat(ring.size()).isEqualTo(3);
        assertThat(ring.newestFirst()).extracting(UtteranceEvent::id).containsExactly(5L, 4L, 3L);
    }
}
