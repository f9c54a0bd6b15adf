package io.parley.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

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
        return subscribe(name, capacity, e -> true);
    }

    /**
     * Subscribes to the events {@code wanted} accepts; the others are never queued for this
     * subscriber. {@code wanted} runs on the publishing thread: it must be a cheap test of the
     * event's type or fields.
     */
    public Subscription subscribe(String name, int capacity, Predicate<? super ParleyEvent> wanted) {
        Subscription s = new Subscription(name, capacity, this, wanted);
        subscriptions.add(s);
        return s;
    }

    void remove(Subscription s) {
        subscriptions.remove(s);
    }
}
