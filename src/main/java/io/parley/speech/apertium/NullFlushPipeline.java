package io.parley.speech.apertium;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One running chain of stage processes, each one's output piped by the operating system into the
 * next one's input ({@link ProcessBuilder#startPipeline}), Java writing the first input and
 * reading the last output. A request is text followed by NUL; every stage flushes when it sees
 * the NUL and passes it on, so the reply is whatever arrives before the next NUL.
 *
 * <p>A reader thread moves replies from the last stage into a queue so that a caller can wait
 * with a deadline. Not thread-safe: one request at a time ({@link SupervisedPipeline} sees to
 * that). Requests must fit in a pipe buffer (64 KiB), so writing one never blocks even when a
 * stage has stopped reading.
 */
final class NullFlushPipeline implements AutoCloseable {

    private static final Duration EXIT_GRACE = Duration.ofMillis(500);

    private final List<Stage> stages;
    private final List<Process> processes;
    private final OutputStream input;
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();

    private NullFlushPipeline(List<Stage> stages, List<Process> processes) {
        this.stages = stages;
        this.processes = processes;
        this.input = processes.getFirst().getOutputStream();
    }

    /**
     * Starts every stage; their standard error is appended to {@code errorLog}.
     *
     * @throws IOException when a program cannot be started (none is left running)
     */
    static NullFlushPipeline start(String name, List<Stage> stages, File errorLog) throws IOException {
        List<ProcessBuilder> builders = new ArrayList<>();
        for (Stage stage : stages) {
            builders.add(new ProcessBuilder(stage.command()).redirectError(Redirect.appendTo(errorLog)));
        }
        NullFlushPipeline pipeline = new NullFlushPipeline(stages, ProcessBuilder.startPipeline(builders));
        InputStream output = pipeline.processes.getLast().getInputStream();
        Thread reader = new Thread(() -> pipeline.readReplies(output), "apertium-" + name + "-reader");
        reader.setDaemon(true);
        reader.start();
        return pipeline;
    }

    /**
     * Sends {@code request} and waits for its reply.
     *
     * @return the reply, {@link Reply#ended()} when the last stage closed its output (a stage
     * died), or {@code null} when nothing came within {@code timeout}
     */
    Reply exchange(String request, Duration timeout) throws InterruptedException {
        try {
            input.write(request.getBytes(StandardCharsets.UTF_8));
            input.write(0);
            input.flush();
        } catch (IOException e) {
            return Reply.END;
        }
        return replies.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The first stage that is no longer running, described with its exit code, or empty. */
    String deadStage() {
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            if (!p.isAlive()) {
                int code = p.exitValue();
                return "stage " + (i + 1) + " of " + processes.size() + " ("
                        + stages.get(i).describe() + ", pid "
                        + p.pid() + ") exited with code " + code
                        + (code > 128 ? " (signal " + (code - 128) + ")" : "");
            }
        }
        return "";
    }

    /**
     * After the output ended: waits up to {@code wait} for the last stage to exit (it closed its
     * output, so it is on its way), then describes the first dead stage, the one that failed.
     */
    String awaitDeadStage(Duration wait) throws InterruptedException {
        processes.getLast().waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        return deadStage();
    }

    List<ProcessHandle> handles() {
        return processes.stream().map(Process::toHandle).toList();
    }

    /** Kills every stage at once: for a chain that hung or lost a stage. */
    void kill() {
        processes.forEach(Process::destroyForcibly);
        awaitExit();
    }

    /** Ends the input so the stages finish on their own, then kills whatever is left. */
    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException e) {
            // The first stage is gone already; the others are killed below if need be.
        }
        long deadline = System.nanoTime() + EXIT_GRACE.toNanos();
        for (Process p : processes) {
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        kill();
    }

    private void awaitExit() {
        for (Process p : processes) {
            try {
                p.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void readReplies(InputStream output) {
        try (InputStream in = new BufferedInputStream(output)) {
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == 0) {
                    replies.add(new Reply(reply.toString(StandardCharsets.UTF_8), false));
                    reply.reset();
                } else {
                    reply.write(b);
                }
            }
        } catch (IOException e) {
            // Closed under us by a kill: same as the end of the output.
        }
        replies.add(Reply.END);
    }

    /** What came back: a reply's text, or the end of the last stage's output. */
    record Reply(String text, boolean ended) {
        static final Reply END = new Reply("", true);
    }
}
