package io.parley.bench;

import io.parley.audio.AudioClip;
import io.parley.config.EngineChoice;
import io.parley.speech.Availability;
import io.parley.speech.EngineFaultListener;
import io.parley.speech.SpeechException;
import io.parley.speech.Synthesizer;
import io.parley.speech.engines.SynthesizerFactory;
import java.util.List;
import java.util.Map;
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
 * Per-sentence synthesis latency (process start, synthesis, WAV parse), sampled, cycling through
 * 40 sentences per language with capitals and punctuation as a translation gives them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 4)
public class SynthesisLatencyBench {

    /** engine:language[:voice] */
    @Param({"espeak-ng:fr", "espeak-ng:en", "flite:en:slt", "flite:en:kal16"})
    public String engine;

    private Synthesizer synthesizer;
    private String language;
    private List<String> sentences;
    private int next;

    @Setup(Level.Trial)
    public void start() {
        String[] parts = engine.split(":");
        language = parts[1];
        Map<String, String> options = parts.length > 2 ? Map.of("voice", parts[2]) : Map.of();
        synthesizer = switch (SynthesizerFactory.create(
                new EngineChoice(parts[0], options), language, EngineFaultListener.NONE)) {
            case Availability.Available<Synthesizer>(Synthesizer s) -> s;
            case Availability.Unavailable<Synthesizer>(String reason) -> throw new IllegalStateException(reason);
        };
        sentences = (language.equals("fr") ? Sentences.FRENCH : Sentences.ENGLISH)
                .stream()
                        .map(s -> Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".")
                        .toList();
    }

    @TearDown(Level.Trial)
    public void stop() {
        synthesizer.close();
    }

    @Benchmark
    public AudioClip synthesize() throws SpeechException {
        return synthesizer.synthesize(sentences.get(next++ % sentences.size()), language);
    }
}
