package io.parley.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.bridge.Role;
import io.parley.config.LegPorts;
import io.parley.config.Topology;
import io.parley.event.LegStats;
import io.parley.event.ParleyEvent;
import io.parley.event.Subscription;
import io.parley.leg.Frames;
import io.parley.testing.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.data.Offset;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Simulated callers through real bridges (hosted in this process) on free loopback ports, with
 * gateways and their bridge in one process (they talk in memory), split as the seed deployed them (a
 * process per gateway and one for the bridge, PCM over UDP between them), and ExternalMedia legs: each
 * caller hears the other's tone at its frequency, every frame that reached parley is heard (or, with
 * loss, concealed), every burst said is heard and timed, and the latency parley adds is what its
 * jitter buffer and clocks account for.
 */
class SimulatedCallTest {
    /** 2.5 s of call. */
    private static final int FRAMES = 125;

    private static final long SPEAKER_OFFSET_NANOS = 10_000_000L;

    @ParameterizedTest(name = "{0}{4}, loss {1}, reorder {2}, jitter {3} ms")
    @CsvSource({
        "GATEWAY, 0, 0, 0, ''",
        "GATEWAY, 0, 0, 0, ' split'",
        "EXTERNALMEDIA, 0, 0, 0, ''",
        "EXTERNALMEDIA, 0.05, 0.05, 30, ''"
    })
    void eachCallerHearsTheOthersToneAndTheBurstsAreTimed(
            Topology topology, double loss, double reorder, int jitter, String split, @TempDir Path dir)
            throws Exception {
        Impairment network = new Impairment(loss, reorder, jitter, 11);
        boolean separate = !split.isBlank();
        Role[] roles = separate
                ? new Role[] {
                    new Role.GatewayOnly("100001"),
                    new Role.GatewayOnly("200001"),
                    new Role.BridgeOnly(LoadPlan.bridgeName(0))
                }
                : new Role[] {new Role.All()};
        try (HostedParley parley = new HostedParley(FreePorts.loadPlan(1, topology, dir), roles);
                Simulator simulator = new Simulator(1);
                Subscription events = parley.bus().subscribe("test", 100_000)) {
            SimulatedCall call = SimulatedCall.open(
                    simulator,
                    "127.0.0.1",
                    parley.config.bridges().getFirst(),
                    List.of(ToneBursts.standard(8000, 600), ToneBursts.standard(8000, 1000)),
                    network,
                    5,
                    5);
            long start = simulator.nanoTime() + 20_000_000L;
            call.start(start, SPEAKER_OFFSET_NANOS);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .alias(FRAMES + " frames said by each caller")
                    .until(() -> call.a().framesSent() >= FRAMES && call.b().framesSent() >= FRAMES);
            simulator.stopSending();
            assertThat(simulator.awaitQuiet(Duration.ofMillis(200), Duration.ofSeconds(5)))
                    .as("the audio in flight arrived")
                    .isTrue();
            long from = start + 500_000_000L;
            // A quiet spell says the buffers are empty unless parley was held up longer than it (a machine
            // busy with other work): each frame that reached parley is waited for, a few seconds at most.
            try {
                Awaitility.await()
                        .atMost(Duration.ofSeconds(5))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> call.reports(from, 1).stream().allMatch(r -> unheard(r) <= unaddressed(call, r)));
            } catch (ConditionTimeoutException stillMissing) {
                // the assertions below say which frames, with parley's counters
            }
            List<ParleyEvent> seen = new ArrayList<>();
            events.drainTo(seen);
            Map<String, LegStats> legs = latestStats(seen);

            for (DirectionReport r : call.reports(from, 1)) {
                String way = r.from() + " -> " + r.to();
                SimulatedCaller speaker = r.from().equals(call.a().name()) ? call.a() : call.b();
                assertThat(r.failure(1.0)).as(way).isEmpty();
                assertThat(r.tone().orElseThrow().frequencyHz())
                        .as(way + " tone, Hz")
                        .isCloseTo(r.expectedHz(), Offset.offset(1.0));
                long unaddressed = unaddressed(call, r);
                assertThat(unheard(r))
                        .as(way + " frames that reached parley, never heard; parley's legs: " + legs)
                        .isLessThanOrEqualTo(unaddressed);
                // The listener hears concealment in place of a frame that went missing: parley's own counters say.
                LegStats leg = callersLeg(legs, r.from());
                if (!network.any()) {
                    assertThat(r.framesHeard()).as(way + " frames heard").isLessThanOrEqualTo(r.framesSent());
                    assertThat(leg.network().lost()
                                    + leg.playout().late()
                                    + leg.playout().concealed())
                            .as(way + " lost, late, concealed")
                            .isZero();
                    assertThat(leg.playout().discarded()).as(way + " discarded").isLessThanOrEqualTo(unaddressed);
                } else {
                    assertThat(r.framesDropped())
                            .as(way + " the network dropped some")
                            .isPositive();
                    assertThat(leg.network().lost())
                            .as(way + " lost: what the network dropped, no more")
                            .isLessThanOrEqualTo(r.framesDropped());
                }
                assertThat(r.latency().count()).as(way + " bursts timed").isEqualTo(measurableBursts(speaker, from));
                // Split, a frame waits for the gateway's jitter-buffer target, then at most one period of
                // the gateway's clock and of the bridge's. In one process a cross-patch forwards each packet
                // as it arrives: no jitter buffer, no tick, so less than one frame time (a buffer, a tick or
                // a second clock would add 20 ms or more). The network's own jitter comes on top.
                double target = leg.playout().bufferTargetMillis();
                double allowed = (separate ? 2 * Frames.MILLIS : Frames.MILLIS) + jitter;
                assertThat(r.latency().p50Millis() - target)
                        .as(way + " p50 latency added beyond the " + target + " ms target, ms")
                        .isLessThan(allowed);
            }
            int replyPort = switch (call.bridge().leg(0).ports()) {
                case LegPorts.Gateway g -> g.rtpSend();
                case LegPorts.ExternalMedia e -> e.media();
                case LegPorts.AudioSocket a -> -1;
            };
            assertThat(call.a().parleySource().getPort())
                    .as("parley replies from the leg's sending port")
                    .isEqualTo(replyPort);
            assertThat((long) call.b().heard().recording().length)
                    .as("samples recorded")
                    .isGreaterThanOrEqualTo(call.b().heard().samples());
            boolean pcmFlowed = seen.stream()
                    .anyMatch(e -> e instanceof LegStats s && s.codec().equals("pcm") && s.in().packets() > 100);
            assertThat(pcmFlowed)
                    .as("the bridge heard its gateways over PCM datagrams")
                    .isEqualTo(separate);
        }
    }

    /** Bursts the speaker said from {@code from} on whose first frame reached parley. */
    private static long measurableBursts(SimulatedCaller speaker, long from) {
        OnsetLog said = speaker.saidOnsets();
        long n = 0;
        for (int i = 0; i < said.size(); i++) {
            if (said.time(i) >= from && said.measurable(i)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Without ARI a leg learns where its caller is from the caller's first packet: what the other
     * caller said before that (the first speaker's first frame) had nowhere to go.
     */
    private static long unaddressed(SimulatedCall call, DirectionReport r) {
        return r.from().equals(call.a().name()) ? 1 : 0;
    }

    /** Frames that reached parley (the network did not drop them) and were never heard. */
    private static long unheard(DirectionReport r) {
        long reached = r.framesSent() - r.framesDropped();
        return reached - Math.min(reached, r.framesHeard());
    }

    /** Every leg's latest statistics, the bridge's PCM legs too, by bridge, extension and codec. */
    private static Map<String, LegStats> latestStats(List<ParleyEvent> seen) {
        Map<String, LegStats> latest = new TreeMap<>();
        for (ParleyEvent e : seen) {
            if (e instanceof LegStats s) {
                latest.put(s.bridge() + "/" + s.leg() + "/" + s.codec(), s);
            }
        }
        return latest;
    }

    /** The latest statistics of the leg that faces {@code caller} (not a PCM link to a gateway). */
    private static LegStats callersLeg(Map<String, LegStats> latest, String caller) {
        return latest.values().stream()
                .filter(s -> s.leg().equals(caller) && !s.codec().equals("pcm"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no statistics for leg " + caller + ": " + latest));
    }
}
