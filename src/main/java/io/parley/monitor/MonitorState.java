package io.parley.monitor;

import io.parley.config.ParleyConfig;
import io.parley.event.AriState;
import io.parley.event.BridgeState;
import io.parley.event.CallEvent;
import io.parley.event.EngineFault;
import io.parley.event.EngineStatus;
import io.parley.event.LegStats;
import io.parley.event.ParleyEvent;
import io.parley.event.TranscriptState;
import io.parley.event.UtteranceEvent;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The monitor's picture of every bridge, built from the events the pump hands it.
 *
 * <p>Threading contract: one thread (the event pump) applies events; any thread may take a
 * {@link #snapshot}. Both hold this object's monitor, briefly. Code that must see the events
 * in step with a snapshot (the TCP feed, which sends a snapshot and then every later event)
 * runs inside {@link #atomically}.
 */
final class MonitorState {
    private final Map<String, BridgeTrack> bridges = new LinkedHashMap<>();
    private final long startedAt;
    private final SelfCounters counters;
    private String ariState;
    private String ariUrl = "";
    private String ariDetail = "";
    private Long ariSince;
    private long eventsReceived;

    MonitorState(ParleyConfig config, long startedAt, SelfCounters counters) {
        this.startedAt = startedAt;
        this.counters = counters;
        config.bridges()
                .forEach(b -> bridges.put(
                        b.name(),
                        new BridgeTrack(
                                b,
                                config.transcripts()
                                        .resolve(b.name() + ".jsonl")
                                        .toString())));
        if (config.ari().isPresent()) {
            ariState = "unknown";
            ariUrl = config.ari().get().url().toString();
        } else {
            ariState = "disabled";
            ariDetail = "no ari section in the configuration: bridges run on RTP alone";
        }
    }

    synchronized void apply(ParleyEvent event, UtteranceProgress.Step step) {
        eventsReceived++;
        if (!(event instanceof AriState) && StatusDocument.text(event.bridge()).isEmpty()) {
            return; // a per-bridge event without a bridge: nothing to show it on
        }
        switch (event) {
            case LegStats s -> bridge(s.bridge()).apply(s);
            case CallEvent c -> bridge(c.bridge()).apply(c);
            case BridgeState b -> bridge(b.bridge()).apply(b);
            case EngineStatus e -> bridge(e.bridge()).apply(e);
            case EngineFault f -> bridge(f.bridge()).apply(f);
            case UtteranceEvent u -> bridge(u.bridge()).apply(u, step);
            case TranscriptState t -> bridge(t.bridge()).apply(t);
            case AriState a -> {
                ariState = a.state().name().toLowerCase(Locale.ROOT);
                ariUrl = StatusDocument.text(a.url());
                ariDetail = StatusDocument.text(a.detail());
                ariSince = a.at();
            }
        }
    }

    /** Records the ports a bridge's dashboard and feed actually bound (they differ from the plan when it says 0). */
    synchronized void boundPorts(String bridge, Integer dashboard, Integer feed) {
        bridge(bridge).boundPorts(dashboard, feed);
    }

    synchronized boolean knows(String bridge) {
        return bridges.containsKey(bridge);
    }

    StatusDocument snapshot() {
        return snapshot(b -> true);
    }

    /** The document with only the bridges {@code include} accepts. */
    synchronized StatusDocument snapshot(Predicate<String> include) {
        return new StatusDocument(
                StatusDocument.SCHEMA,
                StatusDocument.VERSION,
                System.currentTimeMillis(),
                startedAt,
                new StatusDocument.Ari(ariState, ariUrl, ariDetail, ariSince),
                new StatusDocument.MonitorCounters(
                        eventsReceived,
                        counters.eventsDropped(),
                        counters.feedClients.get(),
                        counters.feedClientsDropped.get(),
                        counters.webSocketClients.get()),
                bridges.values().stream()
                        .filter(b -> include.test(b.name()))
                        .map(BridgeTrack::view)
                        .toList(),
                counters.history());
    }

    /** Runs {@code action} while no event can be applied. */
    synchronized void atomically(Runnable action) {
        action.run();
    }

    private BridgeTrack bridge(String name) {
        // Bridges outside the plan come from a component running alone, or from tests: shown rather than dropped.
        return bridges.computeIfAbsent(name, n -> new BridgeTrack(n, "", ""));
    }
}
