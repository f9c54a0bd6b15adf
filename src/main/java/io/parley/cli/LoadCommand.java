package io.parley.cli;

import io.parley.config.ConfigException;
import io.parley.config.ConfigLoader;
import io.parley.config.ParleyConfig;
import io.parley.config.Topology;
import io.parley.sim.DirectionReport;
import io.parley.sim.FrameCounts;
import io.parley.sim.Impairment;
import io.parley.sim.LegStatus;
import io.parley.sim.LoadPlan;
import io.parley.sim.LoadTally;
import io.parley.sim.SimulatedCall;
import io.parley.sim.Simulator;
import io.parley.sim.StatusReader;
import io.parley.sim.ToneBursts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code parley load}: N cross-patched pairs in a parley child process, 2N simulated callers in
 * this one, and the verdict against the media core's goal.
 */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = {
            "Start parley (a child process) with N cross-patched bridges on loopback ports, call every leg"
                    + " with a simulated caller (tone bursts, each its own frequency) and report loss, one-way latency,"
                    + " the latency added beyond the jitter-buffer target, and CPU, against the goal: no loss and p99"
                    + " added latency <= 10 ms.",
            "Exit status: 0 the goal was met; 1 it was not, or parley could not start; 2 invalid options."
        })
final class LoadCommand implements Callable<Integer> {
    static final double GOAL_ADDED_P99_MILLIS = 10;
    private static final long DRAIN_MILLIS = 500;

    @Option(names = "--pairs", required = true, paramLabel = "N", description = "Cross-patched bridges (calls) to run.")
    int pairs;

    @Option(
            names = "--seconds",
            defaultValue = "30",
            paramLabel = "S",
            description = "Measured time (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(
            names = "--warmup",
            defaultValue = "3",
            paramLabel = "S",
            description = "Time before measuring (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--topology",
            defaultValue = "externalmedia",
            paramLabel = "externalmedia|gateway",
            description = "How the legs reach parley (default ${DEFAULT-VALUE}).")
    String topology;

    @Option(
            names = "--base-port",
            defaultValue = "20000",
            paramLabel = "P",
            description =
                    "First port of the generated plan: the dashboard, then the legs' UDP ports (default ${DEFAULT-VALUE}).")
    int basePort;

    @Option(
            names = "--write-plan",
            paramLabel = "DIR",
            description = "Write the generated configuration (DIR/parley.yaml) and the pair file of the shared C load"
                    + " generator (DIR/pairs.txt: rtpload --pairs) instead of running; see scripts/relay-load.sh.")
    Path writePlan;

