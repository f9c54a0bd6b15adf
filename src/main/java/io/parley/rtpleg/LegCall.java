package io.parley.rtpleg;

import io.parley.config.ToneZone;
import io.parley.leg.Presence;
import io.parley.leg.WaitingTone;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The caller of one RTP leg as signalling (ARI) reports them: whether they are there, where their
 * media is (the leg's {@link SourceGuard} takes RTP only from there and sends there), and whether
 * they wait for the other leg (and hear the {@link WaitingTone}). Without signalling, the guard
 * learns the source and presence follows the RTP.
 *
 * <p>Threading contract: the signalling methods run on the signalling thread; the rest anywhere.
 */
final class LegCall {
    private final SourceGuard guard;
    private final Presence presence = new Presence();
    private final WaitingTone waitingTone;

    LegCall(SourceGuard guard, ToneZone zone) {
        this.guard = guard;
        this.waitingTone = new WaitingTone(zone);
    }

    /** Signalling drives the leg from now on: without a call it has no caller and takes no RTP. */
    void drive() {
        guard.drive();
        presence.drive();
    }

    /** A caller came; their RTP comes from, and their audio goes to, {@code media} when signalling gave it. */
    void connected(Optional<InetSocketAddress> media) {
        if (media.isPresent()) {
            guard.expect(media.get());
        } else {
            guard.learnForCall();
        }
        presence.signal(true);
    }

    /** The caller left: nothing more is taken from their address. */
    void gone() {
        presence.signal(false);
        guard.release();
    }

    /** @param lastArrivalNanos when the leg's last packet arrived, 0 before any */
    boolean present(long lastArrivalNanos, long nowNanos) {
        return presence.present(lastArrivalNanos, nowNanos);
    }

    WaitingTone waitingTone() {
        return waitingTone;
    }
}
