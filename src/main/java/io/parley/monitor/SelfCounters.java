package io.parley.monitor;

import io.parley.history.HistoryHealth;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The monitor's counters about itself, shared by the pump, the feeds and the live push. Thread-safe. */
final class SelfCounters {
    final AtomicInteger feedClients = new AtomicInteger();
    final AtomicLong feedClientsDropped = new AtomicLong();
    final AtomicInteger webSocketClients = new AtomicInteger();
    private final LongSupplier eventsDropped;
    private final Supplier<HistoryHealth> history;

    SelfCounters(LongSupplier eventsDropped) {
        this(eventsDropped, null);
    }

    /** @param history the call history's health, or null when the history is switched off */
    SelfCounters(LongSupplier eventsDropped, Supplier<HistoryHealth> history) {
        this.eventsDropped = eventsDropped;
        this.history = history;
    }

    /** The call history's health now, or null when it is switched off. */
    HistoryHealth history() {
        return history == null ? null : history.get();
    }

    boolean hasHistory() {
        return history != null;
    }

    long eventsDropped() {
        return eventsDropped.getAsLong();
    }
}
