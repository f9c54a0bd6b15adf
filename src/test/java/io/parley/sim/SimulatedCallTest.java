package io.parley.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.config.Topology;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Simulated callers through real bridges (in this process) on loopback. */
class SimulatedCallTest {

    @ParameterizedTest
    @EnumSource(value = Topology.class, names = {"GATEWAY", "EXTERNALMEDIA"})
    void eachCallerHearsTheOthersToneWithItsLatency(Topology topology) throws Exception {
        LoadPlan plan = new LoadPlan(1, topology, 23_000);
        try (HostedParley parley = new HostedParley(plan.yaml());
             Simulator simulator = new Simulator(1)) {
            SimulatedCall call = SimulatedCall.open(simulator, "127.0.0.1", parley.config.bridges().getFirst(),
                    List.of(ToneBursts.standard(8000, 600), ToneBursts.standard(8000, 1000)), Impairment.NONE, 5, 5);
            long start = simulator.nanoTime() + 20_000_000L;
            call.start(start, 10_000_000L);
            var sub = parley.bus().subscribe("t", 10000);
            Thread.sleep(3000);
            java.util.List<io.parley.event.ParleyEvent> ev = new java.util.ArrayList<>();
            sub.drainTo(ev);
            ev.stream().filter(e -> e instanceof io.parley.event.LegStats).skip(Math.max(0, ev.size() - 4)).forEach(System.out::println);
            simulator.stopSending();
            Thread.sleep(300);
            List<DirectionReport> reports = call.reports(start + 500_000_000L, 5);
            for (DirectionReport r : reports) {
                System.out.println(r.from() + "->" + r.to() + " sent " + r.framesSent() + " heard " + r.framesHeard()
                        + " " + r.latency().describe() + " " + r.describeTone() + " " + java.util.Arrays.toString(r.latencyMillis()));
                assertThat(r.failure()).isEmpty();
            }
        }
    }
}
