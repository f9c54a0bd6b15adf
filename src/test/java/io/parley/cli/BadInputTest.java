package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.config.BridgeConfig;
import io.parley.config.Topology;
import io.parley.host.SocketTable;
import io.parley.rtp.DropReason;
import io.parley.rtp.RtpPacket;
import io.parley.rtp.RtpReceiveFilter;
import io.parley.rtp.RtpStreamWriter;
import io.parley.sim.DirectionReport;
import io.parley.sim.LegStatus;
import io.parley.sim.SimulatedCall;
import io.parley.sim.StatusReader;
import io.parley.sim.ToneBursts;
import io.parley.testing.FreePorts;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 3's "bad input never breaks a call": while simulated callers talk through a bridge of a
 * real parley process, 10,000 random datagrams and then well-formed RTP from a second source hit
 * the first leg's port. The tones still pass both ways, and every datagram is accounted for: the
 * leg's drop counters in /status name what was dropped, reason by reason, as the same filter judges
 * each datagram here, and whatever they miss the kernel dropped (its count for the leg's socket).
 */
class BadInputTest {
    private static final int RANDOM_DATAGRAMS = 10_000;
    private static final int INTRUDER_PACKETS = 100;

    @ParameterizedTest
    @EnumSource(
            value = Topology.class,
            names = {"GATEWAY", "EXTERNALMEDIA"})
    void garbageAndASecondSenderAreDroppedByReasonWhileTheCallGoesOn(Topology topology, @TempDir Path dir)
            throws Exception {
        // One cross-patched pair, laid out as 5555-6666 (gateways) or 7777-8888 (ExternalMedia) are,
        // on free ports and without the default plan's speech engines.
        String yaml = FreePorts.loadPlan(1, topology, dir);
        try (CallThroughParley running = CallThroughParley.open(dir, yaml, Map.of(), ToneBursts.standard(8000, 600))) {
            BridgeConfig bridge = running.bridge();
            SimulatedCall call = running.call();
            InetSocketAddress leg = call.a().settings().target();
            long kernelDropsBefore = kernelDrops(leg);
            Map<String, Long> expected = attack(leg);
            running.goOnASecondAndEnd();
            long kernelDropped = kernelDrops(leg) - kernelDropsBefore;
            StatusReader status = running.status();
            AtomicReference<Map<String, Long>> seen = new AtomicReference<>();
            long sent = expected.values().stream().mapToLong(Long::longValue).sum();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(200))
                    .alias("the drop counters of leg " + call.a().name() + " in " + status.uri())
                    .untilAsserted(() -> {
                        LegStatus s = status.read(Duration.ofSeconds(2))
                                .orElseThrow()
                                .get(bridge.name() + "/" + call.a().name());
                        seen.set(nonZero(s.malformed()));
                        long counted = seen.get().values().stream()
                                .mapToLong(Long::longValue)
                                .sum();
                        assertThat(sent - counted)
                                .as("datagrams neither counted by the leg nor dropped by the kernel" + " ("
                                        + kernelDropped + "): counted " + seen.get() + ", sent " + expected)
                                .isBetween(0L, kernelDropped);
                    });
            expected.forEach((reason, n) ->
                    assertThat(seen.get().getOrDefault(reason, 0L)).as(reason).isBetween(n - kernelDropped, n));
            Map<String, LegStatus> legs = status.read(Duration.ofSeconds(2)).orElseThrow();
            for (DirectionReport r : running.reports()) {
                String way = r.from() + " -> " + r.to();
                // The call went on: parley lost no more than simulate allows (1%) of what reached it.
                assertThat(r.failure()).as(way).isEmpty();
                // And every frame is accounted for: only the first speaker's first frame (sent before the leg
                // knew its listener) may go nowhere unreported; the rest parley reports lost or discarded (a
                // machine too busy to tick on time), or the kernel dropped at the attacked socket.
                LegStatus speaker = legs.get(bridge.name() + "/" + r.from());
                long reported = speaker.lost()
                        + speaker.discarded()
                        + (r.from().equals(call.a().name()) ? kernelDropped : 0);
                assertThat(r.framesMissing())
                        .as(way + " frames missing (" + reported + " reported)")
                        .isLessThanOrEqualTo(1 + reported);
            }
            assertThat(seen.get())
                    .containsKeys("too_short", "bad_version", "unknown_payload_type", "oversized", "unexpected_source");
        }
    }

    /**
     * Sends the random datagrams, then RTP from the same second source, to {@code leg}; returns how
     * many of each reason the leg should count.
     */
    private static Map<String, Long> attack(InetSocketAddress leg) throws Exception {
        RtpReceiveFilter filter = new RtpReceiveFilter(RtpReceiveFilter.DEFAULT_MAX_DATAGRAM_BYTES, 0, 8, 10);
        RtpPacket packet = new RtpPacket();
        Map<String, Long> expected = new TreeMap<>();
        SplittableRandom random = new SplittableRandom(20_261_125);
        try (DatagramSocket intruder = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < RANDOM_DATAGRAMS; i++) {
                byte[] d = new byte[random.nextInt(20) == 0 ? 1490 + random.nextInt(100) : random.nextInt(200)];
                random.nextBytes(d);
                if (d.length > 0 && random.nextBoolean()) {
                    d[0] = (byte) (0x80 | d[0] & 0x3F); // version 2: reach the deeper checks
                }
                DropReason reason = filter.admit(d, 0, d.length, packet);
                count(expected, reason == DropReason.NONE ? DropReason.UNEXPECTED_SOURCE : reason);
                intruder.send(new DatagramPacket(d, d.length, leg));
                if (i % 8 == 7) {
                    LockSupport.parkNanos(1_000_000); // ~8000/s: the kernel buffer never overflows
                }
            }
            RtpStreamWriter writer = new RtpStreamWriter(0, 0x1badcafe, 1, 0);
            byte[] payload = new byte[160];
            byte[] datagram = new byte[172];
            for (int i = 0; i < INTRUDER_PACKETS; i++) {
                int n = writer.write(payload, 0, payload.length, 160, datagram, 0);
                intruder.send(new DatagramPacket(datagram, n, leg));
                count(expected, DropReason.UNEXPECTED_SOURCE);
                LockSupport.parkNanos(5_000_000);
            }
        }
        return expected;
    }

    /** Datagrams the kernel dropped for the socket at {@code address} (its receive buffer was full). */
    private static long kernelDrops(InetSocketAddress address) {
        return SocketTable.read().find("udp", address.getPort()).orElseThrow().drops();
    }

    private static void count(Map<String, Long> counts, DropReason reason) {
        counts.merge(reason.label(), 1L, Long::sum);
    }

    private static Map<String, Long> nonZero(Map<String, Long> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> {
            if (v > 0) {
                out.put(k, v);
            }
        });
        return out;
    }
}
