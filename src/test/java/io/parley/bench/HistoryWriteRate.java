package io.parley.bench;

import io.parley.config.BridgeConfig;
import io.parley.config.Codec;
import io.parley.config.HistorySettings;
import io.parley.config.JitterSettings;
import io.parley.config.LegConfig;
import io.parley.config.LegPorts;
import io.parley.config.Mode;
import io.parley.config.Secret;
import io.parley.config.Topology;
import io.parley.config.TranslationSettings;
import io.parley.event.BridgeState;
import io.parley.event.EventBus;
import io.parley.event.LegStats;
import io.parley.event.UtteranceEvent;
import io.parley.history.CallQuery;
import io.parley.history.History;
import io.parley.history.HistoryHealth;
import io.parley.history.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;

/**
 * How many calls at once the call history keeps up with: K translated calls publish what bridges
 * publish (each leg's statistics five times a second, an utterance every five seconds in three
 * stages) for S seconds into a real history; reports the writes per second the database took,
 * the deepest the queue got, and whether anything was dropped.
 *
 * <p>Run: {@code ./build measure io.parley.bench.HistoryWriteRate [--calls K] [--seconds S] [--postgres]}
 * ({@code --postgres}: a PostgreSQL cluster of Debian's package, started for the run).
 */
public final class HistoryWriteRate {

    public static void main(String[] args) throws Exception {
        int calls = intArg(args, "--calls", 300);
        int seconds = intArg(args, "--seconds", 20);
        boolean postgres = List.of(args).contains("--postgres");
        PostgresServer pg = postgres ? PostgresServer.create() : null;
        Path dir = Files.createTempDirectory("parley-history-bench-");
        try {
            Optional<Secret> url = pg == null ? Optional.empty() : Optional.of(new Secret(pg.createDatabase()));
            run(new HistorySettings(true, dir, url, 90, "bench", HistorySettings.Recordings.NONE), calls, seconds);
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private static void run(HistorySettings settings, int calls, int seconds) throws Exception {
        List<BridgeConfig> bridges = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            bridges.add(new BridgeConfig(
                    "b" + i,
                    Mode.TRANSLATE,
                    Topology.EXTERNALMEDIA,
                    List.of(
                            new LegConfig(
                                    "1" + i,
                                    "en",
                                    Codec.ULAW,
                                    new LegPorts.ExternalMedia(20000 + 4 * i, 20001 + 4 * i)),
                            new LegConfig(
                                    "2" + i,
                                    "fr",
                                    Codec.ULAW,
                                    new LegPorts.ExternalMedia(20002 + 4 * i, 20003 + 4 * i))),
                    OptionalInt.empty(),
                    OptionalInt.empty(),
                    JitterSettings.DEFAULT,
                    TranslationSettings.DEFAULT));
        }
        EventBus bus = new EventBus();
        try (History history = History.start(settings, bridges, bus)) {
            long start = System.currentTimeMillis();
            long events = 0;
            int maxQueued = 0;
            long writtenAtStart = history.health().written();
            for (int tick = 0; tick < seconds * 5; tick++) {
                long now = System.currentTimeMillis();
                for (int i = 0; i < calls; i++) {
                    String b = "b" + i;
                    if (tick == 0) {
                        bus.publish(new BridgeState(now, b, "translate", BridgeState.State.CONNECTED, ""));
                        events++;
                    }
                    for (String leg : List.of("1" + i, "2" + i)) {
                        long packets = tick * 10L;
                        bus.publish(new LegStats(
                                now,
                                b,
                                leg,
                                "ulaw",
                                "127.0.0.1:5000",
                                new LegStats.Flow(packets, packets * 172, -20),
                                new LegStats.Flow(packets, packets * 172, -30),
                                new LegStats.Network(0, 0, 0, 1.5),
                                new LegStats.Playout(0, 0, 0, 40, 40),
                                Map.of()));
                        events++;
                    }
                    if (tick % 25 == i % 25) {
                        long id = (long) tick * calls + i;
                        for (UtteranceEvent.Stage stage : List.of(
                                UtteranceEvent.Stage.RECOGNISED,
                                UtteranceEvent.Stage.TRANSLATED,
                                UtteranceEvent.Stage.PLAYED)) {
                            bus.publish(new UtteranceEvent(
                                    now,
                                    b,
                                    id,
                                    "1" + i + "->2" + i,
                                    "en",
                                    "fr",
                                    stage,
                                    "",
                                    "I would like to book the table for two people tonight.",
                                    "Je voudrais réserver la table pour deux personnes ce soir.",
                                    new UtteranceEvent.Times(
                                            now - 3000, now - 1000, now - 600, now - 590, now - 570, now - 560, now),
                                    ""));
                            events++;
                        }
                    }
                }
                maxQueued = Math.max(maxQueued, history.health().queued());
                long next = start + (tick + 1) * 200L;
                // Pace the publisher as the stats sampler is paced: one round every 200 ms.
                while (System.currentTimeMillis() < next) {
                    maxQueued = Math.max(maxQueued, history.health().queued());
                    LockSupport.parkNanos(Math.max(1, Math.min(20, next - System.currentTimeMillis())) * 1_000_000L);
                }
            }
            long end = System.currentTimeMillis();
            for (int i = 0; i < calls; i++) {
                bus.publish(new BridgeState(end, "b" + i, "translate", BridgeState.State.IDLE, ""));
            }
            Awaitility.await()
                    .atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> history.health().queued() == 0
                            && history.archive().search(CallQuery.all().withLimit(1)).stream()
                                    .allMatch(c -> c.endedAt() != null));
            long drained = System.currentTimeMillis();
            HistoryHealth h = history.health();
            long written = h.written() - writtenAtStart;
            System.out.printf(
                    "database %s, %d calls for %d s: %d events, %d writes (%.0f writes/s),"
                            + " deepest queue %d of %d, dropped %d, events dropped %d, failures %d;"
                            + " %d ms after the calls ended everything was written%n",
                    h.database(),
                    calls,
                    seconds,
                    events,
                    written,
                    written * 1000.0 / (drained - start),
                    maxQueued,
                    h.queueCapacity(),
                    h.dropped(),
                    h.eventsDropped(),
                    h.failures(),
                    drained - end);
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
