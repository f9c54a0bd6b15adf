package io.parley.event;

import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** One subscriber's bounded queue on the {@link EventBus}. Single consumer. */
public final class Subscription implements AutoCloseable {
    private final String name;
    private final ArrayBlockingQueue<ParleyEvent> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final EventBus bus;
    private final Predicate<? super ParleyEvent> wanted;

    Subscription(String name, int capacity, EventBus bus, Predicate<? super ParleyEvent> wanted) {
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.bus = bus;
        this.wanted = wanted;
    }

    void offer(ParleyEvent event) {
        if (!wanted.test(event)) {
            return;
        }
        if (!queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    /** Waits up to {@code timeout} for the next event; null when none came. */
    public ParleyEvent poll(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    public ParleyEvent take() throws InterruptedException {
        return queue.take();
    }

    /** Moves every waiting event into {@code sink}; returns how many. */
    public int drainTo(Collection<? super ParleyEvent> sink) {
        return queue.drainTo(sink);
    }

    /** Events this subscriber lost because its queue was full. */
    public long dropped() {
        return dropped.get();
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        bus.remove(this);
    }
}
