package io.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SampleFifoTest {

    @Test
    void cutsOddPiecesIntoWholeFramesInOrderAcrossTheWrap() {
        SampleFifo fifo = new SampleFifo(1000);
        Random random = new Random(7);
        short next = 0;
        short expected = 0;
        short[] piece = new short[700];
        short[] frame = new short[320];
        int frames = 0;
        for (int round = 0; round < 2000; round++) {
            int len = random.nextInt(1, 441);
            for (int i = 0; i < len; i++) {
                piece[i] = next++;
            }
            int written = fifo.write(piece, 0, len);
            next -= (short) (len - written); // what did not fit is offered again next time
            while (fifo.available() >= 320) {
                assertThat(fifo.read(frame, 0, 320)).isEqualTo(320);
                for (short s : frame) {
                    assertThat(s).isEqualTo(expected++);
                }
                frames++;
            }
        }
        assertThat(frames).isGreaterThan(1000);
    }

    @Test
    void writesWhatFitsAndReadsWhatIsThere() {
        SampleFifo fifo = new SampleFifo(4);
        assertThat(fifo.write(new short[] {1, 2, 3, 4, 5, 6}, 1, 5)).isEqualTo(4);
        assertThat(fifo.free()).isZero();
        short[] out = new short[6];
        assertThat(fifo.read(out, 1, 6)).isEqualTo(4);
        assertThat(out).containsExactly(0, 2, 3, 4, 5, 0);
        assertThat(fifo.read(out, 0, 1)).isZero();
        fifo.write(out, 1, 3);
        fifo.clear();
        assertThat(fifo.available()).isZero();
        assertThat(fifo.capacity()).isEqualTo(4);
    }
}
