package io.parley.bench;

import io.parley.audio.Endpointer;
import io.parley.audio.ToneGenerator;
import io.parley.audio.VoiceActivityDetector;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Voice activity and endpointing of one 20 ms frame at 16 kHz (tone bursts in noise). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VoiceActivityBench {
    private static final int FRAMES = 250;

    private final short[] signal = new short[FRAMES * 320];
    private VoiceActivityDetector vad;
    private Endpointer endpointer;
    private int frame;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        for (int i = 0; i < signal.length; i++) {
            signal[i] = (short) (random.nextGaussian() * 100);
        }
        short[] burst = new short[16000];
        new ToneGenerator(16000, 300, -20).fill(burst, 0, burst.length);
        System.arraycopy(burst, 0, signal, 16000, burst.length); // 1 s of "speech" in 5 s
        vad = new VoiceActivityDetector(16000);
        endpointer = new Endpointer(16000, 320);
    }

    private int next() {
        frame = (frame + 1) % FRAMES;
        return frame * 320;
    }

    @Benchmark
    public boolean detector() {
        return vad.isSpeech(signal, next(), 320);
    }

    @Benchmark
    public Endpointer.Event endpointer() {
        return endpointer.offer(signal, next());
    }
}
