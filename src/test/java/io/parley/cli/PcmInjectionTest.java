package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.config.BridgeConfig;
import io.parley.config.LegPorts;
import io.parley.config.Topology;
import io.parley.pcmlink.PcmDatagram;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10's forged PCM: during a call through a real parley process, while the first caller talks
 * without a pause, a stranger sends the four 20-byte PCM datagrams, numbered far ahead of
 * the gateway's stream, to the bridge's {@code pcm.toBridge} port of that leg. Before, they were
 * played and every genuine frame behind them was dropped as late, silencing that direction until
 * the caller paused; now both directions keep passing and {@code /status} and {@code /metrics}
 * count the four by reason. The same with the link signed ({@code pcm.secret}), which the call
 * must pass through.
 */
class PcmInjectionTest {

    @ParameterizedTest(name = "signed: {0}")
    @ValueSource(booleans = {false, true})
    void forgedPcmIsDroppedCountedAndNeverHeard(boolean signed, @TempDir Path dir) throws Exception {
        String yaml =
                FreePorts.loadPlan(1, Topology.GATEWAY, dir) + (signed ? "pcm:\n  secret: ${PARLEY_PCM_SECRET}\n" : "");
        Map<String, String> env = Map.of("PARLEY_PCM_SECRET", "a shared secret of some length");

        try (CallThroughParley running = CallThroughParley.open(dir, yaml, env, ToneBursts.continuous(8000, 600))) {
            BridgeConfig bridge = running.bridge();
            SimulatedCall call = running.call();
            int toBridge = ((LegPorts.Gateway) bridge.leg(0).ports()).pcmToBridge();
            try (DatagramSocket stranger = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                byte[] forged = new byte[20];
                for (int i = 0; i < 4; i++) {
                    // A gateway's sequence starts at 0 and grows by 50 a second: 30,000 is far "ahead" of it.
                    int n = PcmDatagram.write(forged, 0, 30_000 + i, 16_000, 0, 0, new short[] {30_000, -30_000}, 0, 2);
                    stranger.send(new DatagramPacket(forged, n, new InetSocketAddress("127.0.0.1", toBridge)));
                }
            }
            running.goOnASecondAndEnd();
            StatusReader status = running.status();
            Map<String, LegStatus> legs = status.read(Duration.ofSeconds(2)).orElseThrow();
            for (DirectionReport r : running.reports()) {
                String way = r.from() + " -> " + r.to();
                assertThat(r.failure(1.0)).as(way).isEmpty();
                // Every frame heard: only the first speaker's first frame (sent before the leg knew its
                // listener) may go nowhere unreported; a forged frame played ahead of the stream would
                // have had every genuine one behind it dropped as late.
                LegStatus speaker = legs.get(bridge.name() + "/" + r.from());
                assertThat(r.framesMissing())
                        .as(way + " frames missing")
                        .isLessThanOrEqualTo(1 + speaker.lost() + speaker.discarded());
                assertThat(speaker.late()).as(way + " frames late").isZero();
            }
            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(200))
                    .alias("leg " + call.a().name() + "'s PCM drops in " + status.uri())
                    .untilAsserted(() -> {
                        LegStatus s = status.read(Duration.ofSeconds(2))
                                .orElseThrow()
                                .get(bridge.name() + "/" + call.a().name());
                        assertThat(s.malformed())
                                .containsEntry("pcm_unexpected_source", 4L)
                                .doesNotContainKeys("pcm_bad_signature", "pcm_unsigned", "pcm_replayed");
                    });
            String metrics = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.statusPort() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(metrics)
                    .containsPattern("parley_pcm_datagrams_dropped_total\\{bridge=\"" + bridge.name() + "\",leg=\""
                            + call.a().name() + "\",reason=\"unexpected_source\"} 4.0");
        }
    }
}
