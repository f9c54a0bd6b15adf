package io.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CadenceToneTest {
    private static final int RATE = 16000;

    private static short[] play(String cadence, double seconds) {
        short[] out = new short[(int) (RATE * seconds)];
        CadenceTone tone = new CadenceTone(cadence, RATE, -13);
        // in 20 ms frames, as a leg asks for it
        for (int at = 0; at < out.length; at += 320) {
            tone.fill(out, at, Math.min(320, out.length - at));
        }
        return out;
    }

    private static double amplitude(short[] s, double fromSeconds, double hz) {
        return ToneDetector.amplitude(s, (int) (fromSeconds * RATE), RATE / 10, RATE, hz);
    }

    @Test
    void theFrenchRingingToneIs440HzForOneAndAHalfSecondsThenThreeAndAHalfOfSilenceOverAndOver() {
        short[] s = play("440/1500,0/3500", 11);
        double loud = 32767 * Math.pow(10, -13 / 20.0) * 0.9;
        assertThat(amplitude(s, 0.2, 440)).isGreaterThan(loud);
        assertThat(amplitude(s, 1.35, 440)).isGreaterThan(loud);
        assertThat(amplitude(s, 1.55, 440)).isLessThan(1);
        assertThat(amplitude(s, 4.8, 440)).isLessThan(1);
        assertThat(amplitude(s, 5.1, 440)).as("the cadence repeats").isGreaterThan(loud);
        assertThat(amplitude(s, 10.2, 440)).isGreaterThan(loud);
        assertThat(LevelMeter.rmsDbfs(s, 0, RATE)).as("peak -13 dBFS").isBetween(-16.5, -15.5);
    }

    @Test
    void twoFrequenciesAreSummedAndAModulatedOneCarriesItsSidebands() {
        short[] us = play("440+480/2000,0/4000", 1);
        assertThat(amplitude(us, 0.3, 440)).isGreaterThan(1500);
        assertThat(amplitude(us, 0.3, 480)).isGreaterThan(1500);
        short[] india = play("400*25/400,0/200,400*25/400,0/2000", 0.3);
        assertThat(ToneDetector.amplitude(india, 0, 4000, RATE, 400)).isGreaterThan(1000);
        assertThat(ToneDetector.amplitude(india, 0, 4000, RATE, 425))
                .as("sideband")
                .isGreaterThan(200);
    }

    @Test
    void restartBeginsTheCadenceAgainAndBadCadencesAreRefused() {
        CadenceTone tone = new CadenceTone("440/100,0/100", RATE, -13);
        short[] a = new short[1600];
        tone.fill(a, 0, a.length);
        short[] b = new short[1600];
        tone.fill(b, 0, b.length);
        assertThat(LevelMeter.rmsDbfs(b, 0, 1600))
                .as("second 100 ms: the pause")
                .isLessThan(-90);
        tone.restart();
        tone.fill(b, 0, b.length);
        assertThat(b).isEqualTo(a);
        assertThatThrownBy(() -> new CadenceTone("440-1500", RATE, -13)).hasMessageContaining("FREQ/MILLIS");
        assertThatThrownBy(() -> new CadenceTone("9000/100", RATE, -13)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> new CadenceTone("0/0", RATE, -13)).hasMessageContaining("no duration");
    }
}
