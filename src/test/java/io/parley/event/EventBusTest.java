package io.parley.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bus hands each subscriber what it asked for, into its own bounded queue. */
class EventBusTest {

    @Test
    void aSubscriberWithAFilterIsNeverQueuedTheRestAndTheOthersGetEverything() {
        EventBus bus = new EventBus();
        try (Subscription all = bus.subscribe("all", 10);
                Subscription states = bus.subscribe("states", 2, e -> e instanceof BridgeState)) {
            for (int i = 0; i < 5; i++) {
                bus.publish(new EngineFault(i, "b", "stt", "e", "m", false));
            }
            bus.publish(new BridgeState(9, "b", "translate", BridgeState.State.CONNECTED, ""));

            List<ParleyEvent> got = new ArrayList<>();
            states.drainTo(got);
            assertThat(got).hasSize(1).allMatch(e -> e instanceof BridgeState);
            assertThat(states.dropped()).as("filtered out is not dropped").isZero();
            got.clear();
            all.drainTo(got);
            assertThat(got).hasSize(6);
        }
    }
}
