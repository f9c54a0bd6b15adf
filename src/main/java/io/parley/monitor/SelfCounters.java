package io.parley.monitor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** The monitor's counters about itself, shared by the pump, the feeds and the live push. Thread-safe. */
final class SelfCounters {
    final AtomicInteger feedClients = new AtomicInteger();
    final AtomicLong feedClientsDropped = new AtomicLong();
    final AtomicInteger webSocketClients = new AtomicInteger();
    private final LongSupplier eventsDropped;

    SelfCounters(LongSupplier eventsDropped) {
        this.eventsDropped = eventsDropped;
    }

    long eventsDropped() {
        return eventsDropped.getAsLong();
    }
}
