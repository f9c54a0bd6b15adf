package io.parley.cli;

import io.parley.audio.WavFile;
import io.parley.config.BridgeConfig;
import io.parley.config.ParleyConfig;
import io.parley.config.Secret;
import io.parley.config.Topology;
import io.parley.sim.ClipSource;
import io.parley.sim.DirectionReport;
import io.parley.sim.Impairment;
import io.parley.sim.LegStatus;
import io.parley.sim.SimulatedCall;
import io.parley.sim.SimulatedCaller;
import io.parley.sim.Simulator;
import io.parley.sim.Source;
import io.parley.sim.StatusReader;
import io.parley.sim.ToneBursts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley simulate}: play Asterisk's part on both legs of a bridge of a running parley. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Call both legs of a bridge of a running parley (start it with ./parley run) the way Asterisk"
                    + " would: RTP in each leg's codec to its port, tone bursts (or WAV files) in, what comes back"
                    + " recorded to WAV. Prints per direction the frames sent and heard, loss, one-way latency and"
                    + " the latency added beyond the jitter-buffer target, and the tone frequency heard.",
            "Exit status: 0 audio passed both ways; 1 it did not, or parley lost more than --max-loss of the"
                    + " frames that reached it in either direction (the reason is printed); 2 invalid options."
        })
final class SimulateCommand extends ConfiguredCommand {
    /** The two callers' tones: apart from each other and from each other's harmonics. */
    static final double TONE_A_HZ = 600;

    static final double TONE_B_HZ = 1000;
    private static final double TOLERANCE_HZ = 5;
    /** Bursts said in the first half second meet a jitter buffer still filling; they are not timed. */
    private static final long SETTLE_NANOS = 500_000_000L;

    private static final long NOTHING_HEARD_NANOS = 2_000_000_000L;
    /** Once no caller has heard anything for this long (ten frames), the audio in flight has arrived. */
    private static final Duration QUIET = Duration.ofMillis(200);
    /** The longest the audio in flight may take: the jitter buffers' largest target, and then some. */
    private static final Duration DRAIN = Duration.ofSeconds(2);

    @Option(
            names = "--bridge",
            required = true,
            paramLabel = "NAME",
            description = "The bridge to call, e.g. 5555-6666.")
    String bridgeName;

    @Option(
            names = "--seconds",
            defaultValue = "5",
            paramLabel = "N",
            description = "How long the call lasts (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(
            names = "--loss",
            defaultValue = "0",
            paramLabel = "P",
            description = "Probability that the network drops a packet, e.g. 0.05.")
    double loss;

    @Option(
            names = "--reorder",
            defaultValue = "0",
            paramLabel = "P",
            description = "Probability that a packet is held back behind the next.")
    double reorder;

    @Option(
            names = "--jitter",
            defaultValue = "0",
            paramLabel = "MS",
            description = "Delay each packet by a random 0..MS ms.")
    int jitter;

    @Option(
            names = "--max-loss",
            defaultValue = "1%",
            paramLabel = "P",
            description = "The most parley may lose of the frames that reach it, each way, before the call fails:"
                    + " a percentage (1%%) or a fraction (0.01); simulated network loss does not count (default 1%%).")
    String maxLoss;

    @Option(
            names = "--seed",
            defaultValue = "1",
            paramLabel = "N",
            description = "Seed of the network's random decisions (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--wav-a",
            paramLabel = "FILE",
            description = "Play this WAV file (any rate) on the first leg instead of tone bursts.")
    Path wavA;

    @Option(
            names = "--wav-b",
            paramLabel = "FILE",
            description = "Play this WAV file on the second leg instead of tone bursts.")
    Path wavB;

    @Option(
            names = "--out",
            defaultValue = "parley-simulate",
            paramLabel = "DIR",
            description = "Where to write what each caller heard (default ${DEFAULT-VALUE}).")
    Path outDir;

