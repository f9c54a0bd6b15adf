package io.parley.bridge;

import io.parley.leg.FrameListener;
import io.parley.leg.LegSide;

/**
 * A cross-patch: each caller hears the other as is, untranslated. Where one leg can
 * forward its caller's packets into the other ({@link LegSide#forwardTo}: RTP legs of one clock
 * rate), each packet goes on the moment it arrives, with no jitter buffer and no clock: the
 * listener's own jitter buffer plays it. Otherwise each frame is relayed as soon as the leg's clock
 * delivers it, which adds no wait of its own. The two directions are joined independently.
 */
public final class CrossPatchBridge implements AutoCloseable {
    private final LegSide a;
    private final LegSide b;

    public CrossPatchBridge(LegSide a, LegSide b) {
        this.a = a;
        this.b = b;
    }

    public void start() {
        join(a, b);
        join(b, a);
    }

    private static void join(LegSide from, LegSide to) {
        if (!from.forwardTo(to)) {
            from.start(new FrameListener() {
                @Override
                public void onFrame(short[] frame, long originNanos) {
                    to.send(frame, originNanos);
                }

                @Override
                public void onSilence() {
                    to.silent();
                }
            });
        }
    }

    /** The legs belong to whoever made them; the relay itself holds nothing. */
    @Override
    public void close() {}
}
