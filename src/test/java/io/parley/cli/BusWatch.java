package io.parley.cli;

import io.parley.event.BridgeState;
import io.parley.event.EventBus;
import io.parley.event.ParleyEvent;
import io.parley.event.Subscription;
import java.util.ArrayList;
import java.util.List;

/** What a test saw on parley's event bus: every event, drained whenever the test asks. */
final class BusWatch implements AutoCloseable {
    private final Subscription subscription;
    private final List<ParleyEvent> seen = new ArrayList<>();

    BusWatch(EventBus bus) {
        this.subscription = bus.subscribe("test", 100_000);
    }

    synchronized <T extends ParleyEvent> List<T> all(Class<T> type) {
        subscription.drainTo(seen);
        return seen.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * The bridge's state as the stats sampler last published it (it publishes changes only); IDLE
     * when none was seen: watching started with the runtime, when no caller can be there yet.
     */
    BridgeState.State state(String bridge) {
        return all(BridgeState.class).stream()
                .filter(s -> s.bridge().equals(bridge))
                .map(BridgeState::state)
                .reduce((first, second) -> second)
                .orElse(BridgeState.State.IDLE);
    }

    @Override
    public void close() {
        subscription.close();
    }
}
