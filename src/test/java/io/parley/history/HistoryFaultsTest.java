package io.parley.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.config.HistorySettings;
import io.parley.config.Secret;
import io.parley.sim.FrameCounts;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history's database failing under a live call, on the real engines: PostgreSQL stopped and
 * started again, and SQLite on a file system that fills up. The audio must flow on, the queue must
 * report its drops in /status and /metrics, and nothing written before must be lost.
 */
class HistoryFaultsTest {
    private static final int QUEUE = 16;

    @TempDir
    Path dir;

    @Test
    void aDatabaseThatGoesAwayAndComesBackStopsNoAudioAndLosesNothingWritten() throws Exception {
        try (PostgresServer pg = PostgresServer.create()) {
            HistorySettings settings = new HistorySettings(
                    true,
                    dir,
                    Optional.of(new Secret(pg.createDatabase())),
                    90,
                    "rig",
                    HistorySettings.Recordings.NONE);
            String callId;
            try (CallRig rig = new CallRig(settings, QUEUE)) {
                rig.startCall(60);
                await().atMost(Duration.ofSeconds(15))
                        .until(() ->
                                rig.history.archive().search(CallQuery.all()).size() == 1);
                CallSummary before =
                        rig.history.archive().search(CallQuery.all()).getFirst();
                callId = before.id();

                FrameCounts atOutage = rig.aToB();
                pg.stop();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> rig.history.health().dropped() > 0);
                HistoryHealth failing = rig.history.health();
                assertThat(failing.state()).isEqualTo("failing");
                assertThat(failing.queued()).isEqualTo(QUEUE);
                assertThat(failing.lastError()).isNotEmpty();
                JsonNode status = rig.status();
                assertThat(status.path("state").asText()).isEqualTo("failing");
                assertThat(status.path("dropped").asLong()).isPositive();
                assertThat(status.path("database").asText())
                        .startsWith("postgresql://127.0.0.1:" + pg.port())
                        .doesNotContain(PostgresServer.PASSWORD);
                assertThat(rig.metric("parley_history_writes_dropped_total")).isPositive();
                assertThat(rig.metric("parley_history_database_up")).isZero();

                FrameCounts atRecovery = rig.aToB();
                long sent = atRecovery.sent() - atOutage.sent();
                long heard = atRecovery.heard() - atOutage.heard();
                assertThat(sent).as("frames sent while the database was away").isGreaterThan(100);
                assertThat(heard)
                        .as("frames heard while the database was away")
                        .isGreaterThanOrEqualTo(sent * 95 / 100);

                pg.start();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> rig.history.health().state().equals("ok")
                                && rig.history.health().queued() == 0);
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> rig.history
                                        .archive()
                                        .find(callId)
                                        .orElseThrow()
                                        .legs()
                                        .getFirst()
                                        .packetsIn()
                                > atRecovery.sent() / 2);
                CallDetail after = rig.history.archive().find(callId).orElseThrow();
                assertThat(after.call().startedAt()).isEqualTo(before.startedAt());
                assertThat(after.call().node()).isEqualTo("rig");
                assertThat(rig.history.archive().search(CallQuery.all())).hasSize(1);
            }
            try (CallArchive archive = CallArchive.open(settings)) {
                CallSummary call = archive.find(callId).orElseThrow().call();
                assertThat(call.endedAt())
                        .as("ended and written when parley stopped")
                        .isNotNull();
                assertThat(call.endReason()).isEqualTo("parley stopped");
            }
        }
    }

    @Test
    void aFullDiskStopsNoAudioAndTheHistoryCarriesOnOnceThereIsSpace() throws Exception {
        Assumptions.assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "mounting a small file system to fill needs root (CI runs as root)");
        Path mount = dir.resolve("small");
        Files.createDirectories(mount);
        run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.toString());
        try {
            HistorySettings settings = new HistorySettings(
                    true,
                    mount,
                    Optional.empty(),
                    90,
                    "rig",
                    new HistorySettings.Recordings(List.of(CallRig.BRIDGE), 30));
            String callId;
            try (CallRig rig = new CallRig(settings, QUEUE)) {
                rig.startCall(60);
                await().atMost(Duration.ofSeconds(15))
                        .until(() ->
                                rig.history.archive().search(CallQuery.all()).size() == 1);
                callId =
                        rig.history.archive().search(CallQuery.all()).getFirst().id();
                await().atMost(Duration.ofSeconds(15))
                        .until(() -> rig.history
                                        .archive()
                                        .find(callId)
                                        .orElseThrow()
                                        .recordings()
                                        .size()
                                == 4);

                Path ballast = mount.resolve("ballast");
                fill(ballast);
                FrameCounts atFull = rig.aToB();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> rig.history.health().dropped() > 0);
                assertThat(rig.history.health().state()).isEqualTo("failing");
                assertThat(rig.history.health().recordingsDropped())
                        .as("recordings could not be written either")
                        .isPositive();
                assertThat(rig.status().path("dropped").asLong()).isPositive();
                FrameCounts atSpace = rig.aToB();
                long sent = atSpace.sent() - atFull.sent();
                assertThat(sent).isGreaterThan(100);
                assertThat(atSpace.heard() - atFull.heard())
                        .as("the audio went on")
                        .isGreaterThanOrEqualTo(sent * 95 / 100);

                Files.delete(ballast);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> rig.history.health().state().equals("ok")
                                && rig.history.health().queued() == 0);
                CallDetail after = rig.history.archive().find(callId).orElseThrow();
                assertThat(after.recordings()).hasSize(4);
                assertThat(after.legs())
                        .allSatisfy(l -> assertThat(l.packetsIn()).isPositive());
            }
            try (CallArchive archive = CallArchive.open(settings)) {
                assertThat(archive.find(callId).orElseThrow().call().endedAt()).isNotNull();
            }
        } finally {
            run("umount", "-l", mount.toString());
        }
    }

    /** Writes to {@code file} until the file system is full. */
    private static void fill(Path file) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            if (!e.getMessage().contains("space")) {
                throw e;
            }
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }
}
