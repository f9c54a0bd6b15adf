package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parley.audio.AudioClip;
import io.parley.audio.Tone;
import io.parley.audio.ToneDetector;
import io.parley.audio.WavFile;
import io.parley.config.ConfigLoader;
import io.parley.config.Topology;
import io.parley.sim.DirectionReport;
import io.parley.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley simulate} against {@code parley run} running as a real process, on two cross-patched
 * bridges on free ports: each call has a bridge of its own, so neither waits for the other's legs to
 * let their caller go (a leg without ARI keeps its caller 10 s after their last packet).
 */
class SimulateCommandTest {
    private static final String CLEAN = "load-0001";
    private static final String LOSSY = "load-0002";

    @TempDir
    static Path dir;

    private static Path config;
    private static ParleyProcess parley;

    @BeforeAll
    static void startParley() throws Exception {
        config = dir.resolve("parley.yaml");
        Files.writeString(config, FreePorts.loadPlan(2, Topology.GATEWAY, dir));
        parley = ParleyProcess.start("run", "--config", config.toString());
        parley.awaitLine(l -> l.startsWith("ready"), Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopParley() throws Exception {
        parley.stop(Duration.ofSeconds(5));
    }

    @Test
    void aCallPassesWithEveryFrameHeardAndEachCallersFrequencyHeardByTheOther(@TempDir Path out) throws Exception {
        Cli run = Cli.run(
                "simulate",
                "--config",
                config.toString(),
                "--bridge",
                CLEAN,
                "--seconds",
                "6",
                "--out",
                out.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "100001 -> 200001",
                        "tone        600.0 Hz (expected 600.0 Hz, ok)",
                        "200001 -> 100001",
                        "tone        1000.0 Hz (expected 1000.0 Hz, ok)",
                        "audio passed both ways");
        List<long[]> frames = frames(run.out());
        for (long[] f : frames) {
            // 6 s of 20 ms frames, however late the command's thread woke to end the call.
            assertThat(f[0]).as("frames sent in 6 s").isEqualTo(300L);
            // Without ARI a leg knows where its caller is from their first packet: the first frame of the
            // caller who starts first had nowhere to go yet. Every other frame is heard.
            assertThat(f[1]).as("frames heard of " + f[0] + " sent").isBetween(f[0] - 1, f[0]);
        }
        assertThat(run.out())
                .containsPattern("latency     p50 \\d+\\.\\d ms, p99 \\d+\\.\\d ms")
                .containsPattern(
                        "added       p50 -?\\d+\\.\\d ms, p99 -?\\d+\\.\\d ms beyond the jitter-buffer target of \\d+ ms")
                .containsPattern("parley      leg 100001: lost 0, late 0, concealed 0")
                .containsPattern("parley      leg 200001: lost 0, late 0, concealed 0");
        // The recordings hold the other caller's tone, checked here independently of the command.
        assertThat(dominant(out.resolve(CLEAN + "-200001-heard.wav")).frequencyHz())
                .isCloseTo(600, within(2.0));
        assertThat(dominant(out.resolve(CLEAN + "-100001-heard.wav")).frequencyHz())
                .isCloseTo(1000, within(2.0));
    }

    @Test
    void lossReorderAndJitterStillPassAndTheLossIsReported(@TempDir Path out) throws Exception {
        Cli run = Cli.run(
                "simulate",
                "--config",
                config.toString(),
                "--bridge",
                LOSSY,
                "--seconds",
                "3",
                "--loss",
                "0.05",
                "--reorder",
                "0.05",
                "--jitter",
                "30",
                "--seed",
                "7",
                "--out",
                out.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        Matcher dropped = Pattern.compile("network     dropped (\\d+) \\(").matcher(run.out());
        Matcher lost = Pattern.compile("parley      leg \\d+: lost (\\d+),").matcher(run.out());
        for (long[] f : frames(run.out())) {
            assertThat(dropped.find() && lost.find()).as(run.out()).isTrue();
            long networkDropped = Long.parseLong(dropped.group(1));
            assertThat(networkDropped)
                    .as("frames the simulated network dropped (5% of " + f[0] + ")")
                    .isPositive();
            // Each frame the network dropped inside the stream is a gap the leg's jitter buffer reports
            // lost (and conceals); one dropped at either end of the stream leaves no gap to see.
            assertThat(Long.parseLong(lost.group(1)))
                    .as("lost, as the leg reports it:\n" + run.out())
                    .isGreaterThanOrEqualTo(networkDropped - 2);
        }
        assertThat(run.out()).contains("600.0 Hz (expected 600.0 Hz, ok)", "1000.0 Hz (expected 1000.0 Hz, ok)");
    }

    @Test
    void withNoParleyOnTheBridgesPortsItFailsWithTheReason(@TempDir Path idle) throws Exception {
        Path plan = idle.resolve("idle.yaml");
        String yaml = FreePorts.loadPlan(1, Topology.GATEWAY, idle);
        Files.writeString(plan, yaml);
        var bridge = new ConfigLoader(Map.of()).parse(yaml, "idle").bridges().getFirst();

        Cli run = Cli.run(
                "simulate",
                "--config",
                plan.toString(),
                "--bridge",
                "load-0001",
                "--seconds",
                "3",
                "--out",
                idle.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip())
                .isEqualTo("nothing came back from 127.0.0.1:"
                        + bridge.leg(0).ports().all().getFirst() + " or 127.0.0.1:"
                        + bridge.leg(1).ports().all().getFirst()
                        + ": is parley running? start it with ./parley run");
    }

    @Test
    void maxLossIsAShareOfTheFrames() {
        assertThat(SimulateCommand.ratio("1%")).isEqualTo(0.01);
        assertThat(SimulateCommand.ratio(" 2.5 % ")).isEqualTo(0.025);
        assertThat(SimulateCommand.ratio("0.3")).isEqualTo(0.3);
        Cli bad = Cli.run("simulate", "--bridge", "5555-6666", "--max-loss", "150%");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--max-loss 150% is not a share of the frames");
        // The verdict: what parley lost of what reached it; what the simulated network dropped does not count.
        DirectionReport r =
                new DirectionReport("a", "b", 1000, 100, 891, new double[0], Double.NaN, Optional.empty(), 5);
        assertThat(r.parleyLossRatio()).isEqualTo(0.01);
        assertThat(r.failure(0.01)).isEmpty();
        assertThat(r.failure(0.005))
                .hasValueSatisfying(m -> assertThat(m)
                        .isEqualTo("a -> b: parley lost 1.0% of the frames (b heard 891 of the 900 that reached it),"
                                + " more than the 0.5% allowed (--max-loss)"));
    }

    @Test
    void anUnknownBridgeIsAnInvalidCommandLine() {
        Cli run = Cli.run("simulate", "--bridge", "1234-5678");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no bridge '1234-5678'", "3333-4444, 5555-6666, 7777-8888");
    }

    /** Per direction: frames sent and heard, as the command prints them. */
    private static List<long[]> frames(String out) {
        Matcher m = Pattern.compile("frames      sent (\\d+), heard (\\d+)").matcher(out);
        List<long[]> frames = new ArrayList<>();
        while (m.find()) {
            frames.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
        }
        assertThat(frames).as("both directions reported:\n" + out).hasSize(2);
        return frames;
    }

    private static Tone dominant(Path wav) throws Exception {
        AudioClip clip = WavFile.read(wav);
        assertThat(clip.samples().length).as(wav + " holds audio").isGreaterThan(4000);
        return new ToneDetector(clip.sampleRate()).strongest(clip.samples(), 0, clip.samples().length);
    }
}
