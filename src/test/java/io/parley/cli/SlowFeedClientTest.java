package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.bridge.Role;
import io.parley.config.BridgeConfig;
import io.parley.config.ConfigLoader;
import io.parley.config.ParleyConfig;
import io.parley.event.UtteranceEvent;
import io.parley.sim.DirectionReport;
import io.parley.sim.Impairment;
import io.parley.sim.LatencySummary;
import io.parley.sim.SimulatedCall;
import io.parley.sim.Simulator;
import io.parley.sim.ToneBursts;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The media path never waits for the monitors: with a metrics-feed client that connects and never
 * reads, and the bus flooded with events for its bridge, a cross-patched call keeps its audio and
 * its latency.
 */
class SlowFeedClientTest {

    @Test
    void aStuckFeedClientDoesNotDelayRtp() throws Exception {
        ParleyConfig config = new ConfigLoader(Map.of()).loadDefault();
        BridgeConfig crosspatch = config.bridge("5555-6666").orElseThrow();
        try (ParleyRuntime parley = ParleyRuntime.start(config, new Role.All());
             Socket stuck = new Socket()) {
            // The translation bridges' engines start in the background; what this test measures is the
            // feed, not a 2-core machine busy loading acoustic models.
            assertThat(parley.bridges().awaitEngines(java.time.Duration.ofMinutes(2))).as("engines started").isTrue();
            stuck.setReceiveBufferSize(4096);
            stuck.connect(new InetSocketAddress("127.0.0.1", 6211), 2000);
            AtomicBoolean flooding = new AtomicBoolean(true);
            Thread flood = Thread.ofPlatform().start(() -> {
                long id = 0;
                while (flooding.get()) {
                    // Events for the feed's own bridge.
                    parley.bus().publish(new UtteranceEvent(System.currentTimeMillis(), "3333-4444", ++id % 1000,
                            "3333->4444", "en", "fr", UtteranceEvent.Stage.PARTIAL, "x".repeat(200), "", "",
                            UtteranceEvent.Times.NONE, ""));
                    if (id % 100 == 0) {
                        // ~100,000 events/s, a thousand times a real bridge's rate, without taking a whole core
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
                    }
                }
            });
            LatencySummary latency;
            List<DirectionReport> reports;
            try (Simulator simulator = new Simulator(1);
                 SimulatedCall call = SimulatedCall.open(simulator, config.bind(), crosspatch,
                         List.of(ToneBursts.standard(8000, 440), ToneBursts.standard(8000, 1000)), Impairment.NONE, 12, 0)) {
                long start = simulator.nanoTime() + 20_000_000L;
                call.start(start, 10_000_000L);
                Thread.sleep(8_000); // the call's length: audio is measured over it, not waited for
                simulator.stopSending();
                Thread.sleep(300);
                reports = call.reports(start + 1_000_000_000L, 10);
            } finally {
                flooding.set(false);
                flood.join();
            }
            for (DirectionReport r : reports) {
                latency = LatencySummary.of(r.latencyMillis());
                System.out.printf("%s->%s: sent %d, missing %d, p50 %.1f ms, p99 %.1f ms%n", r.from(), r.to(),
                        r.framesSent(), r.framesMissing(), latency.p50Millis(), latency.p99Millis());
                assertThat(r.tone()).as(r.from() + "->" + r.to() + " tone").isPresent();
                assertThat(latency.count()).as(r.from() + "->" + r.to() + " bursts measured").isGreaterThan(10);
                // jitter buffer (40 ms) plus a few ms; a media path waiting on the feed would add seconds
                assertThat(latency.p99Millis()).as(r.from() + "->" + r.to() + " p99 latency, ms").isLessThan(120);
                assertThat(r.framesMissing()).as(r.from() + "->" + r.to() + " frames missing").isLessThan(r.framesSent() / 100);
            }
        }
    }
}
