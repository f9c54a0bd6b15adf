package io.parley.rtp;

import java.util.Locale;

/**
 * Why a datagram that reached an RTP port was dropped before the jitter buffer. Parsing and
 * admission return one of these instead of throwing, and {@link DropCounters} counts them.
 *
 * <p>{@link #NONE} means "not dropped". Each reason has a stable snake_case {@link #label()} for
 * metrics, and {@link #describe(long, long)} builds a readable message from the two numbers the
 * check compared (only call it off the per-packet path: it allocates).
 */
public enum DropReason {
    NONE("none", "accepted", ""),
    OVERSIZED(
            "oversized",
            "datagram of %d bytes exceeds the %d-byte limit",
            "the sender sends packets larger than the receive buffer; raise the limit or check the sender's packetisation"),
    RTCP_ON_RTP_PORT(
            "rtcp_on_rtp_port",
            "RTCP packet (type %d) on the RTP port",
            "the peer multiplexes RTCP onto the RTP port; parley reads RTCP on port+1 only"),
    TOO_SHORT("too_short", "header too short: %d < %d bytes", "not an RTP packet, or truncated on the way"),
    BAD_VERSION(
            "bad_version",
            "RTP version %d, expected %d",
            "not an RTP packet (STUN, DTLS or garbage sent to the RTP port)"),
    CSRC_PAST_END(
            "csrc_past_end",
            "CSRC list past the end: %d < %d bytes",
            "the CSRC count in the first byte claims more identifiers than the datagram holds"),
    EXTENSION_PAST_END(
            "extension_past_end",
            "header extension past the end: %d < %d bytes",
            "the extension length claims more 32-bit words than the datagram holds"),
    ZERO_PADDING(
            "zero_padding",
            "padding bit set but the padding length byte is %d",
            "the last byte must count the padding including itself (at least 1)"),
    PADDING_PAST_END(
            "padding_past_end",
            "padding of %d bytes exceeds the %d bytes after the header",
            "the padding length byte is larger than the payload"),
    EMPTY_PAYLOAD(
            "empty_payload",
            "no payload: %d bytes after the header",
            "a keep-alive or a packet with only padding; there is nothing to play"),
    UNKNOWN_PAYLOAD_TYPE(
            "unknown_payload_type",
            "payload type %d is not accepted here",
            "the sender uses a codec this leg was not configured for; check the codec on both sides"),
    UNEXPECTED_SOURCE(
            "unexpected_source",
            "datagram from another address than the call's",
            "a second sender targets this port; only the call's source (the address signalling gave, or the"
                    + " source latched after probation while it is alive) is played"),
    NO_CALL(
            "no_call",
            "RTP to a leg with no call",
            "signalling (ARI) drives this leg and no call is on it: the tail of a call just ended, or a stranger"),
    PROBATION(
            "probation",
            "packets of a would-be source that never completed probation",
            "a new source is accepted only after a run of packets in sequence; these were held and then"
                    + " abandoned (another source, a broken sequence)"),
    SOURCE_NOT_ALLOWED(
            "source_not_allowed",
            "source outside the leg's pinned address or network",
            "the leg's 'remote' setting pins who may send to it; check it against the sender's address");

    private final String label;
    private final String template;
    private final String hint;

    DropReason(String label, String template, String hint) {
        this.label = label;
        this.template = template;
        this.hint = hint;
    }

    /** Stable snake_case name for metrics and dashboards. */
    public String label() {
        return label;
    }

    /** What usually causes this drop and what to look at. */
    public String hint() {
        return hint;
    }

    /**
     * A readable message with the numbers that failed, e.g. {@code "header too short: 8 < 12 bytes"}.
     * Reasons that carry fewer numbers ignore the extra arguments.
     */
    public String describe(long actual, long limit) {
        return String.format(Locale.ROOT, template, actual, limit);
    }
}
