package io.parley.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * parley as a real, separate process started from the test class path, with its output
 * captured line by line so tests can await what it prints.
 */
public final class ParleyProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private ParleyProcess(Process process) {
        this.process = process;
        pump(process.getInputStream(), "out");
        pump(process.getErrorStream(), "err");
    }

    public static ParleyProcess start(String... args) throws IOException {
        return start(Map.of(), args);
    }

    /** Starts parley with {@code env} added to this process's environment. */
    public static ParleyProcess start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "io.parley.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        return new ParleyProcess(builder.start());
    }

    private void pump(InputStream in, String stream) {
        Thread.ofVirtual().name("parley-" + stream).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
    }

    /** Waits until a line matching {@code wanted} was printed (stdout or stderr). */
    public String awaitLine(Predicate<String> wanted, Duration timeout) {
        try {
            Awaitility.await()
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> lines.stream().anyMatch(wanted)
                            || !process.isAlive() && lines.stream().anyMatch(wanted));
        } catch (ConditionTimeoutException e) {
            // Say what parley printed by the end of the wait, and whether it is still running.
            throw new AssertionError(
                    "parley printed no matching line within " + timeout + " ("
                            + (process.isAlive() ? "still running" : "exited with " + process.exitValue())
                            + "); it printed:\n"
                            + output(),
                    e);
        }
        return lines.stream().filter(wanted).findFirst().orElseThrow();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String output() {
        return String.join("\n", lines);
    }

    public Process process() {
        return process;
    }

    /** Sends SIGTERM and waits for the exit status. */
    public int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("parley did not stop within " + timeout + " of SIGTERM");
        }
        return process.exitValue();
    }

    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("parley did not exit within " + timeout + "; output:\n" + output());
        }
        return process.exitValue();
    }

    /** Kills the process and waits for it to be gone, so that the next test finds its ports free. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
