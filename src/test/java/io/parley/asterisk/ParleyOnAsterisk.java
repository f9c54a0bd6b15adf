package io.parley.asterisk;

import io.parley.cli.RunningParley;
import io.parley.config.ParleyConfig;
import io.parley.event.CallEvent;
import io.parley.event.EventBus;
import io.parley.event.LegStats;
import io.parley.event.ParleyEvent;
import io.parley.event.Subscription;
import io.parley.event.UtteranceEvent;
import io.parley.history.CallArchive;
import io.parley.history.CallDetail;
import io.parley.history.CallQuery;
import io.parley.history.CallSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.awaitility.Awaitility;

/**
 * parley's whole runtime in the test's process, taking calls from a {@link RealAsterisk}, with
 * everything it publishes collected for assertions.
 */
final class ParleyOnAsterisk implements AutoCloseable {
    private final EventBus bus = new EventBus();
    private final Subscription subscription = bus.subscribe("test", 1_000_000);
    private final List<ParleyEvent> events = new CopyOnWriteArrayList<>();
    private final Map<String, LegStats> baseline = new ConcurrentHashMap<>();
    private volatile long forgotAt;
    private final Thread collector;
    private final RunningParley parley;
    final ParleyConfig config;

    private ParleyOnAsterisk(ParleyConfig config) throws IOException {
        this.config = config;
        this.collector = Thread.ofPlatform().daemon().name("test-events").start(this::collect);
        this.parley = RunningParley.start(config, bus);
    }

    /** Starts parley on {@code config} and waits until its ARI application is registered with {@code asterisk}. */
    static ParleyOnAsterisk start(ParleyConfig config, RealAsterisk asterisk) throws IOException {
        ParleyOnAsterisk p = new ParleyOnAsterisk(config);
        String app = config.ari().orElseThrow().app();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .alias("ARI application " + app + " registered")
                .until(() -> asterisk.status("GET", "/ari/applications/" + app) == 200);
        return p;
    }

    private void collect() {
        try {
            while (true) {
                ParleyEvent e = subscription.poll(100, TimeUnit.MILLISECONDS);
                if (e != null) {
                    events.add(e);
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** Waits for every translation bridge's speech engines. */
    ParleyOnAsterisk awaitEngines() throws InterruptedException {
        if (!parley.bridges().awaitEngines(Duration.ofSeconds(90))) {
            throw new IllegalStateException("speech engines did not start within 90 s");
        }
        return this;
    }

    <T extends ParleyEvent> List<T> all(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (ParleyEvent e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    /** Utterances of {@code direction} (e.g. {@code 7777->8888}) that finished: played, dropped or failed. */
    List<UtteranceEvent> finished(String direction) {
        return all(UtteranceEvent.class).stream()
                .filter(u -> u.direction().equals(direction))
                .filter(u -> u.stage() == UtteranceEvent.Stage.PLAYED
                        || u.stage() == UtteranceEvent.Stage.DROPPED
                        || u.stage() == UtteranceEvent.Stage.FAILED)
                .toList();
    }

    /**
     * The latest call of {@code bridge} in the history since {@link #forget}, once it has ended (the
     * history is written on a thread of its own: an earlier call must not stand in for one not kept yet).
     */
    CallDetail endedCall(String bridge) {
        CallArchive archive = parley.history().orElseThrow(() -> new IllegalStateException("no history configured"));
        return Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .alias("the latest call of " + bridge + " kept as ended")
                .until(
                        () -> archive.search(CallQuery.all()).stream()
                                .filter(c -> c.bridge().equals(bridge) && c.startedAt() >= forgotAt)
                                .max(Comparator.comparingLong(CallSummary::startedAt))
                                .filter(c -> c.endedAt() != null)
                                .flatMap(c -> {
                                    try {
                                        return archive.find(c.id());
                                    } catch (SQLException e) {
                                        throw new IllegalStateException(e);
                                    }
                                }),
                        Optional::isPresent)
                .orElseThrow();
    }

    /** The latest statistics of leg {@code extension}. */
    Optional<LegStats> stats(String extension) {
        return all(LegStats.class).stream()
                .filter(s -> s.leg().equals(extension))
                .reduce((a, b) -> b);
    }

    List<CallEvent> calls(CallEvent.Kind kind, String extension) {
        return all(CallEvent.class).stream()
                .filter(c -> c.kind() == kind && c.leg().equals(extension))
                .toList();
    }

    /** Whether parley has put {@code call}'s caller and its leg's media in their bridge (its STARTED event). */
    boolean connected(RealAsterisk.Call call) {
        return all(CallEvent.class).stream()
                .anyMatch(
                        c -> c.kind() == CallEvent.Kind.STARTED && c.channelId().equals(call.lineId()));
    }

    /** Waits until parley has connected each of {@code calls} ({@link #connected}). */
    void awaitConnected(RealAsterisk.Call... calls) {
        for (RealAsterisk.Call call : calls) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20))
                    .alias("parley connected " + call.lineId())
                    .until(() -> connected(call));
        }
    }

    /** The transcript log of {@code bridge}: one JSON line per finished utterance. */
    List<String> transcript(String bridge) {
        Path file = config.transcripts().resolve(bridge + ".jsonl");
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets what was collected so far (between tests of a class); counters count from here. */
    void forget() {
        forgotAt = System.currentTimeMillis();
        baseline.clear();
        for (LegStats s : all(LegStats.class)) {
            baseline.put(s.leg(), s);
        }
        events.clear();
    }

    /** RTP packets leg {@code extension} took in since {@link #forget} (its latest statistics). */
    long packetsIn(String extension) {
        return sinceForget(extension, s -> s.in().packets());
    }

    /** RTP packets leg {@code extension} sent since {@link #forget} (its latest statistics). */
    long packetsOut(String extension) {
        return sinceForget(extension, s -> s.out().packets());
    }

    private long sinceForget(String extension, ToLongFunction<LegStats> counter) {
        long now = stats(extension).map(counter::applyAsLong).orElse(0L);
        LegStats before = baseline.get(extension);
        return now - (before == null ? 0 : counter.applyAsLong(before));
    }

    /**
     * The finished utterances of {@code direction}, once there is one: the pipeline publishes an
     * utterance's end on its own threads, whenever its last stage is done.
     */
    List<UtteranceEvent> awaitFinished(String direction) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .alias("an utterance of " + direction + " finished")
                .until(() -> finished(direction), list -> !list.isEmpty());
    }

    @Override
    public void close() {
        parley.close();
        collector.interrupt();
        subscription.close();
    }
}
