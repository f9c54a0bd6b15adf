package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.bridge.Role;
import io.parley.config.BridgeConfig;
import io.parley.config.ParleyConfig;
import io.parley.event.LegStats;
import io.parley.event.ParleyEvent;
import io.parley.event.Subscription;
import io.parley.event.UtteranceEvent;
import io.parley.sim.DirectionReport;
import io.parley.sim.Impairment;
import io.parley.sim.SimulatedCall;
import io.parley.sim.Simulator;
import io.parley.sim.ToneBursts;
import io.parley.testing.FreePorts;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The media path never waits for the monitors: with a metrics-feed client that connects and never
 * reads, and the bus flooded with events for its bridge, a cross-patched call loses no frame and
 * adds no latency beyond what its jitter buffer and clocks account for.
 */
class SlowFeedClientTest {
    /** 5 s of call. */
    private static final int FRAMES = 250;

    @Test
    void aStuckFeedClientDoesNotDelayRtp(@TempDir Path dir) throws Exception {
        // The default plan's cross-patch, with its own dashboard and feed, on free ports.
        BridgeConfig b = FreePorts.defaultPlan(dir).bridge("5555-6666").orElseThrow();
        BridgeConfig crosspatch = new BridgeConfig(
                b.name(),
                b.mode(),
                b.topology(),
                b.legs(),
                OptionalInt.of(0),
                OptionalInt.of(0),
                b.jitter(),
                b.translation());
        ParleyConfig config = FreePorts.defaultPlan(dir).withBridges(List.of(crosspatch));
        try (ParleyRuntime parley = ParleyRuntime.start(config, new Role.All());
                Subscription stats = parley.bus().subscribe("test", 100_000, e -> e instanceof LegStats);
                Socket stuck = new Socket()) {
            stuck.setReceiveBufferSize(4096);
            stuck.connect(
                    new InetSocketAddress(
                            "127.0.0.1", parley.monitor().feedPort(b.name()).orElseThrow()),
                    2000);
            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicLong flooded = new AtomicLong();
            Thread flood = Thread.ofPlatform().start(() -> {
                while (flooding.get()) {
                    // Events for the feed's own bridge.
                    long id = flooded.incrementAndGet();
                    parley.bus()
                            .publish(new UtteranceEvent(
                                    System.currentTimeMillis(),
                                    b.name(),
                                    id % 1000,
                                    "5555->6666",
                                    "en",
                                    "en",
                                    UtteranceEvent.Stage.PARTIAL,
                                    "x".repeat(200),
                                    "",
                                    "",
                                    UtteranceEvent.Times.NONE,
                                    ""));
                    if (id % 100 == 0) {
                        // ~100,000 events/s, a thousand times a real bridge's rate, without taking a whole core
                        LockSupport.parkNanos(1_000_000L);
                    }
                }
            });
            List<DirectionReport> reports;
            long from;
            try (Simulator simulator = new Simulator(1);
                    SimulatedCall call = SimulatedCall.open(
                            simulator,
                            config.bind(),
                            crosspatch,
                            List.of(ToneBursts.standard(8000, 440), ToneBursts.standard(8000, 1000)),
                            Impairment.NONE,
                            12,
                            0)) {
                long start = simulator.nanoTime() + 20_000_000L;
                call.start(start, 10_000_000L);
                Awaitility.await()
                        .atMost(Duration.ofSeconds(30))
                        .alias(FRAMES + " frames said by each caller")
                        .until(() -> call.a().framesSent() >= FRAMES && call.b().framesSent() >= FRAMES);
                simulator.stopSending();
                assertThat(simulator.awaitQuiet(Duration.ofSeconds(1), Duration.ofSeconds(10)))
                        .isTrue();
                from = start + 1_000_000_000L;
                reports = call.reports(from, 10);
            } finally {
                flooding.set(false);
                flood.join(Duration.ofSeconds(10));
            }
            Map<String, LegStats> legs = latest(stats);
            for (DirectionReport r : reports) {
                String way = r.from() + " -> " + r.to();
                assertThat(r.failure(1.0)).as(way).isEmpty();
                LegStats leg = legs.get(r.from());
                assertThat(leg).as(way + ": the leg's statistics published").isNotNull();
                // Only the first speaker's first frame, sent before the leg knew its listener, may go nowhere.
                assertThat(r.framesMissing()).as(way + " frames missing").isLessThanOrEqualTo(1);
                assertThat(leg.network().lost()
                                + leg.playout().late()
                                + leg.playout().concealed())
                        .as(way + " lost, late, concealed")
                        .isZero();
                assertThat(r.latency().count()).as(way + " bursts timed").isGreaterThanOrEqualTo(10);
                // The leg's jitter-buffer target (none where the cross-patch forwards on arrival), then at most
                // a period of each of the two clocks on the way (gateway, bridge); a media path waiting on the
                // feed would add far more.
                assertThat(r.latency().p50Millis() - leg.playout().bufferTargetMillis())
                        .as(way + " p50 latency added, ms")
                        .isLessThanOrEqualTo(40.0);
            }
            assertThat(flood.isAlive()).as("publishing to the bus blocked").isFalse();
            assertThat(flooded.get()).as("events flooded during the call").isGreaterThan(FRAMES * 100L);
            assertThat(parley.monitor().status().monitor().feedClientsDropped())
                    .as("the stuck client was dropped")
                    .isEqualTo(1);
        }
    }

    private static Map<String, LegStats> latest(Subscription events) {
        List<ParleyEvent> seen = new ArrayList<>();
        events.drainTo(seen);
        Map<String, LegStats> latest = new HashMap<>();
        for (ParleyEvent e : seen) {
            if (e instanceof LegStats s && !s.codec().equals("pcm")) {
                latest.put(s.leg(), s);
            }
        }
        return latest;
    }
}
