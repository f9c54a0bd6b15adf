package io.parley.config;

import java.util.Arrays;
import java.util.Optional;

/** Audio formats a leg can carry over RTP, named as Asterisk names them. */
public enum Codec {
    ULAW("ulaw", 0, 8000),
    ALAW("alaw", 8, 8000),
    SLIN("slin", 10, 8000),
    SLIN16("slin16", 118, 16000);

    private final String asteriskName;
    private final int payloadType;
    private final int sampleRate;

    Codec(String asteriskName, int payloadType, int sampleRate) {
        this.asteriskName = asteriskName;
        this.payloadType = payloadType;
        this.sampleRate = sampleRate;
    }

    public String asteriskName() {
        return asteriskName;
    }

    public int payloadType() {
        return payloadType;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Whether Asterisk accepts this format in RTP it receives on ExternalMedia (it drops slin16). */
    public boolean asteriskAcceptsInbound() {
        return this != SLIN16;
    }

    public static Optional<Codec> byName(String name) {
        return Arrays.stream(values()).filter(c -> c.asteriskName.equals(name)).findFirst();
    }
}
