package io.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ConcealerTest {
    private static final int FRAME = 320;

    private static short[] constant(int value) {
        short[] f = new short[FRAME];
        Arrays.fill(f, (short) value);
        return f;
    }

    @Test
    void silenceWhenNothingGoodHasArrived() {
        Concealer c = new Concealer(FRAME);
        short[] out = constant(99);
        c.conceal(out, 0);
        assertThat(out).containsOnly((short) 0);
    }

    @Test
    void repeatsFadeSixDecibelsEachThenSilence() {
        Concealer c = new Concealer(FRAME);
        c.good(constant(16000), 0);
        short[] out = new short[FRAME + 2];
        double g = Gain.dbToLinear(-6);
        double[][] expectedEnds = {{16000, 16000 * g}, {16000 * g, 16000 * g * g}, {16000 * g * g, 0}};
        for (double[] ends : expectedEnds) {
            c.conceal(out, 1);
            assertThat((double) out[1]).isCloseTo(ends[0], Offset.offset(2.0));
            assertThat((double) out[FRAME]).isCloseTo(ends[1], Offset.offset(60.0));
            for (int i = 2; i <= FRAME; i++) {
                assertThat(out[i]).isLessThanOrEqualTo(out[i - 1]); // a smooth fade, no steps up
            }
        }
        assertThat(c.consecutiveLosses()).isEqualTo(3);
        c.conceal(out, 1);
        assertThat(Arrays.copyOfRange(out, 1, FRAME + 1)).containsOnly((short) 0);
        assertThat(out[0]).isZero();
        assertThat(out[FRAME + 1]).isZero();
    }

    @Test
    void aGoodFrameResetsTheFade() {
        Concealer c = new Concealer(FRAME);
        c.good(constant(1000), 0);
        short[] out = new short[FRAME];
        c.conceal(out, 0);
        c.conceal(out, 0);
        short[] next = constant(-2000);
        c.good(next, 0);
        assertThat(c.consecutiveLosses()).isZero();
        c.conceal(out, 0);
        assertThat(out[0]).isEqualTo((short) -2000);
    }

    @Test
    void repeatsTheLastGoodFrameNotItsOwnOutput() {
        Concealer c = new Concealer(4, 0, 5);
        c.good(new short[] {1, 2, 3, 4}, 0);
        short[] out = new short[4];
        for (int i = 0; i < 4; i++) {
            c.conceal(out, 0);
            assertThat(out).containsExactly(1, 2, 3, 4);
        }
    }
}
