package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.config.BridgeConfig;
import io.parley.config.ConfigLoader;
import io.parley.history.PostgresServer;
import io.parley.sim.Impairment;
import io.parley.sim.SimulatedCall;
import io.parley.sim.Simulator;
import io.parley.sim.ToneBursts;
import io.parley.testing.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two parley processes writing one history in a real PostgreSQL, configured with one setting whose
 * credentials come from the environment: each carries a call, and each node's dashboard and
 * {@code parley calls list} show both calls, each with the node that carried it.
 */
class SharedHistoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void twoNodesWriteOneHistoryAndEachShowsBothCalls() throws Exception {
        try (PostgresServer pg = PostgresServer.create()) {
            String url = pg.createDatabase();
            String database = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
            Map<String, String> env = Map.of(
                    "PARLEY_DB_PORT", Integer.toString(pg.port()), "PARLEY_DB_PASSWORD", PostgresServer.PASSWORD);
            List<Node> nodes = List.of(node("node-1", database), node("node-2", database));
            List<ParleyProcess> processes = new ArrayList<>();
            try (Simulator simulator = new Simulator(1)) {
                for (Node n : nodes) {
                    processes.add(
                            ParleyProcess.start(env, "run", "--config", n.file().toString()));
                }
                for (ParleyProcess p : processes) {
                    p.awaitLine(l -> l.startsWith("ready"), Duration.ofSeconds(60));
                    assertThat(p.output())
                            .contains("history: postgresql://127.0.0.1:" + pg.port() + "/" + database)
                            .doesNotContain(PostgresServer.PASSWORD);
                }
                List<SimulatedCall> calls = new ArrayList<>();
                for (Node n : nodes) {
                    SimulatedCall call = SimulatedCall.open(
                            simulator,
                            "127.0.0.1",
                            n.bridge(),
                            List.of(ToneBursts.standard(8000, 600), ToneBursts.standard(8000, 1000)),
                            Impairment.NONE,
                            10,
                            1);
                    call.start(simulator.nanoTime() + 20_000_000L, 7_000_000L);
                    calls.add(call);
                }
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> calls.stream().allMatch(c -> c.a().framesSent() >= 100));
                simulator.stopSending();

                // Without signalling each bridge ends its call some seconds after the media stopped.
                for (Node n : nodes) {
                    await().atMost(Duration.ofSeconds(40)).until(() -> ended(n).size() == 2);
                    List<JsonNode> both = ended(n);
                    assertThat(both)
                            .extracting(c -> c.path("node").asText())
                            .containsExactlyInAnyOrder("node-1", "node-2");
                    assertThat(both)
                            .extracting(c -> c.path("bridge").asText())
                            .containsExactlyInAnyOrder("shared-node-1", "shared-node-2");
                }
                calls.forEach(SimulatedCall::close);
            } finally {
                processes.forEach(ParleyProcess::close);
            }

            Cli list =
                    Cli.run("calls", "list", "--config", nodes.getFirst().file().toString(), "--format", "json");
            // In-process: the ${ENV} references of the file come from this JVM's environment, which lacks them.
            assertThat(list.err()).contains("PARLEY_DB_PORT is not set");
            try (ParleyProcess cli = ParleyProcess.start(
                    env, "calls", "list", "--config", nodes.get(1).file().toString())) {
                assertThat(cli.waitFor(Duration.ofSeconds(60))).as(cli.output()).isZero();
                assertThat(cli.output())
                        .contains("shared-node-1")
                        .contains("shared-node-2")
                        .contains("media stopped");
            }
        }
    }

    private record Node(String name, Path file, BridgeConfig bridge, int dashboard) {}

    private Node node(String name, String database) throws Exception {
        int[] udp = FreePorts.udp(4);
        int dashboard = FreePorts.tcp();
        String yaml = "bind: 127.0.0.1\n"
                + "history:\n"
                + "  node: " + name + "\n"
                + "  dataDir: " + dir.resolve(name) + "\n"
                + "  database: jdbc:postgresql://127.0.0.1:${PARLEY_DB_PORT}/" + database
                + "?user=" + PostgresServer.USER + "&password=${PARLEY_DB_PASSWORD}\n"
                + "bridges:\n"
                + "  - name: shared-" + name + "\n    mode: crosspatch\n    topology: externalmedia\n"
                + "    dashboard: " + dashboard + "\n    legs:\n"
                + "      - extension: \"" + name.hashCode() % 1000 + "1\"\n        codec: ulaw\n"
                + "        externalMedia: {media: " + udp[0] + ", translated: " + udp[1] + "}\n"
                + "      - extension: \"" + name.hashCode() % 1000 + "2\"\n        codec: ulaw\n"
                + "        externalMedia: {media: " + udp[2] + ", translated: " + udp[3] + "}\n";
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, yaml);
        BridgeConfig bridge = new ConfigLoader(Map.of("PARLEY_DB_PORT", "1", "PARLEY_DB_PASSWORD", "x"))
                .parse(yaml, file.toString())
                .bridges()
                .getFirst();
        return new Node(name, file, bridge, dashboard);
    }

    private static List<JsonNode> ended(Node n) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.dashboard() + "/calls"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return StreamSupport.stream(JSON.readTree(r.body()).path("calls").spliterator(), false)
                .filter(c -> !c.path("endedAt").isNull())
                .toList();
    }
}
