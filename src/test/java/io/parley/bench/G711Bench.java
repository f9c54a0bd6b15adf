package io.parley.bench;

import io.parley.audio.AlawCodec;
import io.parley.audio.AudioCodec;
import io.parley.audio.ToneGenerator;
import io.parley.audio.UlawCodec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Encoding and decoding one 20 ms G.711 frame (160 samples). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class G711Bench {
    @Param({"ulaw", "alaw"})
    public String law;

    private AudioCodec codec;
    private final short[] samples = new short[160];
    private final byte[] encoded = new byte[160];

    @Setup
    public void setUp() {
        codec = law.equals("ulaw") ? UlawCodec.INSTANCE : AlawCodec.INSTANCE;
        new ToneGenerator(8000, 440, -12).fill(samples, 0, samples.length);
        codec.encode(samples, 0, samples.length, encoded, 0);
    }

    @Benchmark
    public int encode() {
        return codec.encode(samples, 0, samples.length, encoded, 0);
    }

    @Benchmark
    public int decode() {
        return codec.decode(encoded, 0, encoded.length, samples, 0);
    }
}
