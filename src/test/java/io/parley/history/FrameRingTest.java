package io.parley.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.leg.Frames;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The hand-off of recorded frames from a media thread: copies, never waits, drops and counts when full. */
class FrameRingTest {

    /** A frame numbered {@code n} at both ends, so that a torn or stale copy shows. */
    private static short[] frame(int n) {
        short[] f = new short[Frames.SAMPLES];
        f[0] = (short) (n >> 15);
        f[1] = (short) (n & 0x7FFF);
        f[Frames.SAMPLES - 2] = f[0];
        f[Frames.SAMPLES - 1] = f[1];
        return f;
    }

    private static int number(short[] f) {
        return (f[0] << 15) | f[1];
    }

    @Test
    void aFullRingDropsAndCountsWhatItCannotHoldAndKeepsCopies() {
        FrameRing ring = new FrameRing(4);
        short[] reused = new short[Frames.SAMPLES];
        for (int i = 1; i <= 6; i++) {
            reused[0] = (short) i;
            ring.onFrame(reused, 0);
        }
        assertThat(ring.dropped()).isEqualTo(2);
        List<Integer> markers = new ArrayList<>();
        assertThat(ring.drain((f, at) -> markers.add((int) f[0]))).isEqualTo(4);
        assertThat(markers).as("copies, not the caller's array").containsExactly(1, 2, 3, 4);
        ring.onSilence();
        List<short[]> silent = new ArrayList<>();
        ring.drain((f, at) -> silent.add(f));
        assertThat(silent).containsExactly((short[]) null);
        assertThatThrownBy(() -> new FrameRing(100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyFrameAMediaThreadHandsOverIsEitherTakenInOrderOrCounted() throws Exception {
        FrameRing ring = new FrameRing(64);
        int total = 50_000;
        AtomicBoolean done = new AtomicBoolean();
        Thread media = Thread.ofPlatform().start(() -> {
            for (int i = 1; i <= total; i++) {
                ring.onFrame(frame(i), 0);
            }
            done.set(true);
        });
        List<Integer> taken = new ArrayList<>();
        int[] last = {0};
        boolean[] inOrderAndIntact = {true};
        FrameRing.Sink sink = (f, at) -> {
            int m = number(f);
            inOrderAndIntact[0] &= f[Frames.SAMPLES - 2] == f[0] && f[Frames.SAMPLES - 1] == f[1];
            inOrderAndIntact[0] &= m > last[0];
            last[0] = m;
            taken.add(m);
        };
        while (true) {
            boolean finished = done.get();
            ring.drain(sink);
            if (finished) {
                ring.drain(sink);
                break;
            }
        }
        media.join();
        assertThat(inOrderAndIntact[0]).as("frames whole and in order").isTrue();
        assertThat(taken.size() + ring.dropped()).isEqualTo(total);
    }
}
