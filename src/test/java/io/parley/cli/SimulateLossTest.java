package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.config.ConfigLoader;
import io.parley.config.Topology;
import io.parley.sim.StatusReader;
import io.parley.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley simulate}'s verdict on loss, against a parley of its own (not the default plan). */
class SimulateLossTest {

    /**
     * Issue 10: after parley was killed mid-run, simulate exited 0 with 32% loss (it passed while
     * half the frames arrived). Now parley losing more than --max-loss (1% by default) fails it.
     */
    @Test
    void whenParleyDiesMidCallTheLossFailsIt(@TempDir Path dir) throws Exception {
        String yaml = FreePorts.loadPlan(1, Topology.GATEWAY, dir);
        int dashboard = new ConfigLoader(Map.of())
                .parse(yaml, "dies")
                .bridges()
                .getFirst()
                .dashboard()
                .orElseThrow();
        Path config = dir.resolve("dies.yaml");
        Files.writeString(config, yaml);
        try (ParleyProcess doomed = ParleyProcess.start("run", "--config", config.toString())) {
            doomed.awaitLine(l -> l.startsWith("ready"), Duration.ofSeconds(90));
            CompletableFuture<Cli> run = CompletableFuture.supplyAsync(() -> Cli.run(
                    "simulate",
                    "--config",
                    config.toString(),
                    "--bridge",
                    "load-0001",
                    "--seconds",
                    "4",
                    "--out",
                    dir.toString()));
            StatusReader status = new StatusReader("127.0.0.1", dashboard, Optional.empty());
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> status.read(Duration.ofSeconds(1))
                            .map(legs -> legs.values().stream().allMatch(l -> l.packetsIn() >= 50))
                            .orElse(false)); // a second of the call went through
            doomed.process().destroyForcibly(); // SIGKILL, two seconds before the call ends

            Cli result = run.get(30, TimeUnit.SECONDS);
            assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(1);
            assertThat(result.err())
                    .containsPattern("parley lost \\d+\\.\\d% of the frames")
                    .contains("more than the 1% allowed (--max-loss)");
        }
    }
}
