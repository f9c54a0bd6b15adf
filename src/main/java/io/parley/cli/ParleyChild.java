package io.parley.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * {@code parley run --config FILE} as a child process of this one, on the same JDK and class path
 * (the jar when launched with {@code -jar}), for the load command. Its output is kept line by line.
 * Closing it stops it (SIGTERM, then SIGKILL after a grace period); a shutdown hook does the same
 * when this process is stopped with Ctrl-C.
 */
final class ParleyChild implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread hook;

    private ParleyChild(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().name("parley-child-output").start(this::pump);
        this.hook = new Thread(this::stop, "parley-child-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts the child; {@code jvmOptions} are added to the options this JVM was started with that matter for media. */
    static ParleyChild start(Path config, List<String> jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("--enable-native-access")
                    || option.matches("-XX:\\+Use\\w+GC")
                    || option.startsWith("-Xmx")) {
                command.add(option);
            }
        }
        command.add("-XX:AutoBoxCacheMax=65536"); // as the launcher: no boxed descriptor per datagram received
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "io.parley.cli.Main",
                "run",
                "--config",
                config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The load's callers are simulated over RTP alone: ARI settings from this environment would
        // make every leg take RTP only from calls Asterisk sets up, and drop theirs.
        builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_ARI_"));
        return new ParleyChild(builder.start());
    }

    private void pump() {
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the child ended
        }
    }

    /** Waits for the child's "ready" line; false when it exited or did not get ready in time. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            if (lines.stream().anyMatch(l -> l.startsWith("ready"))) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** What the child printed so far. */
    String output() {
        return String.join("\n", lines);
    }

    /** Seconds of CPU the child used so far. */
    double cpuSeconds() {
        return ProcessCpu.seconds(process.pid());
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs (and finds the child gone)
        }
    }
}
