package io.parley.ari;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrameQueueTest {

    @Test
    void framesComeOutInOrderAcrossTheWrapAndAFullQueueRefusesAndCounts() {
        FrameQueue q = new FrameQueue(3, 2); // rounded up to 4 slots
        short[] out = new short[2];
        for (int round = 0; round < 10; round++) {
            for (short i = 0; i < 4; i++) {
                assertThat(q.offer(new short[] {(short) (round * 10 + i), i})).isTrue();
            }
            assertThat(q.offer(new short[] {99, 99})).isFalse();
            assertThat(q.size()).isEqualTo(4);
            for (short i = 0; i < 4; i++) {
                assertThat(q.poll(out)).isTrue();
                assertThat(out).containsExactly((short) (round * 10 + i), i);
            }
            assertThat(q.poll(out)).isFalse();
        }
        assertThat(q.refused()).isEqualTo(10);
    }

    @Test
    void offeredFramesAreCopiedNotKept() {
        FrameQueue q = new FrameQueue(2, 1);
        short[] frame = {5};
        q.offer(frame);
        frame[0] = 6;
        short[] out = new short[1];
        q.poll(out);
        assertThat(out[0]).isEqualTo((short) 5);
    }
}
