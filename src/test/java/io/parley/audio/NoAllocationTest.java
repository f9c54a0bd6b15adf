package io.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The per-frame methods allocate nothing: measured with the thread's allocation counter around
 * many calls, after a warm-up so that JIT compilation has settled.
 */
class NoAllocationTest {
    private static final int CALLS = 10_000;
    /**
     * Allowed per call: an allocating call costs at least 16 bytes (an object header); below 1 byte
     * per call leaves room only for the JVM's own stray allocations during the run (a few KB, once).
     */
    private static final double BYTES_PER_CALL = 1;

    private static long allocatedBytes() {
        return ((ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static double bytesPerCall(Runnable frame) {
        for (int i = 0; i < CALLS; i++) {
            frame.run();
        }
        long before = allocatedBytes();
        for (int i = 0; i < CALLS; i++) {
            frame.run();
        }
        return (double) (allocatedBytes() - before) / CALLS;
    }

    @Test
    void theCounterSeesAllocation() {
        Object[] sink = new Object[1];
        assertThat(bytesPerCall(() -> sink[0] = new short[320])).isGreaterThanOrEqualTo(640);
    }

    @Test
    void codecsDoNotAllocate() {
        short[] samples = new short[320];
        new ToneGenerator(8000, 440, -6).fill(samples, 0, 320);
        byte[] bytes = new byte[640];
        for (AudioCodec codec : new AudioCodec[] {
            UlawCodec.INSTANCE, AlawCodec.INSTANCE, LinearCodec.SLIN, LinearCodec.LITTLE_ENDIAN_16K
        }) {
            assertThat(bytesPerCall(() -> {
                        codec.encode(samples, 0, 160, bytes, 0);
                        codec.decode(bytes, 0, codec.encodedSize(160), samples, 0);
                    }))
                    .as("%s", codec)
                    .isLessThan(BYTES_PER_CALL);
        }
    }

    @Test
    void resamplersDoNotAllocate() {
        int[][] pairs = {{8000, 16000}, {16000, 8000}, {22050, 16000}, {16000, 48000}};
        for (int[] pair : pairs) {
            Resampler r = new Resampler(pair[0], pair[1]);
            short[] in = new short[pair[0] / 50];
            new ToneGenerator(pair[0], 440, -6).fill(in, 0, in.length);
            short[] out = new short[r.maxOutputSamples(in.length)];
            assertThat(bytesPerCall(() -> r.process(in, 0, in.length, out, 0)))
                    .as("%s", r)
                    .isLessThan(BYTES_PER_CALL);
        }
    }

    @Test
    void frameProcessingDoesNotAllocate() {
        short[] frame = new short[320];
        short[] other = new short[320];
        ToneGenerator tone = new ToneGenerator(16000, 440, -20);
        Endpointer endpointer = new Endpointer(16000, 320);
        Concealer concealer = new Concealer(320);
        Gain gain = new Gain(-12);
        Mixer mixer = new Mixer(gain, Gain.UNITY);
        SampleFifo fifo = new SampleFifo(1000);
        int[] n = {0};
        assertThat(bytesPerCall(() -> {
                    tone.fill(frame, 0, 320);
                    endpointer.offer(frame, 0);
                    if (n[0]++ % 7 == 0) {
                        concealer.conceal(other, 0);
                    } else {
                        concealer.good(frame, 0);
                    }
                    gain.apply(other, 0, 320);
                    mixer.mix(frame, 0, other, 0, frame, 0, 320);
                    fifo.write(frame, 0, 300);
                    fifo.read(other, 0, 300);
                    LevelMeter.rmsDbfs(frame, 0, 320);
                    LevelMeter.peakDbfs(frame, 0, 320);
                }))
                .isLessThan(BYTES_PER_CALL);
    }
}
