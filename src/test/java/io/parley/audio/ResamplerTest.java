package io.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResamplerTest {
    private static final int[] RATES = {8000, 16000, 22050, 24000, 48000};

    static Stream<Arguments> pairs() {
        return Arrays.stream(RATES)
                .boxed()
                .flatMap(from -> Arrays.stream(RATES).filter(to -> to != from).mapToObj(to -> Arguments.of(from, to)));
    }

    private static short[] tone(int rate, double hz, double dbfs, int samples) {
        short[] s = new short[samples];
        new ToneGenerator(rate, hz, dbfs).fill(s, 0, samples);
        return s;
    }

    private static short[] resample(Resampler r, short[] in) {
        short[] out = new short[r.maxOutputSamples(in.length)];
        int n = r.process(in, 0, in.length, out, 0);
        return Arrays.copyOf(out, n);
    }

    /** The settled part of a resampled tone: the filter's start-up and the tail are cut off. */
    private static short[] settled(short[] s, int rate) {
        int skip = rate / 20;
        return Arrays.copyOfRange(s, skip, s.length - skip);
    }

    private static double rms(short[] s) {
        double sum = 0;
        for (short v : s) {
            sum += v * (double) v;
        }
        return Math.sqrt(sum / s.length);
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @MethodSource("pairs")
    void passBandIsFlatToWithinAFifthOfADecibel(int from, int to) {
        double edge = 0.85 * Math.min(from, to) / 2;
        for (double hz : new double[] {100, 440, 1000, edge * 0.5, edge}) {
            short[] in = tone(from, hz, -6, from / 2);
            short[] out = settled(resample(new Resampler(from, to), in), to);
            double inAmplitude = ToneDetector.amplitude(in, 0, in.length, from, hz);
            double outAmplitude = ToneDetector.amplitude(out, 0, out.length, to, hz);
            double gainDb = 20 * Math.log10(outAmplitude / inAmplitude);
            assertThat(gainDb).as("gain at %.0f Hz", hz).isBetween(-0.2, 0.2);
        }
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @MethodSource("pairs")
    void tonesAboveTheTargetNyquistAreSuppressedBy60Db(int from, int to) {
        if (to > from) {
            return; // upsampling: see imagesAreSuppressed
        }
        double nyquist = to / 2.0;
        // 16000 -> 8000: 5000, 6000 and 7000 Hz, which would alias to 3000, 2000 and 1000 Hz.
        for (double factor : new double[] {1.25, 1.5, 1.75}) {
            double hz = factor * nyquist;
            if (hz >= 0.95 * from / 2) {
                continue;
            }
            short[] in = tone(from, hz, -6, from / 2);
            short[] out = settled(resample(new Resampler(from, to), in), to);
            double suppressionDb = 20 * Math.log10(rms(in) / Math.max(rms(out), 1e-3));
            assertThat(suppressionDb).as("suppression of %.0f Hz", hz).isGreaterThanOrEqualTo(60);
        }
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @MethodSource("pairs")
    void imagesAreSuppressed(int from, int to) {
        if (to < from) {
            return;
        }
        // A tone in the pass band must not leave an image at from - f in the wider output band.
        for (double hz : new double[] {500, 0.85 * from / 2}) {
            short[] in = tone(from, hz, -6, from / 2);
            short[] out = settled(resample(new Resampler(from, to), in), to);
            double image = ToneDetector.amplitude(out, 0, out.length, to, from - hz);
            double wanted = ToneDetector.amplitude(out, 0, out.length, to, hz);
            assertThat(20 * Math.log10(wanted / Math.max(image, 1e-3)))
                    .as("image of %.0f Hz", hz)
                    .isGreaterThanOrEqualTo(60);
        }
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @MethodSource("pairs")
    void pieceByPieceEqualsAllAtOnceAndTheLengthNeverDrifts(int from, int to) {
        Random random = new Random(from * 31L + to);
        short[] in = new short[from * 10 + 7];
        for (int i = 0; i < in.length; i++) {
            in[i] = (short) (random.nextGaussian() * 6000);
        }
        short[] whole = resample(new Resampler(from, to), in);
        assertThat(whole.length).isEqualTo((int) Math.ceil((double) in.length * to / from));

        Resampler streaming = new Resampler(from, to);
        short[] pieces = new short[whole.length];
        int written = 0;
        int at = 0;
        while (at < in.length) {
            int len = Math.min(in.length - at, random.nextInt(1, 2500));
            short[] out = new short[streaming.maxOutputSamples(len)];
            int n = streaming.process(in, at, len, out, 0);
            System.arraycopy(out, 0, pieces, written, n);
            written += n;
            at += len;
        }
        assertThat(written).isEqualTo(whole.length);
        assertThat(pieces).isEqualTo(whole);
    }

    @Test
    void twentyMillisecondFramesGiveWholeFramesForIntegerRatios() {
        Resampler up = new Resampler(8000, 16000);
        Resampler down = new Resampler(16000, 8000);
        short[] in = tone(8000, 1000, -10, 160);
        short[] wide = new short[up.maxOutputSamples(160)];
        short[] narrow = new short[down.maxOutputSamples(320)];
        for (int frame = 0; frame < 3000; frame++) {
            assertThat(up.process(in, 0, 160, wide, 0)).isEqualTo(320);
            assertThat(down.process(wide, 0, 320, narrow, 0)).isEqualTo(160);
        }
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @MethodSource("pairs")
    void reportedDelayIsWhereAnImpulseComesOut(int from, int to) {
        Resampler r = new Resampler(from, to);
        short[] in = new short[from / 10];
        int at = from / 20;
        in[at] = 30000;
        short[] out = resample(r, in);
        int peak = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] > out[peak]) {
                peak = i;
            }
        }
        double expectedMillis = at * 1000.0 / from + r.delayMillis();
        assertThat(peak * 1000.0 / to).isCloseTo(expectedMillis, Offset.offset(1000.0 / to));
        assertThat(r.delayMillis()).isBetween(0.5, 3.0);
    }

    @Test
    void doublingTheRateComputesOnlyTheNewSamples() {
        // Cut at a quarter of the output rate, every other output is a plain (delayed) input sample.
        Resampler up = new Resampler(8000, 16000);
        Resampler down = new Resampler(16000, 8000);
        assertThat(up.multiplyAddsPerOutput()).isLessThan(down.multiplyAddsPerOutput() / 3);
        short[] in = tone(8000, 1000, -6, 800);
        short[] out = resample(up, in);
        int delay = (int) Math.round(up.delayMillis() * 16);
        for (int i = delay; i < out.length; i += 2) {
            assertThat(out[i]).isEqualTo(in[(i - delay) / 2]);
        }
    }

    @Test
    void equalRatesCopyExactlyWithNoDelay() {
        Resampler same = new Resampler(16000, 16000);
        short[] in = {1, -2, 3, Short.MAX_VALUE, Short.MIN_VALUE, 0};
        assertThat(resample(same, in)).isEqualTo(in);
        assertThat(same.delayMillis()).isZero();
    }

    @Test
    void fullScaleSquareWaveSaturatesInsteadOfWrapping() {
        short[] in = new short[8000];
        for (int i = 0; i < in.length; i++) {
            in[i] = (i / 4) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        short[] out = resample(new Resampler(8000, 16000), in);
        for (int i = 100; i < out.length - 1; i++) {
            // The filter rings past full scale; a wrapped sample would jump by nearly 65536.
            assertThat(Math.abs(out[i + 1] - out[i])).isLessThan(50000);
        }
    }

    @Test
    void resetForgetsThePast() {
        Resampler r = new Resampler(22050, 16000);
        short[] noise = tone(22050, 3000, -3, 1000);
        short[] first = resample(r, noise);
        resample(r, tone(22050, 700, -3, 777));
        r.reset();
        assertThat(resample(r, noise)).isEqualTo(first);
    }

    @Test
    void unreasonableRatesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new Resampler(0, 8000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 Hz");
        assertThatThrownBy(() -> new Resampler(8000, 44101))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("44101")
                .hasMessageContaining("simpler ratio");
    }
}
