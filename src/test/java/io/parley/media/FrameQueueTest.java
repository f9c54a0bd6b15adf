package io.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FrameQueueTest {

    private static short[] frame(int n, int value) {
        short[] f = new short[n];
        Arrays.fill(f, (short) value);
        return f;
    }

    @Test
    void framesComeOutInOrderWithTheirTags() {
        FrameQueue q = new FrameQueue(4, 3);
        assertThat(q.capacity()).isEqualTo(4);
        assertThat(q.offer(frame(3, 1), 0, 10)).isTrue();
        assertThat(q.offer(frame(3, 2), 0, 20)).isTrue();
        short[] out = new short[3];
        assertThat(q.peekTag()).isEqualTo(10);
        assertThat(q.poll(out, 0)).isEqualTo(10);
        assertThat(out).containsExactly(1, 1, 1);
        assertThat(q.poll(out, 0)).isEqualTo(20);
        assertThat(out).containsExactly(2, 2, 2);
        assertThat(q.poll(out, 0)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aFullQueueRefusesAndCountsAndSkipCatchesUp() {
        FrameQueue q = new FrameQueue(3, 2); // rounds up to 4
        for (int i = 0; i < 6; i++) {
            q.offer(frame(2, i), 0, i);
        }
        assertThat(q.size()).isEqualTo(4);
        assertThat(q.overflows()).isEqualTo(2);
        assertThat(q.skip(3)).isEqualTo(3);
        assertThat(q.skipped()).isEqualTo(3);
        short[] out = new short[2];
        assertThat(q.poll(out, 0)).isEqualTo(3);
        assertThat(q.skip(5)).isZero();
    }

    @Test
    void theCapacityIsRoundedUpToAPowerOfTwo() {
        assertThat(new FrameQueue(1, 1).capacity()).isEqualTo(2);
        assertThat(new FrameQueue(2, 1).capacity()).isEqualTo(2);
        assertThat(new FrameQueue(3, 1).capacity()).isEqualTo(4);
        assertThat(new FrameQueue(16, 1).capacity()).isEqualTo(16);
        assertThat(new FrameQueue(17, 1).capacity()).isEqualTo(32);
    }

    @Test
    void framesComeOutInOrderAcrossTheWrapAndAreCopiedNotKept() {
        FrameQueue q = new FrameQueue(4, 2);
        short[] out = new short[2];
        for (int round = 0; round < 10; round++) {
            for (short i = 0; i < 4; i++) {
                short[] in = {(short) (round * 10 + i), i};
                assertThat(q.offer(in, 0, i)).isTrue();
                in[0] = -1; // the queue holds a copy
            }
            assertThat(q.offer(frame(2, 99), 0, 99)).isFalse();
            for (short i = 0; i < 4; i++) {
                assertThat(q.poll(out, 0)).isEqualTo(i);
                assertThat(out).containsExactly((short) (round * 10 + i), i);
            }
            assertThat(q.poll(out, 0)).isEqualTo(Long.MIN_VALUE);
        }
        assertThat(q.overflows()).isEqualTo(10);
    }

    @Test
    void aProducerAndAConsumerOnTwoThreadsLoseNothingAndReorderNothing() throws Exception {
        FrameQueue q = new FrameQueue(8, 320);
        int n = 50_000;
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            short[] f = new short[320];
            for (int i = 0; i < n; ) {
                f[0] = (short) i;
                f[319] = (short) i;
                if (q.offer(f, 0, i)) {
                    i++;
                } else {
                    Thread.onSpinWait();
                }
            }
        });
        short[] out = new short[320];
        int expected = 0;
        while (expected < n) {
            long tag = q.poll(out, 0);
            if (tag == Long.MIN_VALUE) {
                Thread.onSpinWait();
                continue;
            }
            assertThat(tag).isEqualTo(expected);
            assertThat(out[0]).isEqualTo((short) expected);
            assertThat(out[319]).isEqualTo((short) expected);
            expected++;
        }
        producer.get();
    }
}
