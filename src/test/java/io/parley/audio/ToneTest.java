package io.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ToneTest {

    @ParameterizedTest(name = "{1} Hz at {0} Hz over {2} samples")
    @CsvSource({
        "8000, 200, 800", "8000, 440, 1600", "8000, 1000, 160", "8000, 3400, 8000", "8000, 2222.5, 4000",
        "16000, 200, 1600", "16000, 1004, 320", "16000, 3400, 16000", "16000, 2750.3, 3200", "16000, 3399, 800",
    })
    void findsTheFrequencyWithinFiveHertz(int rate, double hz, int samples) {
        short[] s = new short[samples];
        new ToneGenerator(rate, hz, -10).fill(s, 0, samples);
        Tone tone = new ToneDetector(rate).detect(s, 0, samples).orElseThrow();
        assertThat(tone.frequencyHz()).isCloseTo(hz, within(samples >= 1600 ? 1.0 : 5.0));
        assertThat(tone.levelDbfs()).isCloseTo(-10, within(0.5));
        assertThat(tone.purity()).isGreaterThan(0.95);
    }

    @Test
    void findsATonePassedThroughMuLawAndResamplingWithNoiseAdded() {
        Random random = new Random(3);
        short[] narrow = new short[8000];
        new ToneGenerator(8000, 1234, -12).fill(narrow, 0, narrow.length);
        for (int i = 0; i < narrow.length; i++) {
            narrow[i] = (short) (narrow[i] + random.nextGaussian() * 300);
            narrow[i] = UlawCodec.decode(UlawCodec.encode(narrow[i]));
        }
        short[] wide = new short[16001];
        int n = new Resampler(8000, 16000).process(narrow, 0, narrow.length, wide, 0);
        Tone tone = new ToneDetector(16000).detect(wide, 0, n).orElseThrow();
        assertThat(tone.frequencyHz()).isCloseTo(1234, within(1.0));
    }

    @Test
    void noiseAndSilenceAreNotTones() {
        Random random = new Random(5);
        short[] noise = new short[4000];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) (random.nextGaussian() * 3000);
        }
        ToneDetector detector = new ToneDetector(8000);
        assertThat(detector.detect(noise, 0, noise.length)).isEmpty();
        assertThat(detector.strongest(noise, 0, noise.length).purity()).isLessThan(0.1);
        assertThat(detector.detect(new short[4000], 0, 4000)).isEmpty();
        short[] quiet = new short[4000];
        new ToneGenerator(8000, 1000, -75).fill(quiet, 0, quiet.length);
        assertThat(detector.detect(quiet, 0, quiet.length)).isEmpty();
    }

    @Test
    void twoTonesGiveTheStrongerOne() {
        short[] a = new short[3200];
        short[] b = new short[3200];
        new ToneGenerator(16000, 700, -10).fill(a, 0, a.length);
        new ToneGenerator(16000, 2100, -20).fill(b, 0, b.length);
        Mixer.UNITY.mix(a, 0, b, 0, a, 0, a.length);
        Tone tone = new ToneDetector(16000).detect(a, 0, a.length).orElseThrow();
        assertThat(tone.frequencyHz()).isCloseTo(700, within(1.0));
        assertThat(tone.purity()).isCloseTo(0.91, within(0.02));
    }

    @Test
    void generatorIsContinuousAcrossFramesAndKeepsItsLevel() {
        ToneGenerator framed = new ToneGenerator(16000, 1000, -6);
        ToneGenerator whole = new ToneGenerator(16000, 1000, -6);
        short[] a = new short[16000 * 60];
        short[] b = new short[a.length];
        for (int at = 0; at < a.length; at += 320) {
            framed.fill(a, at, 320);
        }
        whole.fill(b, 0, b.length);
        double amplitude = 32767 * Gain.dbToLinear(-6);
        for (int i = 0; i < a.length; i++) {
            assertThat(Math.abs(a[i] - b[i])).isLessThanOrEqualTo(1);
            double exact = amplitude * Math.sin(2 * Math.PI * 1000 * i / 16000.0);
            if (Math.abs(a[i] - exact) > 2) {
                assertThat((double) a[i]).as("sample %d", i).isCloseTo(exact, within(2.0));
            }
        }
    }

    @Test
    void levelsOfKnownSignals() {
        short[] square = new short[320];
        for (int i = 0; i < square.length; i++) {
            square[i] = (short) (i % 2 == 0 ? 16384 : -16384);
        }
        assertThat(LevelMeter.rmsDbfs(square, 0, 320)).isCloseTo(-6.02, within(0.01));
        assertThat(LevelMeter.peakDbfs(square, 0, 320)).isCloseTo(-6.02, within(0.01));
        short[] sine = new short[1600];
        new ToneGenerator(16000, 1000, 0).fill(sine, 0, sine.length);
        assertThat(LevelMeter.rmsDbfs(sine, 0, 1600)).isCloseTo(-3.01, within(0.01));
        assertThat(LevelMeter.rmsDbfs(new short[320], 0, 320)).isEqualTo(LevelMeter.FLOOR_DBFS);
        assertThat(LevelMeter.peakDbfs(new short[320], 0, 320)).isEqualTo(LevelMeter.FLOOR_DBFS);
        assertThat(LevelMeter.rmsDbfs(square, 0, 0)).isEqualTo(LevelMeter.FLOOR_DBFS);
        assertThat(LevelMeter.peakDbfs(new short[] {Short.MIN_VALUE}, 0, 1)).isZero();
        assertThat(LevelMeter.rmsDbfs(new short[] {1, -1}, 0, 2)).isCloseTo(-90.31, within(0.01));
    }
}
