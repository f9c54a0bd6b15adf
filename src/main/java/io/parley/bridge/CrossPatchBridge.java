package io.parley.bridge;

/**
 * The seed's {@code conf-server-phase1.js}: each caller hears the other as is. Each frame is
 * relayed to the other leg as soon as it arrives; the arriving stream is already paced by its
 * leg's clock (or its gateway's), so the relay adds no wait of its own. Two ExternalMedia legs
 * of one clock rate relay their packets' payloads without decoding them at all.
 */
public final class CrossPatchBridge implements AutoCloseable {
    private final LegSide a;
    private final LegSide b;

    public CrossPatchBridge(LegSide a, LegSide b) {
        this.a = a;
        this.b = b;
    }

    public void start() {
        if (a instanceof ExternalMediaLeg ea && b instanceof ExternalMediaLeg eb && ea.relaysTo(eb)) {
            // Both legs speak RTP at one clock rate: pass the payloads through, no transcoding.
            ea.startRelay(eb);
            eb.startRelay(ea);
            return;
        }
        a.start(relayTo(b));
        b.start(relayTo(a));
    }

    private static FrameListener relayTo(LegSide to) {
        return new FrameListener() {
            @Override
            public void onFrame(short[] frame, long originNanos) {
                to.send(frame, originNanos);
            }

            @Override
            public void onSilence() {
                to.silent();
            }
        };
    }

    /** The legs belong to whoever made them; the relay itself holds nothing. */
    @Override
    public void close() {
    }
}
