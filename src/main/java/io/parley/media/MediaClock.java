package io.parley.media;

import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that runs every periodic media task at its own deadline, one period (20 ms) apart.
 *
 * <p>Deadlines are absolute ({@code next = previous + period}), so the schedule never drifts
 * however late a tick runs. Each task has its own phase: a leg can tick just after its stream's
 * packets arrive rather than at a global instant. A task that falls behind (a long GC pause, an
 * overloaded machine) is run again at once for each missed period, up to {@link #MAX_CATCH_UP};
 * beyond that its missed periods are skipped and counted.
 *
 * <p>Threading contract: {@link #schedule} and {@link Registration} methods may be called from any
 * thread; tasks run only on the clock thread, one at a time, in deadline order (ties in
 * scheduling order). A task must not block: no I/O that can wait, no locks held by slow code.
 */
public final class MediaClock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaClock.class);
    public static final long PERIOD_NANOS = 20_000_000L;
    /** Missed periods a task may catch up on in a burst before the rest are skipped. */
    public static final int MAX_CATCH_UP = 5;
    /**
     * The clock sleeps at least this long between runs, so that tasks due within it run together.
     * Hundreds of legs have their own phases spread over the period: waking for each deadline cost
     * the thread a park and a wake-up every few microseconds (1500 idle legs took 29% of a core);
     * this caps wake-ups at 2000 a second, and a task runs at most this much after its deadline.
     */
    static final long MIN_SLEEP_NANOS = 500_000L;
    /** Lateness beyond 10 s is recorded as 10 s. */
    private static final long MAX_LATENESS_MICROS = 10_000_000L;

    /** Work done once per period. */
    @FunctionalInterface
    public interface Task {
        /**
         * @param deadlineNanos the instant this tick was due (not the time it actually runs), so
         *                      timestamps derived from it are exact multiples of the period
         */
        void tick(long deadlineNanos);
    }

    private final TimeSource time;
    private final PriorityQueue<Registration> due = new PriorityQueue<>();
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    /** Lateness of every tick in microseconds, recorded on the clock thread without allocating. */
    private final SingleWriterRecorder lateness = new SingleWriterRecorder(MAX_LATENESS_MICROS, 2);

    private Histogram latenessSoFar;
    private Histogram accumulatedLateness;

    public MediaClock() {
        this(TimeSource.SYSTEM, true);
    }

    /** A clock on the system time whose thread has this name. */
    public MediaClock(String name) {
        this(TimeSource.SYSTEM, true, name);
    }

    /**
     * @param start whether to start the clock thread; tests in virtual time leave it stopped and
     *              drive {@link #runDue()} themselves
     */
    public MediaClock(TimeSource time, boolean start) {
        this(time, start, "parley-media-clock");
    }

    private MediaClock(TimeSource time, boolean start, String name) {
        this.time = time;
        this.thread = Thread.ofPlatform()
                .name(name)
                .daemon()
                .priority(Thread.MAX_PRIORITY)
                .unstarted(this::loop);
        if (start) {
            thread.start();
        }
    }

    public TimeSource time() {
        return time;
    }

    /** Runs {@code task} every period, the first time at {@code firstDeadlineNanos}. */
    public Registration schedule(String name, Task task, long firstDeadlineNanos) {
        Registration r = new Registration(name, task, firstDeadlineNanos, sequence.incrementAndGet());
        command(() -> due.add(r));
        return r;
    }

    private void command(Runnable command) {
        commands.add(command);
        LockSupport.unpark(thread);
    }

    private void loop() {
        while (running) {
            long wait = runDue();
            if (wait > 0 && commands.isEmpty()) {
                time.parkUntil(time.nanoTime() + Math.max(wait, MIN_SLEEP_NANOS));
            }
        }
    }

    /**
     * Applies pending schedule changes, runs every task whose deadline has come, and returns the
     * nanoseconds until the next deadline (a full period when nothing is scheduled).
     */
    public long runDue() {
        for (Runnable c; (c = commands.poll()) != null; ) {
            c.run();
        }
        long now = time.nanoTime();
        Registration r;
        while ((r = due.peek()) != null && r.deadline <= now) {
            due.poll();
            if (!r.cancelled) {
                runOne(r, now);
                due.add(r);
            }
            now = time.nanoTime();
        }
        return r == null ? PERIOD_NANOS : r.deadline - now;
    }

    private void runOne(Registration r, long now) {
        long late = now - r.deadline;
        if (late > MAX_CATCH_UP * PERIOD_NANOS) {
            long missed = late / PERIOD_NANOS;
            r.deadline += missed * PERIOD_NANOS;
            r.skipped += missed;
            skipped.addAndGet(missed);
            late -= missed * PERIOD_NANOS;
        }
        lateness.recordValue(Math.clamp(late / 1000, 0, MAX_LATENESS_MICROS));
        try {
            r.task.tick(r.deadline);
        } catch (RuntimeException | Error e) {
            // A broken task must not stop the clock for every other call: it is dropped and reported.
            r.cancelled = true;
            r.failure = e;
            LOG.error("media task {} failed and was stopped", r.name, e);
        }
        ticks.incrementAndGet();
        if (r.rephaseTo != Long.MIN_VALUE) {
            r.deadline = r.rephaseTo;
            r.rephaseTo = Long.MIN_VALUE;
        } else {
            r.deadline += PERIOD_NANOS;
        }
    }

    /** Ticks run since start, all tasks together. */
    public long ticks() {
        return ticks.get();
    }

    /** Periods skipped because a task was more than {@link #MAX_CATCH_UP} periods behind. */
    public long skipped() {
        return skipped.get();
    }

    /** How late ticks ran after their deadline, in microseconds, since the clock started (a copy). */
    public synchronized Histogram lateness() {
        latenessSoFar = lateness.getIntervalHistogram(latenessSoFar);
        if (accumulatedLateness == null) {
            accumulatedLateness = latenessSoFar.copy();
        } else {
            accumulatedLateness.add(latenessSoFar);
        }
        return accumulatedLateness.copy();
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A scheduled task. Its fields are touched only on the clock thread. */
    public final class Registration implements Comparable<Registration> {
        private final String name;
        private final Task task;
        private final long order;
        private long deadline;
        private long rephaseTo = Long.MIN_VALUE;
        private long skipped;
        private volatile boolean cancelled;
        private volatile Throwable failure;

        private Registration(String name, Task task, long deadline, long order) {
            this.name = name;
            this.task = task;
            this.deadline = deadline;
            this.order = order;
        }

        /**
         * Moves the task's phase: its next tick will be at {@code nextDeadlineNanos}. Called from the
         * task itself (takes effect after the current tick) or from any other thread.
         */
        public void rephase(long nextDeadlineNanos) {
            if (Thread.currentThread() == thread || !thread.isAlive()) {
                rephaseTo = nextDeadlineNanos;
            } else {
                command(() -> {
                    due.remove(this);
                    deadline = nextDeadlineNanos;
                    if (!cancelled) {
                        due.add(this);
                    }
                });
            }
        }

        /** Stops the task; it will not run again once this returns on the clock thread, or soon after elsewhere. */
        public void cancel() {
            cancelled = true;
            command(() -> due.remove(this));
        }

        public String name() {
            return name;
        }

        /** Why the task was stopped, if it threw. */
        public Throwable failure() {
            return failure;
        }

        @Override
        public int compareTo(Registration o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }
}
