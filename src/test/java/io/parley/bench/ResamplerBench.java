package io.parley.bench;

import io.parley.audio.Resampler;
import io.parley.audio.ToneGenerator;
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

/** One 20 ms frame through a streaming resampler: the per-leg cost of rate conversion. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ResamplerBench {
    @Param({"8000:16000", "16000:8000", "22050:16000"})
    public String rates;

    private Resampler resampler;
    private short[] frame;
    private short[] out;

    @Setup
    public void setUp() {
        String[] pair = rates.split(":");
        int from = Integer.parseInt(pair[0]);
        int to = Integer.parseInt(pair[1]);
        resampler = new Resampler(from, to);
        frame = new short[from / 50];
        new ToneGenerator(from, 440, -12).fill(frame, 0, frame.length);
        out = new short[resampler.maxOutputSamples(frame.length)];
    }

    @Benchmark
    public int frame() {
        return resampler.process(frame, 0, frame.length, out, 0);
    }
}
