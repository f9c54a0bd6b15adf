package io.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GainAndMixerTest {

    @ParameterizedTest
    @CsvSource({"0, 1.0", "-6.0206, 0.5", "6.0206, 2.0", "-20, 0.1", "20, 10.0", "-Infinity, 0.0"})
    void decibelsToFactor(double db, double factor) {
        assertThat(Gain.dbToLinear(db)).isCloseTo(factor, within(1e-4));
    }

    @ParameterizedTest
    @CsvSource({
        // gain dB, input, output
        "-6.0206, 1000, 500",
        "-6.0206, -1001, -500", // halves round up, as Math.round does
        "6.0206, 20000, 32767",
        "6.0206, -20000, -32768",
        "-Infinity, 12345, 0",
        "0, -32768, -32768",
    })
    void appliesInPlaceRoundingAndSaturating(double db, int in, int out) {
        short[] samples = {7, (short) in, 7};
        new Gain(db).apply(samples, 1, 1);
        assertThat(samples).containsExactly(7, out, 7);
    }

    @Test
    void unityLeavesEverySampleAlone() {
        short[] all = new short[65536];
        for (int i = 0; i < all.length; i++) {
            all[i] = (short) i;
        }
        short[] copy = all.clone();
        Gain.UNITY.apply(all, 0, all.length);
        assertThat(all).isEqualTo(copy);
    }

    @Test
    void absurdGainIsRefused() {
        assertThatThrownBy(() -> new Gain(Double.NaN)).hasMessageContaining("NaN dB");
        assertThatThrownBy(() -> new Gain(60)).hasMessageContaining("60.0 dB");
    }

    @Test
    void mixerSumsWithGainsAndSaturates() {
        short[] voice = {1000, -1000, 30000, -30000, 0};
        short[] translation = {100, 100, 30000, -30000, 5};
        short[] out = new short[5];
        Mixer.UNITY.mix(voice, 0, translation, 0, out, 0, 5);
        assertThat(out).containsExactly(1100, -900, 32767, -32768, 5);

        Mixer ducked = new Mixer(new Gain(-20), Gain.UNITY);
        ducked.mix(voice, 0, translation, 0, voice, 0, 5); // in place over the first input
        assertThat(voice).containsExactly(200, 0, 32767, -32768, 5);
        assertThat(ducked.firstGain().db()).isEqualTo(-20);
    }
}
