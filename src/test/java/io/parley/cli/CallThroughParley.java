package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.config.BridgeConfig;
import io.parley.config.ConfigLoader;
import io.parley.config.ParleyConfig;
import io.parley.sim.DirectionReport;
import io.parley.sim.Impairment;
import io.parley.sim.SimulatedCall;
import io.parley.sim.Simulator;
import io.parley.sim.StatusReader;
import io.parley.sim.ToneBursts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;

/**
 * One simulated call through the first bridge of a real {@code parley run} process, for tests that
 * do something to a call in progress (send it garbage, forge its PCM) and then account for every
 * frame: parley is ready, both callers already hear each other, and the second caller talks in the
 * standard bursts of 1 kHz.
 *
 * @param statusPort the port of the bridge's monitor ({@code /status}, {@code /metrics})
 * @param start      when the callers began, on the simulator's clock
 */
record CallThroughParley(
        ParleyProcess parley, Simulator simulator, BridgeConfig bridge, int statusPort, SimulatedCall call, long start)
        implements AutoCloseable {

    /** Runs parley on {@code yaml} (written into {@code dir}) and opens a call whose first caller sends {@code firstCaller}. */
    static CallThroughParley open(Path dir, String yaml, Map<String, String> env, ToneBursts firstCaller)
            throws Exception {
        ParleyConfig config = new ConfigLoader(env).parse(yaml, "test");
        BridgeConfig bridge = config.bridges().getFirst();
        int statusPort = config.bridges().stream()
                .filter(b -> b.dashboard().isPresent())
                .findFirst()
                .orElseThrow()
                .dashboard()
                .getAsInt();
        Path file = dir.resolve("parley.yaml");
        Files.writeString(file, yaml);
        ParleyProcess parley = ParleyProcess.start(env, "run", "--config", file.toString());
        Simulator simulator = new Simulator(1);
        try {
            parley.awaitLine(l -> l.startsWith("ready"), Duration.ofSeconds(90));
            SimulatedCall call = SimulatedCall.open(
                    simulator,
                    "127.0.0.1",
                    bridge,
                    List.of(firstCaller, ToneBursts.standard(8000, 1000)),
                    Impairment.NONE,
                    15,
                    0);
            long start = simulator.nanoTime() + 20_000_000L;
            call.start(start, 10_000_000L);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(15))
                    .until(() ->
                            call.b().heard().frames() > 10 && call.a().heard().frames() > 10);
            return new CallThroughParley(parley, simulator, bridge, statusPort, call, start);
        } catch (Exception | AssertionError e) {
            simulator.close();
            parley.close();
            throw e;
        }
    }

    /** The bridge's {@code /status}. */
    StatusReader status() {
        return new StatusReader("127.0.0.1", statusPort, Optional.empty());
    }

    /** The call goes on for a second more, then both callers stop and their last packets arrive. */
    void goOnASecondAndEnd() throws InterruptedException {
        long after = call.a().framesSent() + 50;
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> call.a().framesSent() >= after);
        simulator.stopSending();
        // Parley relays each frame 20 ms after the last: a second without one is no stall of a busy machine.
        assertThat(simulator.awaitQuiet(Duration.ofSeconds(1), Duration.ofSeconds(10)))
                .isTrue();
    }

    /** What each caller heard of the other, after {@link #goOnASecondAndEnd}. */
    List<DirectionReport> reports() {
        return call.reports(start, 5);
    }

    @Override
    public void close() {
        simulator.close();
        parley.close();
    }
}
