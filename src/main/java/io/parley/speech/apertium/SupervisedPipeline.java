package io.parley.speech.apertium;

import io.parley.speech.EngineFaultListener;
import io.parley.speech.SpeechException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link NullFlushPipeline} kept alive: a stage found dead before a request, a reply that does
 * not come within the timeout, or an output that ends mid-request kills the whole chain and
 * starts a new one. A request that was in flight fails with a {@link SpeechException}; the next
 * one goes to the new chain, which is allowed the start-up timeout for its first reply because
 * its stages are still loading their data. Each fault is counted and told to the listener,
 * outside the lock.
 *
 * <p>Thread-safe: requests are served one at a time in arrival order.
 */
final class SupervisedPipeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SupervisedPipeline.class);
    private static final Duration EXIT_WAIT = Duration.ofMillis(300);
    private static final int STDERR_TAIL = 300;

    private final String name;
    private final String engine;
    private final List<Stage> stages;
    private final Duration timeout;
    private final Duration startTimeout;
    private final EngineFaultListener listener;
    private final Path errorLog;
    private final AtomicLong faults = new AtomicLong();

    private NullFlushPipeline running; // guarded by this; null after a failed restart
    private boolean warm; // guarded by this; false until the running chain has answered once
    private boolean closed; // guarded by this

    private SupervisedPipeline(
            String name,
            String engine,
            List<Stage> stages,
            Duration timeout,
            Duration startTimeout,
            EngineFaultListener listener,
            Path errorLog) {
        this.name = name;
        this.engine = engine;
        this.stages = List.copyOf(stages);
        this.timeout = timeout;
        this.startTimeout = startTimeout;
        this.listener = listener;
        this.errorLog = errorLog;
    }

    /**
     * Starts the chain and sends it {@code probe}, allowing {@code startTimeout} for the stages to
     * load their data.
     *
     * @param name   what the chain does, e.g. {@code en->fr}
     * @param engine the owning engine's description, for fault reports
     * @throws SpeechException when it cannot start or does not answer; nothing is left running
     */
    static SupervisedPipeline start(
            String name,
            String engine,
            List<Stage> stages,
            Duration timeout,
            Duration startTimeout,
            String probe,
            EngineFaultListener listener)
            throws SpeechException {
        Path errorLog;
        try {
            errorLog = Files.createTempFile("parley-apertium-" + name.replaceAll("[^A-Za-z]", "") + "-", ".log");
        } catch (IOException e) {
            throw new SpeechException(
                    "apertium " + name + ": cannot create a file for the stages' error output: " + e.getMessage(), e);
        }
        SupervisedPipeline pipeline =
                new SupervisedPipeline(name, engine, stages, timeout, startTimeout, listener, errorLog);
        try {
            synchronized (pipeline) {
                pipeline.running = pipeline.launch();
                NullFlushPipeline.Reply reply = pipeline.running.exchange(probe, startTimeout);
                if (reply == null || reply.ended()) {
                    String why = reply == null
                            ? "no reply within " + startTimeout.toMillis() + " ms"
                            : pipeline.running.awaitDeadStage(EXIT_WAIT);
                    throw new SpeechException("apertium " + name + ": the pipeline does not work: " + why
                            + pipeline.stderrTail() + "; stages: " + pipeline.describeStages());
                }
                pipeline.warm = true;
            }
            return pipeline;
        } catch (SpeechException | RuntimeException e) {
            pipeline.close();
            throw e;
        } catch (IOException e) {
            pipeline.close();
            throw new SpeechException(
                    "apertium " + name + ": cannot start the pipeline: " + e.getMessage() + "; stages: "
                            + pipeline.describeStages(),
                    e);
        } catch (InterruptedException e) {
            pipeline.close();
            Thread.currentThread().interrupt();
            throw new SpeechException("apertium " + name + ": interrupted while starting", e);
        }
    }

    /** Sends {@code request} (stream format, not blank, without the NUL) and returns the reply. */
    String exchange(String request) throws SpeechException {
        List<Fault> seen = new ArrayList<>(2);
        try {
            synchronized (this) {
                return exchange(request, seen);
            }
        } finally {
            for (Fault fault : seen) {
                listener.onFault(engine, fault.message(), fault.restarted());
            }
        }
    }

    /** Called holding the lock; adds the faults it met to {@code seen} for the caller to report. */
    private String exchange(String request, List<Fault> seen) throws SpeechException {
        if (closed) {
            throw new SpeechException("apertium " + name + ": translator is closed");
        }
        String dead = running == null ? "the pipeline was down after a failed restart" : running.deadStage();
        if (!dead.isEmpty()) {
            seen.add(restart(running == null ? dead : dead + " between requests"));
            if (running == null) {
                throw new SpeechException(seen.getLast().message());
            }
        }
        // A new chain is still loading its dictionaries: give it the start-up allowance.
        Duration wait = warm ? timeout : startTimeout;
        String why;
        try {
            NullFlushPipeline.Reply reply = running.exchange(request, wait);
            if (reply != null && !reply.ended() && !reply.text().isBlank()) {
                warm = true;
                return reply.text();
            }
            // A blank reply to a non-blank request is the NUL a stage flushes when its input
            // ends: a stage upstream died. Either way the chain is no longer to be trusted.
            if (reply == null) {
                why = "no reply within " + wait.toMillis() + " ms";
            } else {
                String stage = running.awaitDeadStage(EXIT_WAIT);
                why = stage.isEmpty() ? "an empty reply" : stage + " during the request";
            }
        } catch (InterruptedException e) {
            // The reply still on its way would answer the next request: start a fresh chain.
            Thread.currentThread().interrupt();
            try {
                relaunch();
            } catch (IOException notNow) {
                e.addSuppressed(notNow); // running is null: the next request tries again
            }
            throw new SpeechException("apertium " + name + ": interrupted while translating", e);
        }
        Fault fault = restart(why);
        seen.add(fault);
        throw new SpeechException(fault.message() + "; this sentence is lost");
    }

    /** Faults seen since start: dead stages and timeouts. */
    long faults() {
        return faults.get();
    }

    /** The processes of the current chain (a test hook), empty while it is down. */
    synchronized List<ProcessHandle> processes() {
        return running == null ? List.of() : running.handles();
    }

    /** Stops every stage; waits for them (briefly) so none outlives the translator. */
    @Override
    public synchronized void close() {
        closed = true;
        if (running != null) {
            running.close();
            running = null;
        }
        try {
            Files.deleteIfExists(errorLog);
        } catch (IOException e) {
            log.debug("cannot delete {}", errorLog, e);
        }
    }

    private Fault restart(String why) {
        faults.incrementAndGet();
        String stderr = stderrTail();
        try {
            relaunch();
            String message = "apertium " + name + ": " + why + stderr + "; pipeline restarted";
            log.warn(message);
            return new Fault(message, true);
        } catch (IOException e) {
            String message = "apertium " + name + ": " + why + stderr + "; restart failed: " + e.getMessage();
            log.error(message);
            return new Fault(message, false);
        }
    }

    /** Kills the running chain, if any, and starts a new one; leaves none running if that fails. */
    private void relaunch() throws IOException {
        if (running != null) {
            running.kill();
            running = null;
        }
        running = launch();
        warm = false;
    }

    private NullFlushPipeline launch() throws IOException {
        try (RandomAccessFile log = new RandomAccessFile(errorLog.toFile(), "rw")) {
            log.setLength(0);
        }
        return NullFlushPipeline.start(name, stages, errorLog.toFile());
    }

    /** The end of what the stages wrote on standard error, for a fault message; usually empty. */
    private String stderrTail() {
        try (RandomAccessFile file = new RandomAccessFile(errorLog.toFile(), "r")) {
            long start = Math.max(0, file.length() - STDERR_TAIL);
            byte[] tail = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(tail);
            String text = new String(tail, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "" : "; stderr: " + (start > 0 ? "..." : "") + text;
        } catch (IOException e) {
            return "";
        }
    }

    private String describeStages() {
        return String.join(
                " | ", stages.stream().map(s -> String.join(" ", s.command())).toList());
    }

    private record Fault(String message, boolean restarted) {}
}
