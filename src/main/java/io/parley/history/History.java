package io.parley.history;

import io.parley.bridge.LegTaps;
import io.parley.config.BridgeConfig;
import io.parley.config.HistorySettings;
import io.parley.event.BridgeState;
import io.parley.event.CallEvent;
import io.parley.event.EngineFault;
import io.parley.event.EventBus;
import io.parley.event.LegStats;
import io.parley.event.ParleyEvent;
import io.parley.event.Subscription;
import io.parley.event.UtteranceEvent;
import io.parley.log.KeyValueLine;
import java.io.IOException;
import java.net.InetAddress;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running call history of one parley process: a subscription on the event bus, the tracker
 * that turns events into call records on thread {@code parley-history}, the writer that puts them
 * into the database on {@code parley-history-db}, retention, and the recorder when any leg is
 * recorded. {@link #close()} ends the calls still open ("parley stopped") and writes what is
 * queued, for up to two seconds.
 */
public final class History implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(History.class);
    static final int QUEUE_WRITES = 10_000;
    private static final int QUEUE_EVENTS = 16_384;
    private static final long START_WAIT_MILLIS = 10_000;

    private final Database database;
    private final HistoryWriter writer;
    private final Recorder recorder;
    private final Subscription events;
    private final CallTracker tracker;
    private final CallArchive archive;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean running = true;

    private History(
            Database database,
            HistoryWriter writer,
            Recorder recorder,
            Subscription events,
            CallTracker tracker,
            CallArchive archive,
            Clock clock) {
        this.database = database;
        this.writer = writer;
        this.recorder = recorder;
        this.events = events;
        this.tracker = tracker;
        this.archive = archive;
        this.clock = clock;
        this.thread = Thread.ofPlatform().name("parley-history").daemon().unstarted(this::run);
    }

    /**
     * Opens the database of {@code settings}, migrates its schema, and starts recording the calls
     * of {@code bridges} from {@code bus}. A database that does not answer does not stop parley:
     * the history reports it and keeps trying.
     *
     * @throws IOException when the database answered but refused (credentials, a broken schema), or the data
     *                     directory cannot be created
     */
    public static History start(HistorySettings settings, List<BridgeConfig> bridges, EventBus bus) throws IOException {
        return start(settings, bridges, bus, Clock.systemUTC(), QUEUE_WRITES);
    }

    /** The same with a clock (retention runs by it) and a queue size of the caller's choice, for tests. */
    static History start(
            HistorySettings settings, List<BridgeConfig> bridges, EventBus bus, Clock clock, int queueWrites)
            throws IOException {
        Database database = Database.open(settings);
        Recorder recorder = Recorder.of(settings, bridges, clock);
        Retention retention = new Retention(
                clock, settings.retentionDays(), settings.recordings().retentionDays(), recorder::deleteOlderThan);
        HistoryWriter writer = new HistoryWriter(database, retention, queueWrites);
        recorder.output(writer::offer);
        writer.start();
        try {
            SQLException refused = writer.awaitFirstAttempt(START_WAIT_MILLIS);
            if (refused != null) {
                throw new IOException(
                        "history: " + database.description() + " refused: " + refused.getMessage()
                                + "; fix history.database, or set history.enabled: false",
                        refused);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("history: interrupted while opening " + database.description(), e);
        } catch (IOException e) {
            writer.close(0);
            recorder.close();
            database.close();
            throw e;
        }
        Subscription events = bus.subscribe("history", QUEUE_EVENTS, History::kept);
        CallTracker tracker = new CallTracker(nodeName(settings), bridges, writer::offer, recorder);
        History history = new History(
                database,
                writer,
                recorder,
                events,
                tracker,
                new CallArchive(database, settings.recordingsDir(), false),
                clock);
        history.thread.start();
        LOG.info(new KeyValueLine()
                .add("event", "history")
                .add("database", database.description())
                .add("retention_days", settings.retentionDays())
                .add(
                        "recordings",
                        settings.recordings().record().isEmpty()
                                ? "off"
                                : String.join(",", settings.recordings().record()))
                .toString());
        return history;
    }

    /**
     * The events a call record is made of. Partial hypotheses (many a second while someone speaks)
     * and engine and ARI status are not, and are never queued for the history.
     */
    static boolean kept(ParleyEvent e) {
        return switch (e) {
            case UtteranceEvent u -> u.stage() != UtteranceEvent.Stage.PARTIAL;
            case BridgeState s -> true;
            case CallEvent c -> true;
            case LegStats s -> true;
            case EngineFault f -> true;
            default -> false;
        };
    }

    private static String nodeName(HistorySettings settings) {
        if (!settings.node().isBlank()) {
            return settings.node();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "parley";
        }
    }

    private void run() {
        List<ParleyEvent> batch = new ArrayList<>(256);
        while (running) {
            try {
                ParleyEvent first = events.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    events.drainTo(batch);
                    for (ParleyEvent e : batch) {
                        apply(e);
                    }
                    batch.clear();
                }
                tracker.tick(clock.millis());
            } catch (InterruptedException e) {
                if (running) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void apply(ParleyEvent e) {
        try {
            tracker.apply(e);
        } catch (RuntimeException ex) {
            // A malformed event must not stop the history.
            LOG.warn(new KeyValueLine()
                    .add("event", "history_event_failed")
                    .add("type", e.getClass().getSimpleName())
                    .add("bridge", e.bridge())
                    .add("error", ex)
                    .toString());
        }
    }

    /** Searches and single calls; shares this history's database. */
    public CallArchive archive() {
        return archive;
    }

    /** The taps that record legs' audio; {@link LegTaps#NONE} when no leg is recorded. */
    public LegTaps taps() {
        return recorder.taps();
    }

    public HistoryHealth health() {
        return writer.health(database.description(), events.dropped(), recorder.framesDropped());
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.close();
        tracker.endAll(clock.millis(), "parley stopped");
        recorder.close();
        writer.close();
        database.close();
    }
}
