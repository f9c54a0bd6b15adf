package io.parley.bench;

import io.parley.speech.EngineFaultListener;
import io.parley.speech.SpeechException;
import io.parley.speech.Translator;
import io.parley.speech.apertium.ApertiumRoute;
import io.parley.speech.apertium.ApertiumSettings;
import io.parley.speech.apertium.ApertiumTranslator;
import io.parley.speech.process.ProgramCall;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-sentence Apertium latency, sampled (p50/p95 from JMH's SampleTime), cycling through 40
 * recogniser-style sentences per direction:
 * <ul>
 *   <li>{@code persistent}: {@link ApertiumTranslator}, one chain of 20-21 processes per direction;</li>
 *   <li>{@code chained}: two persistent chains, one per mode, Java passing the Spanish between them;</li>
 *   <li>{@code per-sentence}: {@code apertium -u eng-spa | apertium -u es-fr} started for each sentence.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 4)
public class TranslationLatencyBench {

    @Param({"en-fr", "fr-en"})
    public String direction;

    @Param({"persistent", "chained", "per-sentence"})
    public String mode;

    private Translator translator;
    private List<String> sentences;
    private String from;
    private String to;
    private List<String> perSentenceCommand;
    private int next;

    @Setup(Level.Trial)
    public void start() throws SpeechException {
        from = direction.substring(0, 2);
        to = direction.substring(3);
        sentences = from.equals("en") ? Sentences.ENGLISH : Sentences.FRENCH;
        ApertiumRoute route = from.equals("en") ? ApertiumRoute.EN_FR : ApertiumRoute.FR_EN;
        List<ApertiumRoute> routes = switch (mode) {
            case "persistent" -> List.of(route);
            case "chained" ->
                List.of(
                        new ApertiumRoute(from, "es", List.of(route.modes().get(0))),
                        new ApertiumRoute("es", to, List.of(route.modes().get(1))));
            default -> List.of();
        };
        if (!routes.isEmpty()) {
            translator = ApertiumTranslator.start(
                    new ApertiumSettings(
                            ApertiumSettings.DEBIAN_MODES, routes, Duration.ofSeconds(5), Duration.ofSeconds(20)),
                    EngineFaultListener.NONE);
        }
        perSentenceCommand = List.of(
                "sh",
                "-c",
                "apertium -u " + route.modes().get(0) + " | apertium -u "
                        + route.modes().get(1));
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (translator != null) {
            translator.close();
        }
    }

    @Benchmark
    public String translate() throws SpeechException {
        String sentence = sentences.get(next++ % sentences.size());
        return switch (mode) {
            case "persistent" -> translator.translate(sentence, from, to);
            case "chained" -> translator.translate(translator.translate(sentence, from, "es"), "es", to);
            default ->
                new String(
                        ProgramCall.run(
                                "apertium",
                                perSentenceCommand,
                                sentence.getBytes(StandardCharsets.UTF_8),
                                Duration.ofSeconds(10)),
                        StandardCharsets.UTF_8);
        };
    }
}
