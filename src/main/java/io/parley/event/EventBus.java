package io.parley.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fans events out to subscribers, each with a bounded queue of its own.
 *
 * <p>Threading contract: {@link #publish} may be called from any thread, including real-time
 * ones; it never blocks and never runs subscriber code. A subscriber whose queue is full loses
 * the event, and the loss is counted on its {@link Subscription}. Subscribers drain their
 * queue on their own threads.
 */
public final class EventBus {
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    public void publish(ParleyEvent event) {
        for (Subscription s : subscriptions) {
            s.offer(event);
        }
    }

    /** Subscribes with a queue of {@code capacity} events. Close the subscription to leave. */
    public Subscription subscribe(String name, int capacity) {
        Subscription s = new Subscription(name, capacity, this);
        subscriptions.add(s);
        return s;
    }

    void remove(Subscription s) {
        subscriptions.remove(s);
    }
}
