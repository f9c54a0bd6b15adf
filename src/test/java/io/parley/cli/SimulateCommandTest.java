package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parley.audio.AudioClip;
import io.parley.audio.Tone;
import io.parley.audio.ToneDetector;
import io.parley.audio.WavFile;
import io.parley.config.Topology;
import io.parley.sim.LoadPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley simulate} against {@code parley run} running as a real process with the default plan. */
class SimulateCommandTest {
    private static ParleyProcess parley;

    @BeforeAll
    static void startParley() throws Exception {
        parley = ParleyProcess.start("run");
        parley.awaitLine(l -> l.startsWith("ready"), Duration.ofSeconds(90)); // the default plan starts speech engines
    }

    @AfterAll
    static void stopParley() throws Exception {
        parley.stop(Duration.ofSeconds(5));
    }

    /**
     * The 5555-6666 legs have no caller: a leg without ARI keeps its caller (and takes RTP from no
     * other source) until 10 s after their last packet, and each simulated call comes from new ports.
     */
    private static void awaitLegsFree() {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest status = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:3020/status")).build();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .alias("5555-6666 idle (its last caller gone for 10 s)").until(() -> {
                    var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                            http.send(status, java.net.http.HttpResponse.BodyHandlers.ofString()).body());
                    for (var bridge : doc.path("bridges")) {
                        if (bridge.path("name").asText().equals("5555-6666")) {
                            return bridge.path("state").asText().equals("idle");
                        }
                    }
                    return false;
                });
    }

    @Test
    void aCallOn5555And6666PassesWithEachCallersFrequencyHeardByTheOther(@TempDir Path out) throws Exception {
        awaitLegsFree();
        Cli run = Cli.run("simulate", "--bridge", "5555-6666", "--seconds", "3", "--out", out.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("5555 -> 6666", "tone        600.0 Hz (expected 600.0 Hz, ok)",
                "6666 -> 5555", "tone        1000.0 Hz (expected 1000.0 Hz, ok)", "audio passed both ways");
        Matcher frames = Pattern.compile("frames      sent (\\d+), heard (\\d+)").matcher(run.out());
        for (int direction = 0; direction < 2; direction++) {
            assertThat(frames.find()).isTrue();
            // 3 s is about 150 frames; parley starts its speech engines in the background just then
            assertThat(Integer.parseInt(frames.group(1))).isBetween(100, 200);
            assertThat(Integer.parseInt(frames.group(2))).isGreaterThan(Integer.parseInt(frames.group(1)) / 2);
        }
        assertThat(run.out()).containsPattern("latency     p50 \\d+\\.\\d ms, p99 \\d+\\.\\d ms")
                .containsPattern("added       p50 -?\\d+\\.\\d ms, p99 -?\\d+\\.\\d ms beyond the jitter-buffer target of \\d+ ms");
        // The recordings hold the other caller's tone, checked here independently of the command.
        assertThat(dominant(out.resolve("5555-6666-6666-heard.wav")).frequencyHz()).isCloseTo(600, within(2.0));
        assertThat(dominant(out.resolve("5555-6666-5555-heard.wav")).frequencyHz()).isCloseTo(1000, within(2.0));
    }

    @Test
    void lossReorderAndJitterStillPassAndTheLossIsReported(@TempDir Path out) throws Exception {
        awaitLegsFree();
        Cli run = Cli.run("simulate", "--bridge", "5555-6666", "--seconds", "3", "--loss", "0.05", "--reorder", "0.05",
                "--jitter", "30", "--seed", "7", "--out", out.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        Matcher dropped = Pattern.compile("network     dropped (\\d+) \\(").matcher(run.out());
        int total = 0;
        while (dropped.find()) {
            total += Integer.parseInt(dropped.group(1));
        }
        assertThat(total).as("frames the simulated network dropped, both ways:\n" + run.out()).isBetween(5, 60);
        Matcher lost = Pattern.compile("parley      leg \\d+: lost (\\d+),").matcher(run.out());
        int parleyLost = 0;
        while (lost.find()) {
            parleyLost += Integer.parseInt(lost.group(1));
        }
        assertThat(parleyLost).as("parley's jitter buffers saw the loss:\n" + run.out()).isGreaterThanOrEqualTo(total / 2);
        assertThat(run.out()).contains("600.0 Hz (expected 600.0 Hz, ok)", "1000.0 Hz (expected 1000.0 Hz, ok)");
    }

    @Test
    void withNoParleyOnTheBridgesPortsItFailsWithTheReason(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("idle.yaml");
        Files.writeString(config, new LoadPlan(1, Topology.GATEWAY, 24_700).yaml());

        Cli run = Cli.run("simulate", "--config", config.toString(), "--bridge", "load-0001", "--seconds", "3",
                "--out", dir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("nothing came back from 127.0.0.1:24701 or 127.0.0.1:24705:"
                + " is parley running? start it with ./parley run");
    }

    @Test
    void anUnknownBridgeIsAnInvalidCommandLine() {
        Cli run = Cli.run("simulate", "--bridge", "1234-5678");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no bridge '1234-5678'", "3333-4444, 5555-6666, 7777-8888");
    }

    private static Tone dominant(Path wav) throws Exception {
        AudioClip clip = WavFile.read(wav);
        assertThat(clip.samples().length).as(wav + " holds audio").isGreaterThan(4000);
        return new ToneDetector(clip.sampleRate()).strongest(clip.samples(), 0, clip.samples().length);
    }
}
