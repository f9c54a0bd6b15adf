package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.config.ConfigLoader;
import io.parley.config.PortPlan;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@code run} as a real process, seen from outside by {@code check}, as the seed's ss/curl commands did. */
class RunAndCheckTest {

    @Test
    void runHoldsEveryPlannedPortAndReleasesThemOnSigterm() throws Exception {
        int planned = PortPlan.of(new ConfigLoader(java.util.Map.of()).loadDefault()).bound().size();
        Cli before = Cli.run("check");
        assertThat(before.exitCode()).as("nothing runs yet:\n" + before.out()).isEqualTo(1);

        try (ParleyProcess parley = ParleyProcess.start("run")) {
            parley.awaitLine(l -> l.startsWith("ready"), Duration.ofSeconds(30));
            Cli during = Cli.run("check");
            assertThat(during.exitCode()).as(during.out()).isZero();
            assertThat(during.out()).contains("all " + planned + " planned ports held by parley");
            assertThat(during.out()).contains("3020", "HTTP 200").contains("8081").contains("held by parley java (pid "
                    + parley.process().pid() + ")");

            long stopAsked = System.nanoTime();
            parley.stop(Duration.ofSeconds(5));
            assertThat(Duration.ofNanos(System.nanoTime() - stopAsked)).isLessThan(Duration.ofSeconds(2));
        }
        Cli after = Cli.run("check");
        assertThat(after.exitCode()).isEqualTo(1);
        assertThat(after.out()).contains(planned + " of " + planned + " planned ports not as planned");
    }

    @Test
    void aForeignProcessOn6120StopsStartUpWithItsNameAndNothingStaysBound() throws Exception {
        Process foreign = new ProcessBuilder("gst-launch-1.0", "-q", "udpsrc", "address=127.0.0.1", "port=6120",
                "!", "fakesink").redirectErrorStream(true).start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> io.parley.host.SocketTable.read().holderOf("udp", 6120).isPresent());
            Cli check = Cli.run("check");
            assertThat(check.exitCode()).as(check.out()).isEqualTo(2);
            assertThat(check.out()).contains("6120").contains("HELD BY FOREIGN PROCESS gst-launch-1.0 (pid " + foreign.pid() + ")");

            try (ParleyProcess parley = ParleyProcess.start("run")) {
                assertThat(parley.waitFor(Duration.ofSeconds(30))).isEqualTo(1);
                assertThat(parley.output()).contains("cannot start: UDP 6120 (bridges[0] (3333-4444) translation bridge"
                        + " PCM in from 3333) is in use by gst-launch-1.0 (pid " + foreign.pid() + ")")
                        .contains("change bridges[0].legs[0].pcm.toBridge");
            }
            // all or nothing: the ports bound before 6120 were released
            var sockets = io.parley.host.SocketTable.read();
            for (int port : List.of(4020, 4021, 6121, 4022, 4023, 6123)) {
                assertThat(sockets.holderOf("udp", port)).as("udp " + port).isEmpty();
            }
        } finally {
            foreign.destroy();
            foreign.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void invalidConfigurationIsRefusedBeforeAnythingBinds() throws IOException, InterruptedException {
        var file = java.nio.file.Files.createTempFile("parley", ".yaml");
        java.nio.file.Files.writeString(file, ConfigLoader.defaultText().replace("rtp: {in: 4000, out: 4001}",
                "rtp: {in: 4020, out: 4001}"));
        try (ParleyProcess parley = ParleyProcess.start("run", "--config", file.toString())) {
            assertThat(parley.waitFor(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(parley.output()).contains(file + ":").contains("bridges[1].legs[0].rtp.in: UDP 4020 is already planned");
        } finally {
            java.nio.file.Files.delete(file);
        }
        assertThat(io.parley.host.SocketTable.read().holderOf("udp", 4021)).isEmpty();
    }
}
