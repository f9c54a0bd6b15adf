package io.parley.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.bridge.BridgeHost;
import io.parley.bridge.LegFactory;
import io.parley.bridge.Role;
import io.parley.bridge.TranslationRig;
import io.parley.config.BridgeConfig;
import io.parley.config.ConfigLoader;
import io.parley.config.HistorySettings;
import io.parley.config.ParleyConfig;
import io.parley.event.EventBus;
import io.parley.media.MediaClock;
import io.parley.media.MediaClocks;
import io.parley.media.UdpReactor;
import io.parley.monitor.Monitor;
import io.parley.sim.FrameCounts;
import io.parley.sim.Impairment;
import io.parley.sim.SimulatedCall;
import io.parley.sim.Simulator;
import io.parley.sim.ToneBursts;
import io.parley.testing.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.awaitility.Awaitility;

/**
 * A real cross-patched ExternalMedia bridge in this process (media clock, reactor, legs on free
 * loopback ports) with the call history recording it, and a simulated call through it: tone
 * bursts of 600 Hz from the first leg and 1000 Hz from the second, over real RTP.
 */
final class CallRig implements AutoCloseable {
    static final String BRIDGE = "rig";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    final EventBus bus = new EventBus();
    final BridgeConfig bridge;
    final History history;
    private final MediaClock clock = new MediaClock();
    private final UdpReactor reactor = new UdpReactor("rig-udp", 1);
    private final BridgeHost host;
    private final Simulator simulator = new Simulator(1);
    private final Monitor monitor;
    private SimulatedCall call;

    CallRig(HistorySettings settings, int queueWrites) throws Exception {
        this(settings, queueWrites, List.of());
    }

    /** @param others bridges whose calls the history also keeps (their events are the test's to publish) */
    CallRig(HistorySettings settings, int queueWrites, List<BridgeConfig> others) throws Exception {
        ParleyConfig config = new ConfigLoader(Map.of()).parse(yaml(FreePorts.udp(4)), "rig.yaml");
        bridge = config.bridges().getFirst();
        List<BridgeConfig> kept = new ArrayList<>(config.bridges());
        kept.addAll(others);
        history = History.start(settings, kept, bus, Clock.systemUTC(), queueWrites);
        host = BridgeHost.start(
                config,
                new Role.All(),
                MediaClocks.of(clock),
                (port, r) -> reactor.bind(new InetSocketAddress("127.0.0.1", port), r),
                bus,
                TranslationRig.engines(),
                LegFactory.NONE,
                history.taps());
        // The bridge's dashboard on a free port: /status and /metrics report the history's queue.
        BridgeConfig withDashboard = new BridgeConfig(
                bridge.name(),
                bridge.mode(),
                bridge.topology(),
                bridge.legs(),
                OptionalInt.of(0),
                OptionalInt.empty(),
                bridge.jitter(),
                bridge.translation());
        monitor = Monitor.start(config.withBridges(List.of(withDashboard)), bus, history);
    }

    /** The dashboard's origin, {@code 127.0.0.1:PORT}. */
    String origin() {
        return "127.0.0.1:" + monitor.dashboardPort(BRIDGE).orElseThrow();
    }

    /** GET {@code path} from the bridge's dashboard. */
    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                + monitor.dashboardPort(BRIDGE).orElseThrow() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** The {@code history} part of {@code /status}. */
    JsonNode status() throws IOException, InterruptedException {
        return JSON.readTree(get("/status")).path("history");
    }

    /** The value of one Prometheus sample in {@code /metrics}, by its name. */
    double metric(String name) throws IOException, InterruptedException {
        for (String line : get("/metrics").split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no metric " + name);
    }

    private static String yaml(int[] p) {
        return "bind: 127.0.0.1\nbridges:\n  - name: " + BRIDGE
                + "\n    mode: crosspatch\n    topology: externalmedia\n"
                + "    legs:\n"
                + "      - extension: \"5101\"\n        codec: ulaw\n        externalMedia: {media: " + p[0]
                + ", translated: " + p[1] + "}\n"
                + "      - extension: \"5102\"\n        codec: ulaw\n        externalMedia: {media: " + p[2]
                + ", translated: " + p[3] + "}\n";
    }

    /** Both callers start talking now, for {@code seconds}. */
    void startCall(int seconds) throws IOException {
        call = SimulatedCall.open(
                simulator,
                "127.0.0.1",
                bridge,
                List.of(ToneBursts.standard(8000, 600), ToneBursts.standard(8000, 1000)),
                Impairment.NONE,
                seconds,
                5);
        call.start(simulator.nanoTime() + 20_000_000L, 7_000_000L);
    }

    /** What the second caller heard of the first, so far. */
    FrameCounts aToB() {
        return FrameCounts.between(call.a(), call.b());
    }

    /** Lets the callers talk until the first has sent {@code seconds} of audio, then stops them. */
    void talkFor(int seconds) throws InterruptedException {
        Awaitility.await()
                .atMost(Duration.ofSeconds(seconds + 20L))
                .until(() -> call.a().framesSent() >= seconds * 50L);
        simulator.stopSending();
    }

    void stopSending() throws InterruptedException {
        simulator.stopSending();
    }

    @Override
    public void close() {
        if (call != null) {
            call.close();
        }
        simulator.close();
        host.close();
        monitor.close();
        history.close();
        reactor.close();
        clock.close();
    }
}
