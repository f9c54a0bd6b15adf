package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.config.ConfigLoader;
import io.parley.config.LegPorts;
import io.parley.config.ParleyConfig;
import io.parley.config.PlannedPort;
import io.parley.config.PortPlan;
import io.parley.host.SocketTable;
import io.parley.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} as a real process, seen from outside by {@code check}, as the seed's ss/curl commands did. */
class RunAndCheckTest {

    /**
     * A test of the default port plan itself: it binds the built-in plan's ports (3020, 4000-4023,
     * 6100-6123, 6211, 7000-7003, 8081), so it fails while another parley holds them.
     */
    @Test
    void runHoldsEveryPlannedPortAndReleasesThemOnSigterm() throws Exception {
        int planned =
                PortPlan.of(new ConfigLoader(Map.of()).loadDefault()).bound().size();
        Cli before = Cli.run("check");
        assertThat(before.exitCode()).as("nothing runs yet:\n" + before.out()).isEqualTo(1);

        try (ParleyProcess parley = ParleyProcess.start("run")) {
            parley.awaitLine(l -> l.startsWith("ready"), Duration.ofSeconds(30));
            Cli during = Cli.run("check");
            assertThat(during.exitCode()).as(during.out()).isZero();
            assertThat(during.out()).contains("all " + planned + " planned ports held by parley");
            assertThat(during.out())
                    .contains("3020", "HTTP 200")
                    .contains("8081")
                    .contains("held by parley java (pid " + parley.process().pid() + ")");

            long stopAsked = System.nanoTime();
            parley.stop(Duration.ofSeconds(5));
            assertThat(Duration.ofNanos(System.nanoTime() - stopAsked)).isLessThan(Duration.ofSeconds(2));
        }
        Cli after = Cli.run("check");
        assertThat(after.exitCode()).isEqualTo(1);
        assertThat(after.out()).contains(planned + " of " + planned + " planned ports not as planned");
    }

    @Test
    void aForeignProcessOnAPlannedPortStopsStartUpWithItsNameAndNothingStaysBound(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("parley.yaml");
        Files.writeString(file, FreePorts.yaml(ConfigLoader.defaultText(), dir));
        ParleyConfig config = new ConfigLoader(Map.of()).load(file);
        int taken = ((LegPorts.Gateway) config.bridges().getFirst().leg(0).ports()).pcmToBridge();
        Process foreign = new ProcessBuilder(
                        "gst-launch-1.0", "-q", "udpsrc", "address=127.0.0.1", "port=" + taken, "!", "fakesink")
                .redirectErrorStream(true)
                .start();
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> SocketTable.read().holderOf("udp", taken).isPresent());
            Cli check = Cli.run("check", "--config", file.toString());
            assertThat(check.exitCode()).as(check.out()).isEqualTo(2);
            assertThat(check.out())
                    .contains(Integer.toString(taken))
                    .contains("HELD BY FOREIGN PROCESS gst-launch-1.0 (pid " + foreign.pid() + ")");

            try (ParleyProcess parley = ParleyProcess.start("run", "--config", file.toString())) {
                assertThat(parley.waitFor(Duration.ofSeconds(30))).isEqualTo(1);
                assertThat(parley.output())
                        .contains("cannot start: UDP " + taken + " (bridges[0] (3333-4444) translation"
                                + " bridge PCM in from 3333) is in use by gst-launch-1.0 (pid " + foreign.pid() + ")")
                        .contains("change bridges[0].legs[0].pcm.toBridge");
            }
            // all or nothing: the ports bound before the taken one were released
            SocketTable sockets = SocketTable.read();
            for (PlannedPort p : PortPlan.of(config).bound()) {
                if (p.port() != taken) {
                    assertThat(sockets.holderOf(p.protocol().name().toLowerCase(), p.port()))
                            .as(p.describe())
                            .isEmpty();
                }
            }
        } finally {
            foreign.destroy();
            foreign.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void invalidConfigurationIsRefusedBeforeAnythingBinds(@TempDir Path dir) throws Exception {
        String yaml = FreePorts.yaml(ConfigLoader.defaultText(), dir);
        ParleyConfig config = new ConfigLoader(Map.of()).parse(yaml, "free.yaml");
        LegPorts.Gateway first =
                (LegPorts.Gateway) config.bridges().get(0).leg(0).ports();
        LegPorts.Gateway clash =
                (LegPorts.Gateway) config.bridges().get(1).leg(0).ports();
        Path file = dir.resolve("clash.yaml");
        Files.writeString(file, yaml.replace("rtp: {in: " + clash.rtpIn() + ",", "rtp: {in: " + first.rtpIn() + ","));
        try (ParleyProcess parley = ParleyProcess.start("run", "--config", file.toString())) {
            assertThat(parley.waitFor(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(parley.output())
                    .contains(file + ":")
                    .contains("bridges[1].legs[0].rtp.in: UDP " + first.rtpIn() + " is already planned");
        }
        assertThat(SocketTable.read().holderOf("udp", clash.rtpOut())).isEmpty();
    }
}
