package io.parley.rtp;

/**
 * {@link RtpReceiveStats} at one moment. Counts are cumulative over every source the stream had.
 *
 * @param ssrc                    the current source
 * @param valid                   whether the current source passed probation (RFC 3550 A.1)
 * @param packets                 packets recorded, valid or not
 * @param received                packets the RFC counts as received (duplicates included)
 * @param expected                packets expected from the sequence numbers seen
 * @param lost                    {@code expected - received}; may be briefly negative after duplicates
 * @param cycles                  sequence-number wraps of the current source
 * @param extendedHighestSequence cycles * 65536 + highest sequence number of the current source
 * @param jitter                  interarrival jitter in timestamp units (RFC 3550 A.8)
 * @param jitterMillis            the same in milliseconds
 * @param sourceChanges           times the SSRC changed
 * @param restarts                times the source restarted its sequence numbers (A.1 bad_seq)
 */
public record ReceiveSnapshot(
        int ssrc,
        boolean valid,
        long packets,
        long received,
        long expected,
        long lost,
        long cycles,
        long extendedHighestSequence,
        double jitter,
        double jitterMillis,
        long sourceChanges,
        long restarts) {

    /**
     * Fraction of packets lost between {@code earlier} and this snapshot, 0..1, as RFC 3550 A.3
     * computes it for a reception report (0 when nothing was expected or duplicates outnumber losses).
     */
    public double fractionLostSince(ReceiveSnapshot earlier) {
        long expectedInterval = expected - earlier.expected;
        long lostInterval = expectedInterval - (received - earlier.received);
        if (expectedInterval <= 0 || lostInterval <= 0) {
            return 0;
        }
        return (double) lostInterval / expectedInterval;
    }

    /** The same fraction as the 8-bit fixed-point number an RTCP report block carries. */
    public int fractionLostByteSince(ReceiveSnapshot earlier) {
        long expectedInterval = expected - earlier.expected;
        long lostInterval = expectedInterval - (received - earlier.received);
        if (expectedInterval <= 0 || lostInterval <= 0) {
            return 0;
        }
        return (int) Math.min(255, (lostInterval << 8) / expectedInterval);
    }
}
