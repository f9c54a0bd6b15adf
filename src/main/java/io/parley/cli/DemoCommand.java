package io.parley.cli;

import io.parley.audio.WavFile;
import io.parley.bridge.Role;
import io.parley.config.BridgeConfig;
import io.parley.config.Mode;
import io.parley.config.ParleyConfig;
import io.parley.config.Topology;
import io.parley.event.EngineStatus;
import io.parley.event.EventBus;
import io.parley.event.ParleyEvent;
import io.parley.event.Subscription;
import io.parley.event.UtteranceEvent;
import io.parley.sim.Conversation;
import io.parley.sim.Impairment;
import io.parley.sim.SimulatedCall;
import io.parley.sim.SimulatedCaller;
import io.parley.sim.Simulator;
import io.parley.sim.Source;
import io.parley.sim.ToneBursts;
import io.parley.speech.SpeechException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley demo}: the whole plan with simulated callers playing Asterisk's part. English and
 * French speech (synthesised here) goes in over real RTP; each utterance is printed as it is heard,
 * understood and translated, with its timings; what each caller heard is written to WAV files.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Start the bridges with simulated callers: English into 3333 and 7777, French into 4444 and"
                    + " 8888 (translated bridges), tones on 5555 and 6666 (cross-patched). Prints each utterance as it"
                    + " happens, writes what each caller heard to WAV files, and keeps the dashboards up until Ctrl-C."
        })
final class DemoCommand extends ConfiguredCommand {

    @Option(
            names = "--out",
            defaultValue = "demo-recordings",
            paramLabel = "DIR",
            description = "Where to write what each caller heard (default ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(
            names = "--lines",
            defaultValue = "3",
            paramLabel = "N",
            description = "Lines each caller says, 1 to 3 (default ${DEFAULT-VALUE}).")
    int lines;

    @Option(
            names = "--linger",
            defaultValue = "-1",
            paramLabel = "SECONDS",
            description = "Keep running this long after the conversation, for the dashboards (default: until Ctrl-C).")
    int lingerSeconds;