    @Override
    int run(ParleyConfig config) throws Exception {
        Optional<BridgeConfig> found = config.bridge(bridgeName);
        if (found.isEmpty()) {
            err().println("no bridge '" + bridgeName + "' in " + this.config.source() + "; its bridges are "
                    + config.bridges().stream().map(BridgeConfig::name).collect(Collectors.joining(", ")));
            return ExitCodes.INVALID;
        }
        BridgeConfig bridge = found.get();
        Impairment impairment;
        List<Source> sources;
        double allowedLoss;
        try {
            allowedLoss = ratio(maxLoss);
            if (seconds < 1 || seconds > 3600) {
                throw new IllegalArgumentException("--seconds " + seconds + " is outside 1..3600");
            }
            if (bridge.topology() == Topology.AUDIOSOCKET) {
                throw new IllegalArgumentException(
                        "bridge " + bridgeName + " uses AudioSocket (TCP); simulate speaks RTP only");
            }
            impairment = new Impairment(loss, reorder, jitter, seed);
            sources = List.of(source(bridge, 0, wavA, TONE_A_HZ), source(bridge, 1, wavB, TONE_B_HZ));
        } catch (IllegalArgumentException | IOException e) {
            err().println(e.getMessage());
            return ExitCodes.INVALID;
        }
        return call(config, bridge, sources, impairment, allowedLoss);
    }

