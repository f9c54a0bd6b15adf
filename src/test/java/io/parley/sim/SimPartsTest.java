package io.parley.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.audio.LevelMeter;
import io.parley.config.ConfigLoader;
import io.parley.config.LegConfig;
import io.parley.config.LegPorts;
import io.parley.config.ParleyConfig;
import io.parley.config.PortPlan;
import io.parley.config.Topology;
import io.parley.media.TimeSource;
import io.parley.media.UdpEndpoint;
import io.parley.media.UdpReactor;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The simulator's small parts: burst patterns, onset pairing, the load plan, the delay line. */
class SimPartsTest {

    @Test
    void burstsMarkTheFirstFrameOfEachBurstAndAreSilentBetween() {
        ToneBursts bursts = new ToneBursts(8000, 600, 60, 40);
        short[] frame = new short[160];
        List<String> pattern = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            boolean onset = bursts.next(frame, 160);
            boolean loud = LevelMeter.rmsDbfs(frame, 0, 160) > -20;
            pattern.add((onset ? "^" : "") + (loud ? "T" : "."));
        }
        assertThat(String.join("", pattern)).isEqualTo("^TTT..^TTT..");
        ToneBursts tone = ToneBursts.continuous(8000, 600);
        assertThat(tone.next(frame, 160)).isTrue();
        assertThat(tone.next(frame, 160)).isFalse();
        assertThatThrownBy(() -> new ToneBursts(8000, 600, 30, 20)).hasMessageContaining("multiples of 20 ms");
    }

    @ParameterizedTest(name = "heard {1} for said {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // said onsets (ms) | heard onsets (ms) | latencies (ms)
                "0 320 640       | 41 361 681       | 41 41 41",
                "0 320 640       | 41 200 361       | 41 41", // a spurious onset inside a burst does not count twice
                "0 320 640       | 361 681          | 41 41", // the first burst was not heard
                "0 320 640       | 41 700 990       | 41 60", // 990 is more than a period after 640: no match
                "0 320 -640      | 41 361 681       | 41 41", // the third burst's first packet was dropped
            })
    void heardOnsetsPairWithTheLatestBurstSaidBeforeThem(String said, String heard, String latencies) {
        OnsetLog s = log(said);
        OnsetLog h = log(heard);
        double[] got = OnsetMatch.latenciesMillis(s, h, 0, 320_000_000L);
        assertThat(got)
                .containsExactly(
                        Arrays.stream(latencies.trim().split(" +"))
                                .mapToDouble(Double::parseDouble)
                                .toArray(),
                        Offset.offset(1e-9));
    }

    /** Times in ms; a negative one is an onset whose packet was dropped. */
    private static OnsetLog log(String millis) {
        OnsetLog log = new OnsetLog(16);
        for (String m : millis.trim().split(" +")) {
            long t = Long.parseLong(m);
            log.add(Math.abs(t) * 1_000_000L, t >= 0 && !m.startsWith("-"));
        }
        return log;
    }

    @ParameterizedTest
    @CsvSource({"GATEWAY, 3, 20000, 20024", "EXTERNALMEDIA, 3, 20000, 20012", "EXTERNALMEDIA, 750, 20000, 23000"})
    void aLoadPlanIsAValidConfigurationOfCrossPatchedPairs(Topology topology, int pairs, int base, int last)
            throws Exception {
        LoadPlan plan = new LoadPlan(pairs, topology, base);
        ParleyConfig config = new ConfigLoader(Map.of()).parse(plan.yaml(), "load");

        assertThat(config.bridges()).hasSize(pairs);
        assertThat(config.bridges().getFirst().dashboard()).hasValue(base);
        assertThat(config.bridges().stream().skip(1))
                .allMatch(b -> b.dashboard().isEmpty());
        assertThat(plan.lastPort()).isEqualTo(last);
        assertThat(PortPlan.of(config).bound().stream()
                        .mapToInt(r -> r.port())
                        .max()
                        .orElseThrow())
                .isEqualTo(last);
        assertThat(config.bridges().getLast().leg(1).ports())
                .isInstanceOf(topology == Topology.GATEWAY ? LegPorts.Gateway.class : LegPorts.ExternalMedia.class);
        assertThat(plan.overlapsEphemeralPorts()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"GATEWAY", "EXTERNALMEDIA"})
    void theSharedGeneratorsPairFileNamesWhereEachLegsCallerSends(Topology topology) throws Exception {
        LoadPlan plan = new LoadPlan(3, topology, 20000);
        ParleyConfig config = new ConfigLoader(Map.of()).parse(plan.yaml(), "load");
        List<String> lines =
                plan.pairsFile().lines().filter(l -> !l.startsWith("#")).toList();

        assertThat(lines).hasSize(3);
        for (int i = 0; i < 3; i++) {
            List<String> expected = new ArrayList<>();
            for (LegConfig leg : config.bridges().get(i).legs()) {
                int port = switch (leg.ports()) {
                    case LegPorts.Gateway g -> g.rtpIn();
                    case LegPorts.ExternalMedia e -> e.media();
                    case LegPorts.AudioSocket a -> -1;
                };
                expected.add("127.0.0.1:" + port);
            }
            assertThat(lines.get(i)).isEqualTo(String.join(" ", expected));
        }
    }

    @Test
    void aLoadPlanOutsideThePortRangeIsRefusedWithTheRangeItNeeds() {
        assertThatThrownBy(() -> new LoadPlan(5000, Topology.GATEWAY, 40_000))
                .hasMessageContaining("needs ports 40000..80000")
                .hasMessageContaining("outside 1024..65535");
        assertThatThrownBy(() -> new Impairment(1.5, 0, 0, 1)).hasMessageContaining("loss 1.5 is not a probability");
    }

    @Test
    void theDelayLineSendsEachDatagramAtItsTimeSoJitterReorders() throws Exception {
        try (UdpReactor reactor = new UdpReactor("test", 1);
                DelayLine line = new DelayLine(64, TimeSource.SYSTEM);
                DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            peer.setSoTimeout(2000);
            UdpEndpoint socket = reactor.bind(new InetSocketAddress("127.0.0.1", 0), (d, f, t) -> {});
            InetSocketAddress to = (InetSocketAddress) peer.getLocalSocketAddress();
            // Every datagram is due 200 ms from now or later, so a stall of the submitting thread
            // cannot let one go before a later submit with an earlier deadline is in the line.
            long now = System.nanoTime() + 200_000_000L;
            int[] delaysMillis = {60, 20, 40, 0};
            for (int i = 0; i < delaysMillis.length; i++) {
                assertThat(line.submit(socket, to, new byte[] {(byte) i}, 1, now + delaysMillis[i] * 1_000_000L))
                        .isTrue();
            }
            List<Integer> order = new ArrayList<>();
            List<Long> at = new ArrayList<>();
            DatagramPacket p = new DatagramPacket(new byte[8], 8);
            for (int i = 0; i < delaysMillis.length; i++) {
                peer.receive(p);
                order.add((int) p.getData()[0]);
                at.add((System.nanoTime() - now) / 1_000_000);
            }
            assertThat(order).containsExactly(3, 1, 2, 0);
            assertThat(at.get(3)).as("the last one waited its 60 ms").isGreaterThanOrEqualTo(59);
            // the thread counts a datagram once its send returned, which may be after the peer has it
            Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> line.sent() == 4);
            assertThat(line.pending()).isZero();
        }
    }
}
