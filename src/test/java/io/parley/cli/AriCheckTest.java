package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.ari.AsteriskStandIn;
import io.parley.config.Topology;
import io.parley.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley check} reports the ARI connection, with the settings from the environment or the file. */
class AriCheckTest {

    private static Map<String, String> env(AsteriskStandIn asterisk, String password) {
        return Map.of(
                "PARLEY_ARI_URL",
                asterisk.url(),
                "PARLEY_ARI_USERNAME",
                AsteriskStandIn.USER,
                "PARLEY_ARI_PASSWORD",
                password);
    }

    @Test
    void checkSaysWhetherAsteriskIsReachableAcceptsParleyAndHasItsApplication(@TempDir Path dir) throws Exception {
        // One cross-patched bridge on free ports: what check says of ARI does not depend on the plan.
        String plan = FreePorts.loadPlan(1, Topology.GATEWAY, dir);
        Path planFile = dir.resolve("plan.yaml");
        Files.writeString(planFile, plan);
        try (AsteriskStandIn asterisk = AsteriskStandIn.start()) {
            try (ParleyProcess notRunning = ParleyProcess.start(
                    env(asterisk, AsteriskStandIn.PASSWORD), "check", "--config", planFile.toString())) {
                assertThat(notRunning.waitFor(Duration.ofSeconds(30))).isEqualTo(1);
                assertThat(notRunning.output())
                        .contains("ARI " + asterisk.url() + " app parley")
                        .contains("ok  Asterisk 22.5.0 answers at " + asterisk.url())
                        .contains("ok  user 'parley' accepted")
                        .contains("!!  Stasis application 'parley' is not registered");
            }

            try (ParleyProcess parley = ParleyProcess.start(
                    env(asterisk, AsteriskStandIn.PASSWORD), "run", "--config", planFile.toString())) {
                parley.awaitLine(l -> l.startsWith("ready"), Duration.ofSeconds(30));
                await().atMost(Duration.ofSeconds(10)).until(asterisk::eventsConnected);

                try (ParleyProcess check = ParleyProcess.start(
                        env(asterisk, AsteriskStandIn.PASSWORD), "check", "--config", planFile.toString())) {
                    assertThat(check.waitFor(Duration.ofSeconds(30)))
                            .as(check.output())
                            .isZero();
                    assertThat(check.output())
                            .contains("ok  Asterisk 22.5.0 answers at " + asterisk.url())
                            .contains("ok  user 'parley' accepted")
                            .contains("ok  Stasis application 'parley' is registered");
                }

                try (ParleyProcess wrong = ParleyProcess.start(
                        env(asterisk, "not-the-password"), "check", "--config", planFile.toString())) {
                    assertThat(wrong.waitFor(Duration.ofSeconds(30)))
                            .as("only ARI is wrong")
                            .isEqualTo(1);
                    assertThat(wrong.output())
                            .contains("ok  Asterisk's HTTP server answers at " + asterisk.url())
                            .contains(
                                    "!!  user 'parley' refused (HTTP 401): check PARLEY_ARI_USERNAME/PARLEY_ARI_PASSWORD"
                                            + " against ari.conf")
                            .contains("!!  not checked (the step before failed)");
                    assertThat(wrong.output()).doesNotContain("not-the-password");
                }

                Path file = dir.resolve("parley.yaml");
                Files.writeString(
                        file,
                        plan + "\nari:\n  url: " + asterisk.url() + "\n  username: parley\n  password: "
                                + AsteriskStandIn.PASSWORD + "\n  app: parley\n");
                Cli fromFile = Cli.run("check", "--config", file.toString());
                assertThat(fromFile.exitCode())
                        .as(fromFile.out() + fromFile.err())
                        .isZero();
                assertThat(fromFile.out())
                        .contains("ok  user 'parley' accepted")
                        .contains("ok  Stasis application 'parley' is registered");
            }
        }
    }
}
