package io.parley.monitor;

import io.parley.event.ParleyEvent;
import io.parley.event.Subscription;
import io.parley.event.UtteranceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's one consumer of the event bus: it drains the subscription on its own thread and
 * hands each event to the state model, the TCP feeds, the Prometheus meters and the log. It
 * never blocks on a client: feeds take lines into bounded queues, everything else is in memory.
 */
final class EventPump implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventPump.class);
    private static final int PROGRESS_CAPACITY = 1024;

    private final Subscription subscription;
    private final MonitorState state;
    private final List<MetricsFeed> feeds;
    private final PrometheusMeters meters;
    private final EventLog log = new EventLog();
    private final UtteranceProgress progress = new UtteranceProgress(PROGRESS_CAPACITY);
    private final Thread thread;
    private volatile boolean running = true;

    EventPump(Subscription subscription, MonitorState state, List<MetricsFeed> feeds, PrometheusMeters meters) {
        this.subscription = subscription;
        this.state = state;
        this.feeds = List.copyOf(feeds);
        this.meters = meters;
        this.thread = Thread.ofPlatform().daemon().name("parley-monitor-events").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    private void run() {
        List<ParleyEvent> batch = new ArrayList<>(256);
        while (running) {
            try {
                ParleyEvent first = subscription.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                subscription.drainTo(batch);
                for (ParleyEvent e : batch) {
                    handle(e);
                }
                batch.clear();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void handle(ParleyEvent event) {
        try {
            UtteranceProgress.Step step =
                    event instanceof UtteranceEvent u ? progress.advance(u) : UtteranceProgress.Step.NOTHING;
            state.atomically(() -> {
                state.apply(event, step);
                String line = null;
                for (MetricsFeed feed : feeds) {
                    if (feed.hasClients() && feed.wants(event)) {
                        line = line == null ? Json.eventLine(event) : line;
                        feed.publish(line);
                    }
                }
            });
            meters.apply(event, step);
            log.apply(event, step);
        } catch (RuntimeException e) {
            // A malformed event (a null where a value belongs) must not stop the monitor.
            LOG.warn(
                    "monitor: could not handle {} event from bridge '{}': {}",
                    Json.type(event),
                    event.bridge(),
                    e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
