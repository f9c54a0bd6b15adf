package io.parley.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.bridge.Frames;
import io.parley.bridge.Role;
import io.parley.config.Topology;
import io.parley.event.LegStats;
import io.parley.event.ParleyEvent;
import io.parley.event.Subscription;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Simulated callers through real bridges (hosted in this process) on loopback: gateways and their
 * bridge in one process (they talk in memory), the same split as the seed deployed it (a process per
 * gateway and one for the bridge, PCM over UDP between them), and ExternalMedia legs.
 */
class SimulatedCallTest {

    @ParameterizedTest(name = "{0}{5}, loss {1}, reorder {2}, jitter {3} ms")
    @CsvSource({"GATEWAY, 0, 0, 0, 23100, ''", "GATEWAY, 0, 0, 0, 23400, ' split'", "EXTERNALMEDIA, 0, 0, 0, 23200, ''",
            "EXTERNALMEDIA, 0.05, 0.05, 30, 23300, ''"})
    void eachCallerHearsTheOthersToneAndTheBurstsAreTimed(Topology topology, double loss, double reorder, int jitter,
                                                          int basePort, String split) throws Exception {
        LoadPlan plan = new LoadPlan(1, topology, basePort);
        Impairment network = new Impairment(loss, reorder, jitter, 11);
        boolean separate = !split.isBlank();
        Role[] roles = separate ? new Role[] {new Role.GatewayOnly("100001"), new Role.GatewayOnly("200001"),
                new Role.BridgeOnly(LoadPlan.bridgeName(0))} : new Role[] {new Role.All()};
        try (HostedParley parley = new HostedParley(plan.yaml(), roles);
             Simulator simulator = new Simulator(1);
             Subscription events = parley.bus().subscribe("test", 10_000)) {
            SimulatedCall call = SimulatedCall.open(simulator, "127.0.0.1", parley.config.bridges().getFirst(),
                    List.of(ToneBursts.standard(8000, 600), ToneBursts.standard(8000, 1000)), network, 5, 5);
            long start = simulator.nanoTime() + 20_000_000L;
            call.start(start, 10_000_000L);
            Thread.sleep(2500);
            simulator.stopSending();
            Thread.sleep(300);

            List<DirectionReport> reports = call.reports(start + 500_000_000L, 5);
            for (DirectionReport r : reports) {
                assertThat(r.failure(0.5)).as(r.from() + " -> " + r.to()).isEmpty();
                assertThat(r.tone().orElseThrow().frequencyHz()).isBetween(r.expectedHz() - 1, r.expectedHz() + 1);
                assertThat(r.latency().count()).as("bursts timed").isGreaterThanOrEqualTo(4);
                assertThat(r.latency().p50Millis()).as("one-way latency").isGreaterThan(0.0).isLessThan(400.0);
                if (!separate && jitter == 0) {
                    // A cross-patch in one process forwards each packet as it arrives, waiting for no
                    // frame time: a jitter buffer, a tick or a second gateway's clock would add 20 ms or more.
                    assertThat(r.latency().p50Millis()).as("one-way latency, forwarded").isLessThan(Frames.MILLIS);
                }
                if (loss == 0) {
                    // A few frames may be dropped when a shared machine stalls the clock (the gateway cuts
                    // its backlog, the receiver drops skipped ticks) rather than delayed for good.
                    assertThat(r.missingRatio()).isLessThan(0.05);
                } else {
                    assertThat(r.framesDropped()).as("the network dropped some").isPositive();
                }
            }
            int replyPort = switch (call.bridge().leg(0).ports()) {
                case io.parley.config.LegPorts.Gateway g -> g.rtpSend();
                case io.parley.config.LegPorts.ExternalMedia e -> e.media();
                case io.parley.config.LegPorts.AudioSocket a -> -1;
            };
            assertThat(call.a().parleySource().getPort()).as("parley replies from the leg's sending port")
                    .isEqualTo(replyPort);
            short[] heard = call.b().heard().recording();
            assertThat(heard.length).isGreaterThan(8000);
            List<ParleyEvent> seen = new ArrayList<>();
            events.drainTo(seen);
            boolean pcmFlowed = seen.stream().anyMatch(e -> e instanceof LegStats s && s.codec().equals("pcm")
                    && s.in().packets() > 100);
            assertThat(pcmFlowed).as("the bridge heard its gateways over PCM datagrams").isEqualTo(separate);
        }
    }
}