    @Override
    int run(ParleyConfig config) throws Exception {
        PrintWriter out = out();
        if (lines < 1 || lines > Conversation.maxTurns()) {
            err().println("--lines " + lines + " is outside 1.." + Conversation.maxTurns());
            return ExitCodes.INVALID;
        }
        out.println("parley demo: starting the bridges and the speech engines...");
        out.flush();
        // The demo's callers are simulated over RTP alone: with ARI, every leg would take RTP only from
        // the calls Asterisk sets up and drop theirs.
        config = config.withAri(Optional.empty());
        EventBus bus = new EventBus();
        try (Subscription events = bus.subscribe("demo", 10_000);
                ParleyRuntime runtime = ParleyRuntime.start(config, new Role.All(), bus);
                Simulator simulator = new Simulator(1)) {
            announce(runtime, out);
            List<SimulatedCall> calls = converse(config, simulator, events, out);
            write(calls, out);
            linger(events, out);
            calls.forEach(SimulatedCall::close);
        } catch (IOException e) {
            err().println(e.getMessage());
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    /** Prints where the dashboards are and waits for the speech engines (two minutes at most). */
    private static void announce(ParleyRuntime runtime, PrintWriter out) throws InterruptedException {
        if (runtime.monitor() != null) {
            runtime.monitor().dashboards().forEach((b, uri) -> out.printf("  dashboard %-10s %s%n", b, uri));
            if (runtime.history() != null && runtime.monitor().overview() != null) {
                out.printf(
                        "  history   %-10s %s (and: parley calls list)%n",
                        "", runtime.monitor().overview().resolve("/history"));
            }
        }
        out.println("waiting for the speech engines...");
        out.flush();
        if (!runtime.bridges().awaitEngines(Duration.ofMinutes(2))) {
            out.println("the speech engines are still starting; the first utterances may pass untranslated");
        }
    }

    /** Runs every simulated call through the whole conversation, printing its utterances as they happen. */
    private List<SimulatedCall> converse(ParleyConfig config, Simulator simulator, Subscription events, PrintWriter out)
            throws IOException, InterruptedException {
        out.println("synthesising the callers' speech...");
        out.flush();
        List<SimulatedCall> calls = calls(config, simulator);
        long start = simulator.nanoTime() + 50_000_000L;
        for (int i = 0; i < calls.size(); i++) {
            calls.get(i).start(start + i * 3_000_000L, 7_000_000L);
        }
        out.printf(
                "%d calls running; the conversation lasts %d s%n",
                calls.size(), Conversation.lengthMillis(lines) / 1000);
        out.flush();
        long end = start + TimeUnit.MILLISECONDS.toNanos(Conversation.lengthMillis(lines) + 2_000);
        while (simulator.nanoTime() < end) {
            print(events.poll(200, TimeUnit.MILLISECONDS), out);
        }
        simulator.stopSending();
        simulator.awaitQuiet(Duration.ofMillis(200), Duration.ofSeconds(2));
        return calls;
    }

    /** Keeps the dashboards up after the conversation: {@code --linger} seconds, or until Ctrl-C. */
    private void linger(Subscription events, PrintWriter out) throws InterruptedException {
        if (lingerSeconds == 0) {
            return;
        }
        out.println(
                lingerSeconds < 0
                        ? "the dashboards stay up; Ctrl-C stops"
                        : "the dashboards stay up for " + lingerSeconds + " s");
        out.flush();
        long until = lingerSeconds < 0 ? Long.MAX_VALUE : System.nanoTime() + lingerSeconds * 1_000_000_000L;
        while (System.nanoTime() < until) {
            print(events.poll(500, TimeUnit.MILLISECONDS), out);
        }
    }

    private List<SimulatedCall> calls(ParleyConfig config, Simulator simulator) throws IOException {
        List<SimulatedCall> calls = new ArrayList<>();
        for (BridgeConfig bridge : config.bridges()) {
            if (bridge.topology() == Topology.AUDIOSOCKET) {
                continue;
            }
            int rate = bridge.leg(0).codec().sampleRate();
            List<Source> sources;
            if (bridge.mode() == Mode.TRANSLATE) {
                try {
                    sources = List.copyOf(Conversation.sources(
                            bridge.leg(0).language(), bridge.leg(1).language(), rate, lines));
                } catch (SpeechException e) {
                    throw new IOException(e.getMessage(), e);
                }
            } else {
                sources = List.of(ToneBursts.standard(rate, 440), ToneBursts.standard(rate, 1000));
            }
            int seconds = (int) (Conversation.lengthMillis(lines) / 1000) + 5;
            calls.add(SimulatedCall.open(simulator, config.bind(), bridge, sources, Impairment.NONE, seconds, seconds));
        }
        return calls;
    }

    private static void print(ParleyEvent event, PrintWriter out) {
        switch (event) {
            case UtteranceEvent u -> {
                String[] ends = u.direction().split("->");
                switch (u.stage()) {
                    case RECOGNISED ->
                        out.printf(
                                "[%s] %s (%s) said:   \"%s\"%n", u.bridge(), ends[0], u.fromLanguage(), u.finalText());
                    case TRANSLATED ->
                        out.printf(
                                "[%s] %s (%s) hears: \"%s\"%n", u.bridge(), ends[1], u.toLanguage(), u.translation());
                    case PLAYED -> {
                        UtteranceEvent.Times t = u.times();
                        out.printf(
                                "[%s]   timings after the end of speech: recognised %d ms, translated %d ms,"
                                        + " synthesised %d ms, first audio to the caller %d ms%n",
                                u.bridge(),
                                t.sttFinal() - t.speechEnd(),
                                t.mtDone() - t.speechEnd(),
                                t.ttsFirstAudio() - t.speechEnd(),
                                t.playoutStart() - t.speechEnd());
                    }
                    case DROPPED, FAILED ->
                        out.printf(
                                "[%s] %s: %s %s%n",
                                u.bridge(), u.direction(), u.stage().name().toLowerCase(), u.note());
                    default -> {}
                }
            }
            case EngineStatus s
            when !s.available() ->
                out.printf(
                        "[%s] %s %s: %s%n",
                        s.bridge(),
                        s.stage(),
                        s.language(),
                        s.reason()
                                + (s.stage().equals("stt")
                                        ? " (until then this caller's voice passes untranslated)"
                                        : ""));
            case null, default -> {}
        }
        out.flush();
    }

    private void write(List<SimulatedCall> calls, PrintWriter out) throws IOException {
        Files.createDirectories(outDir);
        for (SimulatedCall call : calls) {
            for (SimulatedCaller caller : List.of(call.a(), call.b())) {
                Path file = outDir.resolve(call.bridge().name() + "-" + caller.name() + "-heard.wav");
                short[] heard = caller.heard().recording();
                WavFile.write(file, heard, 0, heard.length, caller.heard().sampleRate());
                out.printf(
                        "wrote %s (%.1f s heard by %s)%n",
                        file, heard.length / (double) caller.heard().sampleRate(), caller.name());
            }
        }
        out.flush();
    }
}