    /** {@code 1%} or {@code 0.01} as a fraction in [0, 1]. */
    static double ratio(String text) {
        String t = text.strip();
        try {
            double r = t.endsWith("%")
                    ? Double.parseDouble(t.substring(0, t.length() - 1).strip()) / 100
                    : Double.parseDouble(t);
            if (r >= 0 && r <= 1) {
                return r;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--max-loss " + text + " is not a share of the frames: give a percentage"
                + " such as 1% or a fraction such as 0.01, between 0 and 100%");
    }

    private static Source source(BridgeConfig bridge, int leg, Path wav, double hz) throws IOException {
        int rate = bridge.leg(leg).codec().sampleRate();
        if (wav == null) {
            return ToneBursts.standard(rate, hz);
        }
        try {
            return new ClipSource(WavFile.read(wav), rate, wav.toString());
        } catch (IOException e) {
            throw new IOException("cannot play " + wav + ": " + e.getMessage(), e);
        }
    }

    private int call(
            ParleyConfig config, BridgeConfig bridge, List<Source> sources, Impairment impairment, double allowedLoss)
            throws IOException, InterruptedException {
        PrintWriter out = out();
        try (Simulator simulator = new Simulator(1);
                SimulatedCall call = SimulatedCall.open(
                        simulator, config.bind(), bridge, sources, impairment, seconds + 2, seconds + 2)) {
            out.printf(
                    "simulating a call on %s (%s over %s): %s (%s) -> %s, %s (%s) -> %s, %d s, network: %s%n",
                    bridge.name(),
                    bridge.mode().key(),
                    bridge.topology().key(),
                    call.a().name(),
                    sources.get(0).describe(),
                    address(call.a()),
                    call.b().name(),
                    sources.get(1).describe(),
                    address(call.b()),
                    seconds,
                    impairment.describe());
            out.flush();
            long start = simulator.nanoTime() + 20_000_000L;
            call.start(start, 10_000_000L);
            long end = start + seconds * 1_000_000_000L;
            simulator.stopSendingAt(end);
            // After 2 s of silence from parley there is no point in waiting out the call.
            waitUntil(simulator, Math.min(end, start + NOTHING_HEARD_NANOS));
            if (!nothingHeard(call)) {
                waitUntil(simulator, end);
            }
            simulator.stopSending();
            simulator.awaitQuiet(QUIET, DRAIN);
            Optional<Integer> dashboard = config.bridges().stream()
                    .filter(b -> b.dashboard().isPresent())
                    .findFirst()
                    .map(b -> b.dashboard().getAsInt());
            Optional<Map<String, LegStatus>> status = dashboard.flatMap(port -> new StatusReader(
                            config.bind(), port, config.monitor().token().map(Secret::value))
                    .read(Duration.ofSeconds(3)));
            List<DirectionReport> reports = call.reports(start + SETTLE_NANOS, TOLERANCE_HZ);
            print(
                    out,
                    call,
                    reports,
                    status,
                    dashboard
                            .map(port -> port + " did not answer /status")
                            .orElse("the configuration has no dashboard to ask"));
            Files.createDirectories(outDir);
            for (SimulatedCaller c : List.of(call.a(), call.b())) {
                Path file = outDir.resolve(bridge.name() + "-" + c.name() + "-heard.wav");
                WavFile.write(
                        file,
                        c.heard().recording(),
                        0,
                        c.heard().recording().length,
                        c.heard().sampleRate());
                out.println("wrote what " + c.name() + " heard to " + file);
            }
            Optional<String> failure = failure(call, reports, status, allowedLoss);
            if (failure.isPresent()) {
                out.flush();
                err().println(failure.get());
                return ExitCodes.FAILED;
            }
            out.println("audio passed both ways");
            out.flush();
            return ExitCodes.OK;
        }
    }

    private static void waitUntil(Simulator simulator, long deadlineNanos) {
        for (long left; (left = deadlineNanos - simulator.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
        }
    }

    private static boolean nothingHeard(SimulatedCall call) {
        return call.a().heard().frames() == 0 && call.b().heard().frames() == 0;
    }

    private static Optional<String> failure(
            SimulatedCall call,
            List<DirectionReport> reports,
            Optional<Map<String, LegStatus>> status,
            double allowedLoss) {
        if (nothingHeard(call)) {
            long strangers = status.map(s -> s.values().stream()
                            .filter(l -> l.extension().equals(call.a().name())
                                    || l.extension().equals(call.b().name()))
                            .mapToLong(l -> l.malformed().getOrDefault("unexpected_source", 0L)
                                    + l.malformed().getOrDefault("no_call", 0L)
                                    + l.malformed().getOrDefault("source_not_allowed", 0L))
                            .sum())
                    .orElse(0L);
            if (strangers > 0) {
                return Optional.of("nothing came back from " + address(call.a()) + " or " + address(call.b())
                        + ": parley is running but its legs took none of this call's RTP (they counted "
                        + strangers + " packets from sources they do not accept). A leg without ARI keeps its"
                        + " caller until 10 s after their last packet, so wait that long after the previous call;"
                        + " a leg driven by ARI takes RTP only from the call Asterisk set up; a pinned leg"
                        + " (legs[].remote) only from its pin");
            }
            return Optional.of("nothing came back from " + address(call.a()) + " or " + address(call.b())
                    + ": is parley running? start it with ./parley run");
        }
        return reports.stream()
                .map(r -> r.failure(allowedLoss))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static String address(SimulatedCaller c) {
        return c.settings().target().getHostString() + ":"
                + c.settings().target().getPort();
    }

    private static void print(
            PrintWriter out,
            SimulatedCall call,
            List<DirectionReport> reports,
            Optional<Map<String, LegStatus>> status,
            String noStatus) {
        for (DirectionReport r : reports) {
            Optional<LegStatus> leg = status.map(s -> s.get(call.bridge().name() + "/" + r.from()));
            out.printf("%s -> %s%n", r.from(), r.to());
            out.printf(
                    "  frames      sent %d, heard %d, missing %d (%.1f%% loss; parley lost %.1f%%)%n",
                    r.framesSent(),
                    r.framesHeard(),
                    r.framesMissing(),
                    100 * r.missingRatio(),
                    100 * r.parleyLossRatio());
            if (r.framesDropped() > 0 || call.a().settings().impairment().any()) {
                out.printf(
                        "  network     dropped %d (%.1f%%, simulated) before parley%n",
                        r.framesDropped(), r.framesSent() == 0 ? 0 : 100.0 * r.framesDropped() / r.framesSent());
            }
            leg.ifPresent(l -> out.printf(
                    "  parley      leg %s: lost %d, late %d, concealed %d%n",
                    r.from(), l.lost(), l.late(), l.concealed()));
            out.printf("  latency     %s%n", r.latency().describe());
            double target = leg.map(LegStatus::bufferTargetMillis).orElse(Double.NaN);
            if (r.latency().count() == 0) {
                out.println("  added       not measured");
            } else if (Double.isNaN(target)) {
                out.println("  added       unknown: the jitter-buffer target is unknown (" + noStatus + ")");
            } else {
                out.printf(
                        "  added       p50 %.1f ms, p99 %.1f ms beyond the jitter-buffer target of %.0f ms%n",
                        r.latency().p50Millis() - target, r.latency().p99Millis() - target, target);
            }
            out.printf("  tone        %s%n", r.describeTone());
        }
    }
}
