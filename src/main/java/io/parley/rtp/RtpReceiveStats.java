package io.parley.rtp;

/**
 * Reception statistics of one incoming stream, as RFC 3550 appendix A.1 (source validation
 * with probation, max_seq, cycles, bad_seq; expected, received and lost) and A.8 (interarrival
 * jitter) define them. A new SSRC starts a new source (probation again); the totals of earlier
 * sources are kept, so counts stay cumulative for the leg.
 *
 * <p>Duplicates, reordered and late packets are counted by the {@link JitterBuffer}, which knows
 * what is buffered and what was already played; this class counts what the RFC counts. Note the
 * RFC's {@code lost = expected - received} counts a duplicate as received, so it can briefly
 * go below zero.
 *
 * <p>Threading: one thread (the socket loop) calls {@link #record}; any thread may call
 * {@link #snapshot}. Both take a short private lock; {@code record} does not allocate.
 */
public final class RtpReceiveStats {
    /** RFC 3550 A.1: a jump ahead of more than this many is a restart candidate. */
    static final int MAX_DROPOUT = 3000;
    /** RFC 3550 A.1: a packet this far behind is a late or duplicate one, not a restart. */
    static final int MAX_MISORDER = 100;
    /** RFC 3550 A.1: packets in sequence needed before a source is valid. */
    static final int MIN_SEQUENTIAL = 2;

    private final Object lock = new Object();
    private final int clockRate;
    private final InterarrivalJitter jitter;

    private boolean haveSource;
    private int ssrc;
    private int probation;
    private int maxSeq;
    private long cycles;
    private int baseSeq;
    private int badSeq;
    private long received;
    private long priorExpected;
    private long priorReceived;
    private long packets;
    private long sourceChanges;
    private long restarts;

    /** @param clockRate the RTP clock rate in Hz, to express jitter in milliseconds */
    public RtpReceiveStats(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("RTP clock rate " + clockRate + " Hz must be positive");
        }
        this.clockRate = clockRate;
        this.jitter = new InterarrivalJitter(clockRate, 0);
    }

    /**
     * Counts one admitted packet that arrived at {@code arrivalNanos} (monotonic clock). Returns
     * whether RFC 3550 A.1 deems it valid (false while a new source is on probation and for a
     * lone packet after a large jump).
     */
    public boolean record(RtpPacket packet, long arrivalNanos) {
        synchronized (lock) {
            packets++;
            int seq = packet.sequenceNumber();
            if (!haveSource || packet.ssrc() != ssrc) {
                if (haveSource) {
                    sourceChanges++;
                    priorExpected += expectedOfSource();
                    priorReceived += received;
                    jitter.restart();
                }
                haveSource = true;
                ssrc = packet.ssrc();
                initSequence(seq);
                maxSeq = SequenceNumber.add(seq, -1);
                probation = MIN_SEQUENTIAL;
            }
            jitter.update(arrivalNanos, packet.timestampBits());
            return updateSequence(seq);
        }
    }

    /** RFC 3550 A.1 update_seq, with the 16-bit arithmetic the C code gets from uint16_t. */
    private boolean updateSequence(int seq) {
        int udelta = (seq - maxSeq) & SequenceNumber.MASK;
        if (probation > 0) {
            if (seq == SequenceNumber.next(maxSeq)) {
                probation--;
                maxSeq = seq;
                if (probation == 0) {
                    initSequence(seq);
                    received++;
                    return true;
                }
            } else {
                probation = MIN_SEQUENTIAL - 1;
                maxSeq = seq;
            }
            return false;
        } else if (udelta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles++;
            }
            maxSeq = seq;
        } else if (udelta <= SequenceNumber.MODULUS - MAX_MISORDER) {
            if (seq == badSeq) {
                // Two sequential packets after a big jump: the sender restarted its sequence.
                priorExpected += expectedOfSource();
                priorReceived += received;
                restarts++;
                initSequence(seq);
            } else {
                badSeq = SequenceNumber.next(seq);
                return false;
            }
        }
        // else: duplicate or reordered within MAX_MISORDER; counted as received, as the RFC does.
        received++;
        return true;
    }

    private void initSequence(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SequenceNumber.MODULUS + 1;
        cycles = 0;
        received = 0;
    }

    private long expectedOfSource() {
        if (probation > 0) {
            return 0;
        }
        return cycles * SequenceNumber.MODULUS + maxSeq - baseSeq + 1;
    }

    /** The current counts; allocates one record. */
    public ReceiveSnapshot snapshot() {
        synchronized (lock) {
            long expected = priorExpected + expectedOfSource();
            long got = priorReceived + received;
            return new ReceiveSnapshot(
                    ssrc,
                    haveSource && probation == 0,
                    packets,
                    got,
                    expected,
                    expected - got,
                    cycles,
                    cycles * SequenceNumber.MODULUS + maxSeq,
                    jitter.samples(),
                    jitter.millis(),
                    sourceChanges,
                    restarts);
        }
    }

    public int clockRate() {
        return clockRate;
    }
}
