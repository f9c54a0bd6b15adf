package io.parley.ari;

/**
 * The {@code reason} of {@code DELETE /channels/{channelId}}. Asterisk 12+ accepts normal, busy
 * and congestion; newer releases add more names (unallocated among them) and the numeric
 * {@code reason_code}, mutually exclusive with {@code reason}.
 */
public enum HangupReason {
    NORMAL("normal"),
    BUSY("busy"),
    CONGESTION("congestion"),
    UNALLOCATED("unallocated");

    private final String wire;

    HangupReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
