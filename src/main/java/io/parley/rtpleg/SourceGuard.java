package io.parley.rtpleg;

import io.parley.config.SourcePin;
import io.parley.rtp.DropReason;
import io.parley.rtp.SequenceNumber;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Who may send RTP to a leg's port, and so where the leg's audio goes back to.
 *
 * <ul>
 *   <li>Driven by signalling (ARI): the leg takes RTP only from the address Asterisk gave for the
 *       call's ExternalMedia channel ({@link #expect}), and sends there from that moment, whether or
 *       not a packet has come. Without a call it takes nothing.</li>
 *   <li>Without signalling: a new source is accepted only after {@link #PROBATION} packets in
 *       sequence from it (as Asterisk's strict RTP {@code probation} does; two swapped on the way
 *       still count), held meanwhile and played once it is accepted; while the accepted source is
 *       alive (it sent within the leg's presence window, 10 s) no other source can take its place.</li>
 *   <li>Either way, an optional {@link SourcePin} from the configuration must match.</li>
 * </ul>
 *
 * <p>Threading contract: {@link #admit} runs on the port's one receiving thread; {@link #expect},
 * {@link #release} and {@link #drive} on the signalling thread; {@link #remote} anywhere. No
 * allocation in {@link #admit}.
 */
public final class SourceGuard {
    /**
     * Packets in sequence a new source sends before it is accepted. Asterisk's strict RTP asks for four
     * and drops them; parley holds them and plays them once the source is accepted, and two fit the
     * jitter buffer's initial delay (40 ms of 20 ms packets): nothing is lost and no latency is added.
     * A stray datagram never takes a leg; a determined stranger is kept out by the leg's pin, or by
     * signalling (ARI), not by any run length.
     */
    public static final int PROBATION = 2;
    /**
     * A step of the sequence number up to this, either way, still counts as "in sequence": a lost
     * packet, or two swapped on the way (a cross-patch forwards what it holds at once, so a packet
     * abandoned here would be a gap the listener hears).
     */
    private static final int MAX_SEQUENCE_STEP = 3;

    /** What to do with a packet. */
    public enum Verdict {
        /** Play it. */
        ACCEPT,
        /** Its source has just completed probation: play the held packets, then this one. */
        CONFIRM,
        /** Hold it: its source is on probation. */
        HOLD,
        /** Hold it: a new source begins probation, and the packets held for the last one are abandoned. */
        HOLD_RESTART,
        /** Drop it, for {@link #dropReason()}. */
        DROP
    }

    private final Optional<SourcePin> pin;
    private final long aliveNanos;
    private volatile boolean driven;
    /** A call whose address signalling did not give: its source is learned as without signalling. */
    private volatile boolean learning;

    private volatile InetSocketAddress expected;
    private volatile InetSocketAddress latched;
    private volatile long lastNanos;
    private InetSocketAddress candidate;
    private int run;
    private int lastSequence;
    private DropReason dropReason = DropReason.NONE;

    /** @param aliveNanos how long after its last packet an accepted source still holds the leg */
    public SourceGuard(Optional<SourcePin> pin, long aliveNanos) {
        this.pin = pin;
        this.aliveNanos = aliveNanos;
    }

    /** Decides about one admitted RTP packet with sequence number {@code sequence} from {@code from}. */
    public Verdict admit(InetSocketAddress from, int sequence, long nowNanos) {
        if (pin.isPresent() && !pin.get().matches(from)) {
            return drop(DropReason.SOURCE_NOT_ALLOWED);
        }
        if (driven && !learning) {
            InetSocketAddress call = expected;
            if (call == null) {
                return drop(DropReason.NO_CALL);
            }
            if (!call.equals(from)) {
                return drop(DropReason.UNEXPECTED_SOURCE);
            }
            lastNanos = nowNanos;
            return Verdict.ACCEPT;
        }
        InetSocketAddress current = latched;
        if (current != null) {
            if (current.equals(from)) {
                lastNanos = nowNanos;
                return Verdict.ACCEPT;
            }
            if (nowNanos - lastNanos < aliveNanos) {
                return drop(DropReason.UNEXPECTED_SOURCE);
            }
        }
        return probation(from, sequence, nowNanos);
    }

    private Verdict probation(InetSocketAddress from, int sequence, long nowNanos) {
        int step = Math.abs(SequenceNumber.distance(lastSequence, sequence));
        Verdict verdict;
        if (from.equals(candidate) && step >= 1 && step <= MAX_SEQUENCE_STEP) {
            run++;
            verdict = Verdict.HOLD;
        } else {
            verdict = candidate == null ? Verdict.HOLD : Verdict.HOLD_RESTART;
            candidate = from;
            run = 1;
        }
        lastSequence = sequence;
        if (run >= PROBATION) {
            latched = candidate;
            candidate = null;
            lastNanos = nowNanos;
            return Verdict.CONFIRM;
        }
        return verdict;
    }

    private Verdict drop(DropReason reason) {
        dropReason = reason;
        return Verdict.DROP;
    }

    /** Why the last {@link Verdict#DROP} dropped. */
    public DropReason dropReason() {
        return dropReason;
    }

    /** Signalling drives this leg from now on: without a call it takes no RTP. */
    public void drive() {
        driven = true;
    }

    /** A call is on the leg: RTP comes from, and goes to, {@code media} (signalling drives the leg from now on). */
    public void expect(InetSocketAddress media) {
        expected = media;
        learning = false;
        driven = true;
    }

    /**
     * A call is on the leg but signalling did not say where its media is: its source is learned (after
     * probation) for this call only.
     */
    public void learnForCall() {
        expected = null;
        latched = null;
        learning = true;
        driven = true;
    }

    /** The call ended: a driven leg takes nothing until the next; a latching leg learns anew. */
    public void release() {
        learning = false;
        expected = null;
        latched = null;
    }

    /** Whether signalling drives the leg. */
    public boolean driven() {
        return driven;
    }

    /** Where the caller's media comes from: the call's address, or the accepted source; null while unknown. */
    public InetSocketAddress remote() {
        return driven && !learning ? expected : latched;
    }

    /**
     * Where the caller's audio goes at {@code nowNanos}: the call's address, or the accepted source
     * while it is alive; null while unknown. A source gone quiet for longer than the presence window
     * is no longer the caller: what the other leg says goes nowhere (and waits a moment) until the next
     * caller proves their address, rather than to the previous one's.
     */
    public InetSocketAddress destination(long nowNanos) {
        if (driven && !learning) {
            return expected;
        }
        InetSocketAddress source = latched;
        return source != null && nowNanos - lastNanos < aliveNanos ? source : null;
    }

    /** Whether {@code address} lies within the pin (true without one). */
    public boolean allows(InetSocketAddress address) {
        return pin.isEmpty() || pin.get().matches(address);
    }
}
