package io.parley.history;

import io.parley.log.KeyValueLine;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteException;

/**
 * The bounded queue in front of the database and the one thread that writes it.
 *
 * <p>{@link #offer} never blocks: when the queue is full (the database is slow or gone) the write
 * is dropped and counted. The writer takes what is queued in batches, one transaction each, at
 * once when there is something to write, so that a crash loses at most what arrived in the last
 * moment. A batch that fails for want of the database (no connection, a full disk, a lock) is kept
 * and retried, backing off to {@link #MAX_BACKOFF_NANOS}; nothing committed is ever touched again.
 * A batch the database refuses for good is retried write by write, and only the refused writes
 * are dropped (counted as rejected), so that one bad row cannot hold the history up.
 */
final class HistoryWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);
    static final int BATCH = 500;
    static final long MAX_BACKOFF_NANOS = 1_000_000_000L;
    private static final long MIN_BACKOFF_NANOS = 50_000_000L;

    private final Database database;
    private final CallStore store;
    private final Retention retention;
    private final ArrayBlockingQueue<Write> queue;
    private final int capacity;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private final Thread thread;
    private volatile String state = "connecting";
    private volatile String lastError = "";
    private volatile Long lastErrorAt;
    private volatile SQLException startFailure;
    private volatile boolean running = true;
    private volatile long drainUntilNanos = Long.MAX_VALUE;

    HistoryWriter(Database database, Retention retention, int capacity) {
        this.database = database;
        this.store = new CallStore(database.dialect());
        this.retention = retention;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = Thread.ofPlatform().name("parley-history-db").daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /**
     * Waits for the first attempt to reach the database. Returns the failure when the database
     * answered but refused (a wrong password, a broken schema): that is a configuration to fix.
     * A database that does not answer is no reason to stop calls; the writer keeps trying.
     */
    SQLException awaitFirstAttempt(long timeoutMillis) throws InterruptedException {
        firstAttempt.await(timeoutMillis, TimeUnit.MILLISECONDS);
        return startFailure;
    }

    /** Queues {@code write}; false (and counted) when the queue is full. Never blocks. */
    boolean offer(Write write) {
        if (queue.offer(write)) {
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    private void run() {
        long backoff = MIN_BACKOFF_NANOS;
        boolean ready = false;
        List<Write> batch = new ArrayList<>(BATCH);
        while (running || (!queue.isEmpty() || !batch.isEmpty()) && System.nanoTime() < drainUntilNanos) {
            try {
                if (!ready) {
                    database.migrate();
                    ready = true;
                    state = "ok";
                    firstAttempt.countDown();
                    retention.due().ifPresent(queue::offer);
                }
                if (batch.isEmpty()) {
                    Write first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first != null) {
                        batch.add(first);
                        queue.drainTo(batch, BATCH - 1);
                    }
                    retention.due().ifPresent(batch::add);
                }
                if (!batch.isEmpty()) {
                    write(batch);
                    batch.clear();
                }
                backoff = MIN_BACKOFF_NANOS;
            } catch (InterruptedException e) {
                if (!running) {
                    continue;
                }
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException e) {
                failed(e, ready);
                if (!ready && !unavailable(e)) {
                    startFailure = e;
                }
                firstAttempt.countDown();
                if (ready && !unavailable(e)) {
                    writeOneByOne(batch);
                    batch.clear();
                    continue;
                }
                LockSupport.parkNanos(backoff);
                backoff = Math.min(MAX_BACKOFF_NANOS, backoff * 2);
            } catch (RuntimeException e) {
                LOG.error(
                        new KeyValueLine()
                                .add("event", "history_writer_error")
                                .add("error", e)
                                .toString(),
                        e);
                batch.clear();
            }
        }
    }

    private void write(List<Write> batch) throws SQLException {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                for (Write w : batch) {
                    store.apply(c, w);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                // After a failed commit (SQLITE_FULL rolls the transaction back by itself) the driver's view of
                // the connection may no longer match the database's: never hand it out again.
                database.evict(c);
                throw e;
            }
        }
        written.addAndGet(batch.size());
        for (Write w : batch) {
            if (w instanceof Purge p) {
                retention.done(p);
            }
        }
        if (!"ok".equals(state)) {
            LOG.info(new KeyValueLine()
                    .add("event", "history_recovered")
                    .add("database", database.description())
                    .add("queued", queue.size())
                    .add("dropped", dropped.get())
                    .toString());
            state = "ok";
        }
    }

    /** A batch the database refused: find the refused writes and let the others through. */
    private void writeOneByOne(List<Write> batch) {
        for (Write w : batch) {
            try {
                write(List.of(w));
            } catch (SQLException e) {
                rejected.incrementAndGet();
                LOG.warn(new KeyValueLine()
                        .add("event", "history_write_rejected")
                        .add("write", w.getClass().getSimpleName())
                        .add("error", e.getMessage())
                        .toString());
            }
        }
    }

    private void failed(SQLException e, boolean ready) {
        failures.incrementAndGet();
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        boolean first = !"failing".equals(state);
        lastError = message;
        lastErrorAt = System.currentTimeMillis();
        state = ready || !unavailable(e) ? "failing" : "connecting";
        if (first) {
            LOG.warn(new KeyValueLine()
                    .add("event", "history_write_failed")
                    .add("database", database.description())
                    .add("error", message)
                    .add("queued", queue.size())
                    .add("note", "retrying; calls go on, and the queue drops writes when full")
                    .toString());
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the connection is gone; the pool replaces it
        }
    }

    /**
     * Whether {@code e} means the database cannot take writes now (no connection, disk full, busy)
     * rather than that it refuses these writes.
     */
    static boolean unavailable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof IOException) {
                return true;
            }
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                // PostgreSQL: connection (08), resources such as a full disk (53), shut down (57P), rollbacks (40).
                if (state != null
                        && (state.startsWith("08")
                                || state.startsWith("53")
                                || state.startsWith("57P")
                                || state.startsWith("40"))) {
                    return true;
                }
                if (s instanceof SQLiteException sqlite) {
                    switch (sqlite.getResultCode().code & 0xFF) {
                        // BUSY, LOCKED, READONLY, IOERR, FULL, CANTOPEN, PROTOCOL
                        case 5, 6, 8, 10, 13, 14, 15 -> {
                            return true;
                        }
                        default -> {}
                    }
                }
            }
        }
        return false;
    }

    HistoryHealth health(String database, long eventsDropped, long recordingsDropped) {
        return new HistoryHealth(
                state,
                database,
                capacity,
                queue.size(),
                dropped.get(),
                eventsDropped,
                written.get(),
                rejected.get(),
                failures.get(),
                lastError,
                lastErrorAt,
                recordingsDropped);
    }

    /** Stops taking new work, writes what is queued for up to {@code drainMillis}, and stops. */
    void close(long drainMillis) {
        drainUntilNanos = System.nanoTime() + drainMillis * 1_000_000L;
        running = false;
        try {
            thread.join(drainMillis + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
        if (!queue.isEmpty()) {
            LOG.warn(new KeyValueLine()
                    .add("event", "history_unwritten")
                    .add("writes", queue.size())
                    .add("note", "the database did not take them before parley stopped")
                    .toString());
        }
    }

    @Override
    public void close() {
        close(2_000);
    }
}
