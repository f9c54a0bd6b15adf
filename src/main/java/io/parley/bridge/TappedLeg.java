package io.parley.bridge;

import io.parley.config.LegConfig;
import io.parley.event.LegStats;
import io.parley.leg.FrameListener;
import io.parley.leg.LegSide;

/**
 * A leg whose audio both ways is also handed to a {@link LegTaps.Tap}. The bridge then joins the
 * legs through their frames, never by relaying payloads, since a relayed payload never becomes a
 * frame to record.
 */
final class TappedLeg implements LegSide {
    private final LegSide inner;
    private final LegTaps.Tap tap;

    TappedLeg(LegSide inner, LegTaps.Tap tap) {
        this.inner = inner;
        this.tap = tap;
    }

    static LegSide wrap(LegSide side, LegTaps taps, String bridge) {
        LegTaps.Tap tap = taps.of(bridge, side.config().extension());
        return tap == null ? side : new TappedLeg(side, tap);
    }

    /** The leg itself, for signalling. */
    LegSide inner() {
        return inner;
    }

    @Override
    public LegConfig config() {
        return inner.config();
    }

    @Override
    public void start(FrameListener listener) {
        FrameListener said = tap.said();
        inner.start(new FrameListener() {
            @Override
            public void onFrame(short[] frame, long originNanos) {
                said.onFrame(frame, originNanos);
                listener.onFrame(frame, originNanos);
            }

            @Override
            public void onSilence() {
                said.onSilence();
                listener.onSilence();
            }
        });
    }

    @Override
    public void send(short[] frame, long originNanos) {
        tap.heard().onFrame(frame, originNanos);
        inner.send(frame, originNanos);
    }

    @Override
    public void silent() {
        tap.heard().onSilence();
        inner.silent();
    }

    @Override
    public void sendTranslated(short[] frame) {
        inner.sendTranslated(frame);
    }

    @Override
    public boolean present() {
        return inner.present();
    }

    @Override
    public LegStats stats(String bridge) {
        return inner.stats(bridge);
    }

    @Override
    public void close() {
        inner.close();
    }
}
