package io.parley.bridge;

import io.parley.event.BridgeState;
import io.parley.event.EventBus;
import io.parley.event.LegStats;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Publishes each leg's counters and levels a few times a second, and each bridge's state when it
 * changes, so that the monitors see the media without the media path ever calling them.
 */
final class StatsSampler implements AutoCloseable {
    /** How often each leg's statistics are published, when the process runs few legs. */
    static final long PERIOD_MILLIS = 200;
    /**
     * Leg samples published a second at most: a sample costs the sampler and the monitors some tens of
     * microseconds, so at 5 a second for every leg, 1500 cross-patched legs spent a fifth of parley's CPU
     * on statistics (3 of 15% of a core per 100 pairs); past 400 legs the period grows instead.
     */
    static final int MAX_SAMPLES_PER_SECOND = 2000;
    /**
     * Each period is cut into this many slices, each sampling its share of the bridges: the work comes
     * in small pieces rather than one burst of tens of milliseconds that would hold a core away from
     * the media threads (at 1500 legs, a burst every 750 ms).
     */
    static final int SLICES = 10;

    private final List<HostedBridge> bridges;
    private final EventBus bus;
    private final Map<String, BridgeState.State> lastState = new HashMap<>();
    private int slice;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("parley-stats").daemon().unstarted(r));

    StatsSampler(List<HostedBridge> bridges, EventBus bus) {
        this.bridges = bridges;
        this.bus = bus;
        long legs = bridges.stream().mapToLong(b -> b.config().legs().size()).sum();
        timer.scheduleAtFixedRate(this::sample, 0, periodMillis(legs) * 1000 / SLICES, TimeUnit.MICROSECONDS);
    }

    /** The sampling period for {@code legs} legs: {@link #PERIOD_MILLIS}, longer past {@link #MAX_SAMPLES_PER_SECOND}. */
    static long periodMillis(long legs) {
        return Math.max(PERIOD_MILLIS, legs * 1000 / MAX_SAMPLES_PER_SECOND);
    }

    /** Samples one slice of the bridges: every {@link #SLICES}th, from this slice's. */
    private void sample() {
        try {
            for (int i = slice; i < bridges.size(); i += SLICES) {
                HostedBridge b = bridges.get(i);
                for (LegStats s : b.stats()) {
                    bus.publish(s);
                }
                BridgeState.State state = b.state();
                if (lastState.put(b.config().name(), state) != state) {
                    bus.publish(new BridgeState(
                            System.currentTimeMillis(),
                            b.config().name(),
                            b.config().mode().key(),
                            state,
                            ""));
                }
            }
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(StatsSampler.class).error("sampling statistics failed", e);
        }
        slice = (slice + 1) % SLICES;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