    @Option(
            names = "--jvm-option",
            paramLabel = "OPTION",
            description =
                    "An extra option for parley's JVM, e.g. -XX:StartFlightRecording=filename=parley.jfr (repeatable).")
    List<String> jvmOptions = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadPlan plan;
        ParleyConfig config;
        try {
            if (seconds < 1 || warmup < 0) {
                throw new IllegalArgumentException("--seconds must be at least 1 and --warmup not negative");
            }
            Topology t = switch (topology) {
                case "externalmedia" -> Topology.EXTERNALMEDIA;
                case "gateway" -> Topology.GATEWAY;
                default ->
                    throw new IllegalArgumentException("--topology " + topology + ": use externalmedia or gateway");
            };
            plan = new LoadPlan(pairs, t, basePort);
            config = new ConfigLoader(Map.of()).parse(plan.yaml(), "load plan");
        } catch (IllegalArgumentException | ConfigException e) {
            err.println(e.getMessage());
            return ExitCodes.INVALID;
        }
        if (writePlan != null) {
            Files.createDirectories(writePlan);
            Files.writeString(writePlan.resolve("parley.yaml"), plan.yaml());
            Files.writeString(writePlan.resolve("pairs.txt"), plan.pairsFile());
            out.printf(
                    "wrote %s and %s: %d %s cross-patches on 127.0.0.1 ports %d-%d%n",
                    writePlan.resolve("parley.yaml"),
                    writePlan.resolve("pairs.txt"),
                    pairs,
                    plan.topology().key(),
                    plan.basePort(),
                    plan.lastPort());
            return ExitCodes.OK;
        }
        Path file = Files.createTempFile("parley-load-", ".yaml");
        try {
            Files.writeString(file, plan.yaml());
            return run(plan, config, file, out, err);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private int run(LoadPlan plan, ParleyConfig config, Path file, PrintWriter out, PrintWriter err) throws Exception {
        String loadBefore = ProcessCpu.loadAverage();
        out.printf(
                "parley load: %d cross-patched pairs over %s on 127.0.0.1 ports %d-%d, %d s warm-up, %d s measured%n",
                pairs, plan.topology().key(), plan.basePort(), plan.lastPort(), warmup, seconds);
        if (plan.overlapsEphemeralPorts()) {
            out.printf(
                    "  note: ports up to %d reach the kernel's ephemeral range (from 32768); a busy machine may hold some%n",
                    plan.lastPort());
        }
        out.flush();
        long startedAt = System.nanoTime();
        try (ParleyChild parley = ParleyChild.start(file, jvmOptions)) {
            if (!parley.awaitReady(Duration.ofSeconds(120))) {
                err.println("parley did not start (pid " + parley.pid() + "):\n" + parley.output());
                return ExitCodes.FAILED;
            }
            out.printf(
                    "  parley ready (pid %d) in %.1f s; calling %d legs%n",
                    parley.pid(), (System.nanoTime() - startedAt) / 1e9, 2 * pairs);
            out.flush();
            try (Simulator simulator = new Simulator(2)) {
                List<SimulatedCall> calls = open(simulator, config);
                return drive(plan, config, parley, simulator, calls, loadBefore, out, err);
            }
        }
    }

    /** The tone of caller {@code index}: all different, within the telephone band. */
    static double frequency(int index, int callers) {
        return 300 + index * spacing(callers);
    }

    static double spacing(int callers) {
        return Math.min(10, 3000.0 / callers);
    }

    private List<SimulatedCall> open(Simulator simulator, ParleyConfig config) throws IOException {
        List<SimulatedCall> calls = new ArrayList<>(pairs);
        int callers = 2 * pairs;
        for (int i = 0; i < pairs; i++) {
            calls.add(SimulatedCall.open(
                    simulator,
                    config.bind(),
                    config.bridges().get(i),
                    List.of(
                            ToneBursts.standard(8000, frequency(2 * i, callers)),
                            ToneBursts.standard(8000, frequency(2 * i + 1, callers))),
                    Impairment.NONE,
                    warmup + seconds + 5,
                    0));
        }
        return calls;
    }

    /** Where the measured stretch begins: each call's frame counts and /status's counters then. */
    private record Baseline(List<List<FrameCounts>> counts, Optional<Map<String, LegStatus>> status, long fromNanos) {}

    /** Each process's CPU over the measured stretch, as a fraction of one core. */
    private record Cpu(double parley, double self) {}

    private int drive(
            LoadPlan plan,
            ParleyConfig config,
            ParleyChild parley,
            Simulator simulator,
            List<SimulatedCall> calls,
            String loadBefore,
            PrintWriter out,
            PrintWriter err)
            throws Exception {
        StatusReader statusReader = new StatusReader("127.0.0.1", plan.dashboardPort(), Optional.empty());
        // Spread the callers evenly over the 20 ms period, as independent calls would be.
        long step = 20_000_000L / (2L * pairs);
        long t0 = simulator.nanoTime() + 50_000_000L;
        for (int i = 0; i < calls.size(); i++) {
            calls.get(i).start(t0 + 2 * i * step, step);
        }
        Baseline baseline = warmUp(simulator, parley, statusReader, calls, t0, step, out);
        // The targets adapt during the run: sampled at a third and two thirds of it, and at its end.
        List<Map<String, LegStatus>> samples = new ArrayList<>();
        Cpu cpu = measure(simulator, parley, statusReader, calls, baseline.fromNanos(), samples, out);
        String loadAfter = ProcessCpu.loadAverage();
        if (!parley.alive()) {
            err.println("parley exited during the run:\n" + parley.output());
            return ExitCodes.FAILED;
        }
        simulator.stopSending();
        Thread.sleep(DRAIN_MILLIS);
        Optional<Map<String, LegStatus>> after = statusReader.read(Duration.ofSeconds(30));
        after.ifPresent(samples::add);
        boolean haveStatus = baseline.status().isPresent() && after.isPresent();
        return report(
                tally(calls, baseline, after, samples),
                haveStatus,
                cpu.parley(),
                cpu.self(),
                parley.pid(),
                loadBefore,
                loadAfter,
                out);
    }

    /**
     * Warms up (JIT, buffers), then pauses every call so that nothing is in flight while the
     * counters are read, and resumes them: the measured stretch then counts exactly its own frames.
     * Without a warm-up the stretch starts at {@code t0} from zero.
     */
    private Baseline warmUp(
            Simulator simulator,
            ParleyChild parley,
            StatusReader statusReader,
            List<SimulatedCall> calls,
            long t0,
            long step,
            PrintWriter out)
            throws Exception {
        if (warmup <= 0) {
            return new Baseline(
                    calls.stream()
                            .map(c -> List.of(FrameCounts.ZERO, FrameCounts.ZERO))
                            .toList(),
                    Optional.of(Map.of()),
                    t0);
        }
        sleepUntil(simulator, t0 + warmup * 1_000_000_000L, parley, out, calls, "warm-up", t0, 0, 0);
        simulator.stopSending();
        Thread.sleep(DRAIN_MILLIS);
        List<List<FrameCounts>> counts =
                calls.stream().map(SimulatedCall::counts).toList();
        Optional<Map<String, LegStatus>> before = statusReader.read(Duration.ofSeconds(30));
        long measureFrom = simulator.nanoTime() + 50_000_000L;
        for (int i = 0; i < calls.size(); i++) {
            calls.get(i).resume(measureFrom + 2 * i * step, step);
        }
        return new Baseline(counts, before, measureFrom);
    }

    /** Runs the measured stretch, adding /status at a third and two thirds of it to {@code samples}. */
    private Cpu measure(
            Simulator simulator,
            ParleyChild parley,
            StatusReader statusReader,
            List<SimulatedCall> calls,
            long measureFrom,
            List<Map<String, LegStatus>> samples,
            PrintWriter out)
            throws Exception {
        double parleyCpu0 = parley.cpuSeconds();
        double selfCpu0 = ProcessCpu.seconds(ProcessHandle.current().pid());
        long cpuFrom = simulator.nanoTime();
        for (int third = 1; third <= 3; third++) {
            sleepUntil(
                    simulator,
                    measureFrom + third * seconds * 1_000_000_000L / 3,
                    parley,
                    out,
                    calls,
                    "measuring",
                    measureFrom,
                    parleyCpu0,
                    selfCpu0);
            if (third < 3) {
                statusReader.read(Duration.ofSeconds(10)).ifPresent(samples::add);
            }
        }
        double window = (simulator.nanoTime() - cpuFrom) / 1e9;
        return new Cpu(
                (parley.cpuSeconds() - parleyCpu0) / window,
                (ProcessCpu.seconds(ProcessHandle.current().pid()) - selfCpu0) / window);
    }

    /** What each direction of each call heard over the measured stretch, with its leg's counters from /status. */
    private LoadTally tally(
            List<SimulatedCall> calls,
            Baseline baseline,
            Optional<Map<String, LegStatus>> after,
            List<Map<String, LegStatus>> samples) {
        LoadTally tally = new LoadTally();
        double tolerance = LoadCommand.spacing(2 * pairs) / 2;
        for (int i = 0; i < calls.size(); i++) {
            SimulatedCall call = calls.get(i);
            List<DirectionReport> reports = call.reports(
                    baseline.fromNanos(), tolerance, baseline.counts().get(i));
            String name = call.bridge().name();
            tally.add(
                    name,
                    true,
                    reports.get(0),
                    leg(baseline.status(), after, samples, name, call.a().name()));
            tally.add(
                    name,
                    false,
                    reports.get(1),
                    leg(baseline.status(), after, samples, name, call.b().name()));
        }
        return tally;
    }

    /**
     * A leg's counters over the measured stretch, from /status before and after it, with its
     * jitter-buffer target averaged over the samples taken during it.
     */
    private static Optional<LegStatus> leg(
            Optional<Map<String, LegStatus>> before,
            Optional<Map<String, LegStatus>> after,
            List<Map<String, LegStatus>> samples,
            String bridge,
            String extension) {
        String key = bridge + "/" + extension;
        Optional<LegStatus> now = after.map(s -> s.get(key));
        Optional<LegStatus> then = before.map(s -> s.get(key));
        double target = samples.stream()
                .map(s -> s.get(key))
                .filter(Objects::nonNull)
                .mapToDouble(LegStatus::bufferTargetMillis)
                .filter(t -> !Double.isNaN(t))
                .average()
                .orElse(Double.NaN);
        return now.map(n -> then.map(n::since).orElse(n))
                .map(d -> new LegStatus(
                        d.bridge(),
                        d.extension(),
                        d.packetsIn(),
                        d.packetsOut(),
                        d.lost(),
                        d.late(),
                        d.concealed(),
                        d.discarded(),
                        d.malformed(),
                        target,
                        d.bufferDepthMillis()));
    }

    private void sleepUntil(
            Simulator simulator,
            long until,
            ParleyChild parley,
            PrintWriter out,
            List<SimulatedCall> calls,
            String phase,
            long from,
            double parleyCpu0,
            double selfCpu0)
            throws InterruptedException {
        long nextReport = from + ((simulator.nanoTime() - from) / 5_000_000_000L + 1) * 5_000_000_000L;
        while (simulator.nanoTime() < until && parley.alive()) {
            Thread.sleep(Math.max(1, Math.min(200, (until - simulator.nanoTime()) / 1_000_000)));
            long now = simulator.nanoTime();
            if (now >= nextReport && now < until) {
                nextReport += 5_000_000_000L;
                long sent = 0;
                long heard = 0;
                for (SimulatedCall c : calls) {
                    sent += c.a().framesSent() + c.b().framesSent();
                    heard += c.a().heard().frames() + c.b().heard().frames();
                }
                double elapsed = (now - from) / 1e9;
                String cpu = phase.equals("measuring")
                        ? String.format(
                                ", parley CPU %.0f%%, load generator %.0f%%",
                                100 * (parley.cpuSeconds() - parleyCpu0) / elapsed,
                                100
                                        * (ProcessCpu.seconds(
                                                        ProcessHandle.current().pid())
                                                - selfCpu0)
                                        / elapsed)
                        : "";
                out.printf("  %s %3.0f s: sent %,d, heard %,d%s%n", phase, elapsed, sent, heard, cpu);
                out.flush();
            }
        }
    }

    private int report(
            LoadTally t,
            boolean haveStatus,
            double parleyCpu,
            double selfCpu,
            long pid,
            String loadBefore,
            String loadAfter,
            PrintWriter out) {
        out.printf(
                "%n%-20s %d (%d callers; %d of %d heard their partner's tone)%n",
                "pairs", pairs, 2 * pairs, t.directions() - t.toneWrong(), t.directions());
        out.printf("%-20s sent %,d, heard %,d%n", "packets", t.sentTotal(), t.heardTotal());
        out.printf(
                "%-20s %,d frames (%.3f%%): never heard %,d (of which parley discarded %,d), lost in parley's"
                        + " jitter buffers %,d (late %,d)%s%n",
                "loss",
                t.lostTotal(),
                100 * t.lossRatio(),
                t.missing(true) + t.missing(false),
                t.parleyDiscarded(true) + t.parleyDiscarded(false),
                t.parleyLost(true) + t.parleyLost(false),
                t.parleyLate(true) + t.parleyLate(false),
                haveStatus ? "" : " (unknown: /status did not answer)");
        out.printf(
                "%-20s leg 0 -> 1: %,d of %,d; leg 1 -> 0: %,d of %,d; worst: %s (%.2f%%)%n",
                "", t.lost(true), t.sent(true), t.lost(false), t.sent(false), t.worstPair(), 100 * t.worstLossRatio());
        out.printf("%-20s %s%n", "one-way latency", t.latency().describe());
        out.printf(
                "%-20s %s%n",
                "added latency",
                haveStatus
                        ? t.added().describe() + " beyond the sending leg's jitter-buffer target (mean of 3 samples)"
                        : "unknown: the jitter-buffer targets could not be read from /status");
        out.printf(
                "%-20s %.1f%% of one core, %.1f%% per 100 pairs (pid %d)%n",
                "parley CPU", 100 * parleyCpu, 100 * parleyCpu / pairs * 100, pid);
        out.printf(
                "%-20s %.1f%% of one core: parley load's own generator (Java, in this process), which costs"
                        + " about as much as parley; for limits to compare with rtpengine's, use the shared C generator"
                        + " (scripts/relay-load.sh, docs/benchmarks.md)%n",
                "load generator CPU", 100 * selfCpu);
        out.printf(
                "%-20s %d cores; load average %s before, %s after%n",
                "machine", Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
        List<String> misses = new ArrayList<>();
        if (t.lostTotal() > 0) {
            misses.add(String.format("%,d frames lost", t.lostTotal()));
        }
        if (!haveStatus || t.added().count() == 0) {
            misses.add("added latency not measured");
        } else if (t.added().p99Millis() > GOAL_ADDED_P99_MILLIS) {
            misses.add(String.format(
                    "p99 added latency %.1f ms > %.0f ms", t.added().p99Millis(), GOAL_ADDED_P99_MILLIS));
        }
        if (t.toneWrong() > 0) {
            misses.add(t.toneWrong() + " directions did not hear their partner's tone, e.g. "
                    + t.firstToneWrong().orElse(""));
        }
        if (misses.isEmpty()) {
            out.printf(
                    "%-20s PASS: no loss and p99 added latency %.1f ms <= %.0f ms%n",
                    "verdict", t.added().p99Millis(), GOAL_ADDED_P99_MILLIS);
            out.flush();
            return ExitCodes.OK;
        }
        out.printf("%-20s FAIL: %s%n", "verdict", String.join("; ", misses));
        out.flush();
        return ExitCodes.FAILED;
    }
}
