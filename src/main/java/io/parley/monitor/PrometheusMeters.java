package io.parley.monitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus meters kept up to date from events; {@link #scrape()} renders them in the text
 * exposition format. Counters that the media code already keeps (packets, losses) are read
 * from the latest {@link LegStats} rather than counted again. Names follow Prometheus's
 * conventions: base units (seconds, bytes), {@code _total} on counters.
 *
 * <p>Threading contract: only the event pump calls {@link #apply}; {@link #scrape()} may run on
 * any thread.
 */
final class PrometheusMeters {
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(750),
        Duration.ofSeconds(1), Duration.ofMillis(1500), Duration.ofSeconds(2), Duration.ofSeconds(3),
        Duration.ofSeconds(4), Duration.ofSeconds(6), Duration.ofSeconds(10)
    };

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, LegMeters> legs = new HashMap<>();
    private final Map<String, Map<BridgeState.State, AtomicInteger>> bridgeStates = new HashMap<>();
    private final Map<AriState.State, AtomicInteger> ariStates = new EnumMap<>(AriState.State.class);
    private final Map<String, AtomicInteger> engineAvailable = new HashMap<>();
    private final Map<String, AtomicInteger> activeCalls = new HashMap<>();
    private final Map<String, TranscriptMeters> transcripts = new HashMap<>();

    PrometheusMeters(ParleyConfig config, SelfCounters self) {
        for (AriState.State s : AriState.State.values()) {
            ariStates.put(s, registry.gauge("parley.ari.state", Tags.of("state", lower(s)), new AtomicInteger()));
        }
        if (config.ari().isEmpty()) {
            ariStates.get(AriState.State.DISABLED).set(1);
        }
        config.bridges().forEach(b -> bridgeStates(b.name()));
        FunctionCounter.builder("parley.monitor.events.dropped", self, SelfCounters::eventsDropped)
                .description("Events the monitor lost because its queue on the event bus was full")
                .register(registry);
        FunctionCounter.builder("parley.monitor.feed.clients.dropped", self, s -> s.feedClientsDropped.get())
                .description("TCP feed clients dropped for reading too slowly")
                .register(registry);
        Gauge.builder("parley.monitor.feed.clients", self, s -> s.feedClients.get())
                .register(registry);
        Gauge.builder("parley.monitor.websocket.clients", self, s -> s.webSocketClients.get())
                .register(registry);
        if (self.hasHistory()) {
            historyMeters(self);
        }
    }

    /** The call history's writer: its queue in front of the database, what it wrote, dropped and failed. */
    private void historyMeters(SelfCounters self) {
        FunctionCounter.builder("parley.history.writes", self, s -> s.history().written())
                .description("Call history rows written to the database")
                .register(registry);
        FunctionCounter.builder(
                        "parley.history.writes.dropped", self, s -> s.history().dropped())
                .description("Call history writes lost because the queue in front of the database was full")
                .register(registry);
        FunctionCounter.builder(
                        "parley.history.writes.rejected", self, s -> s.history().rejected())
                .description("Call history writes the database refused")
                .register(registry);
        FunctionCounter.builder(
                        "parley.history.write.failures", self, s -> s.history().failures())
                .description("Failed attempts to write a batch of call history (retried)")
                .register(registry);
        FunctionCounter.builder(
                        "parley.history.events.dropped", self, s -> s.history().eventsDropped())
                .description("Events the call history lost because its queue on the event bus was full")
                .register(registry);
        FunctionCounter.builder(
                        "parley.history.recording.frames.dropped",
                        self,
                        s -> s.history().recordingsDropped())
                .description("Recorded frames lost because the recorder fell behind or could not write")
                .register(registry);
        Gauge.builder("parley.history.queue.writes", self, s -> s.history().queued())
                .description("Call history writes waiting for the database")
                .register(registry);
        Gauge.builder("parley.history.queue.capacity", self, s -> s.history().queueCapacity())
                .register(registry);
        Gauge.builder(
                        "parley.history.database.up",
                        self,
                        s -> "ok".equals(s.history().state()) ? 1 : 0)
                .description("1 while the call history's database takes writes")
                .register(registry);
    }

    void apply(ParleyEvent event, UtteranceProgress.Step step) {
        switch (event) {
            case LegStats s ->
                legs.computeIfAbsent(s.bridge() + "\u0000" + s.leg(), k -> new LegMeters(s))
                        .update(s);
            case BridgeState b -> {
                Map<BridgeState.State, AtomicInteger> states = bridgeStates(b.bridge());
                states.forEach((state, gauge) -> gauge.set(state == b.state() ? 1 : 0));
            }
            case AriState a -> ariStates.forEach((state, gauge) -> gauge.set(state == a.state() ? 1 : 0));
            case EngineStatus e ->
                engineAvailable
                        .computeIfAbsent(
                                e.bridge() + "/" + e.language() + "/" + e.stage(),
                                k -> registry.gauge(
                                        "parley.engine.available",
                                        Tags.of("bridge", e.bridge(), "language", e.language(), "stage", e.stage()),
                                        new AtomicInteger()))
                        .set(e.available() ? 1 : 0);
            case EngineFault f ->
                Counter.builder("parley.engine.faults")
                        .description("Speech engine failures on one utterance")
                        .tags("bridge", f.bridge(), "stage", f.stage(), "engine", f.engine())
                        .register(registry)
                        .increment();
            case CallEvent c -> {
                Counter.builder("parley.calls")
                        .tags("bridge", c.bridge(), "event", lower(c.kind()))
                        .register(registry)
                        .increment();
                AtomicInteger active = activeCalls.computeIfAbsent(
                        c.bridge(),
                        b -> registry.gauge("parley.calls.active", Tags.of("bridge", b), new AtomicInteger()));
                if (c.kind() == CallEvent.Kind.STARTED) {
                    active.incrementAndGet();
                } else if (c.kind() == CallEvent.Kind.ENDED) {
                    active.updateAndGet(n -> Math.max(0, n - 1));
                }
            }
            case UtteranceEvent u -> apply(u, step);
            case TranscriptState t -> transcripts.computeIfAbsent(t.bridge(), b -> new TranscriptMeters(b)).latest = t;
        }
    }

    private void apply(UtteranceEvent u, UtteranceProgress.Step step) {
        step.measured().forEach((stage, millis) -> {
            Timer.builder("parley.utterance.stage")
                    .description("Time an utterance spent in one stage; total is end of speech to first frame played")
                    .tags("bridge", u.bridge(), "stage", stage.key())
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry)
                    .record(Duration.ofMillis(millis));
            if (stage != LatencyStage.QUEUE && stage != LatencyStage.TOTAL) {
                Counter.builder("parley.engine.calls")
                        .description("Speech engine calls that produced a result")
                        .tags("bridge", u.bridge(), "stage", stage.key())
                        .register(registry)
                        .increment();
            }
        });
        if (step.ended()) {
            Counter.builder("parley.utterances")
                    .tags("bridge", u.bridge(), "outcome", lower(u.stage()))
                    .register(registry)
                    .increment();
        }
    }

    private Map<BridgeState.State, AtomicInteger> bridgeStates(String bridge) {
        return bridgeStates.computeIfAbsent(bridge, b -> {
            Map<BridgeState.State, AtomicInteger> m = new EnumMap<>(BridgeState.State.class);
            for (BridgeState.State s : BridgeState.State.values()) {
                m.put(
                        s,
                        registry.gauge(
                                "parley.bridge.state",
                                Tags.of("bridge", b, "state", lower(s)),
                                new AtomicInteger(s == BridgeState.State.IDLE ? 1 : 0)));
            }
            return m;
        });
    }

    String scrape() {
        return registry.scrape();
    }

    void close() {
        registry.close();
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Whether a bridge's transcript log is written, and the lines it gave up, from its latest state. */
    private final class TranscriptMeters {
        private volatile TranscriptState latest;

        TranscriptMeters(String bridge) {
            Gauge.builder("parley.transcript.writing", this, m -> m.latest.writing() ? 1 : 0)
                    .description(
                            "1 while the transcript log is written, 0 while writing fails (a full or read-only disk)")
                    .tags("bridge", bridge)
                    .register(registry);
            Gauge.builder("parley.transcript.pending.lines", this, m -> m.latest.pending())
                    .description("Transcript lines waiting for the disk")
                    .tags("bridge", bridge)
                    .register(registry);
            FunctionCounter.builder("parley.transcript.lost.lines", this, m -> m.latest.lost())
                    .description("Transcript lines given up because too many were waiting for the disk")
                    .tags("bridge", bridge)
                    .register(registry);
        }
    }

    /** The meters of one leg, reading its latest statistics. */
    private final class LegMeters {
        private volatile LegStats latest;
        private final Set<String> reasons = new HashSet<>();
        private final Tags tags;

        LegMeters(LegStats first) {
            latest = first;
            tags = Tags.of("bridge", first.bridge(), "leg", first.leg());
            counter("parley.rtp.packets.received", null, s -> s.in().packets());
            counter("parley.rtp.packets.sent", null, s -> s.out().packets());
            counter("parley.rtp.received", "bytes", s -> s.in().bytes());
            counter("parley.rtp.sent", "bytes", s -> s.out().bytes());
            counter("parley.rtp.packets.lost", null, s -> s.network().lost());
            counter("parley.rtp.packets.duplicate", null, s -> s.network().duplicates());
            counter("parley.rtp.packets.reordered", null, s -> s.network().reordered());
            counter("parley.jitter.buffer.late.packets", null, s -> s.playout().late());
            counter(
                    "parley.jitter.buffer.concealed.frames",
                    null,
                    s -> s.playout().concealed());
            counter(
                    "parley.jitter.buffer.discarded.packets",
                    null,
                    s -> s.playout().discarded());
            gauge("parley.rtp.jitter", "seconds", s -> s.network().jitterMillis() / 1000.0, tags);
            gauge("parley.jitter.buffer.depth", "seconds", s -> s.playout().bufferDepthMillis() / 1000.0, tags);
            gauge("parley.jitter.buffer.target", "seconds", s -> s.playout().bufferTargetMillis() / 1000.0, tags);
            gauge(
                    "parley.leg.level.dbfs",
                    null,
                    s -> LegTrack.clampLevel(s.in().levelDbfs()),
                    tags.and("direction", "in"));
            gauge(
                    "parley.leg.level.dbfs",
                    null,
                    s -> LegTrack.clampLevel(s.out().levelDbfs()),
                    tags.and("direction", "out"));
        }

        /** Registers a counter for each drop reason the first time it shows; PCM reasons have their own metric. */
        void update(LegStats s) {
            latest = s;
            for (String reason : s.malformed().keySet()) {
                if (reasons.add(reason)) {
                    boolean pcm = reason.startsWith(LegStats.PCM_DROP_PREFIX);
                    FunctionCounter.builder(
                                    pcm ? "parley.pcm.datagrams.dropped" : "parley.rtp.packets.malformed",
                                    this,
                                    m -> m.latest.malformed().getOrDefault(reason, 0L))
                            .description(
                                    pcm
                                            ? "PCM datagrams between gateway and bridge dropped, by reason"
                                            : "Datagrams dropped before the jitter buffer, by reason")
                            .tags(tags.and(
                                    "reason",
                                    (pcm ? reason.substring(LegStats.PCM_DROP_PREFIX.length()) : reason)
                                            .toLowerCase(Locale.ROOT)))
                            .register(registry);
                }
            }
        }

        private void counter(String name, String unit, ToDoubleFunction<LegStats> value) {
            FunctionCounter.builder(name, this, m -> value.applyAsDouble(m.latest))
                    .baseUnit(unit)
                    .tags(tags)
                    .register(registry);
        }

        private void gauge(String name, String unit, ToDoubleFunction<LegStats> value, Tags t) {
            Gauge.builder(name, this, m -> value.applyAsDouble(m.latest))
                    .baseUnit(unit)
                    .tags(t)
                    .register(registry);
        }
    }
}
