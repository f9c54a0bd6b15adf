package io.parley.ari;

/**
 * The message types of Asterisk's AudioSocket protocol: {@code [kind:1][length:2, big-endian][payload]}.
 *
 * <p>Values from Asterisk's {@code include/asterisk/res_audiosocket.h} and the protocol page of the
 * Asterisk documentation; 0x11-0x18 (slin at 12-192 kHz) were added by asterisk/asterisk pull
 * request 1492 (2025). Older Asterisk sends 0x10 for every signed-linear format, so the rate of
 * an audio frame is the session's, not the kind's. Audio payloads are little-endian 16-bit mono.
 */
public enum AudioSocketKind {
    HANGUP(0x00, 0),
    UUID(0x01, 0),
    DTMF(0x03, 0),
    SLIN(0x10, 8000),
    SLIN12(0x11, 12000),
    SLIN16(0x12, 16000),
    SLIN24(0x13, 24000),
    SLIN32(0x14, 32000),
    SLIN44(0x15, 44100),
    SLIN48(0x16, 48000),
    SLIN96(0x17, 96000),
    SLIN192(0x18, 192000),
    ERROR(0xff, 0);

    private static final AudioSocketKind[] BY_CODE = new AudioSocketKind[256];

    static {
        for (AudioSocketKind k : values()) {
            BY_CODE[k.code] = k;
        }
    }

    private final int code;
    private final int sampleRate;

    AudioSocketKind(int code, int sampleRate) {
        this.code = code;
        this.sampleRate = sampleRate;
    }

    public int code() {
        return code;
    }

    /** Sample rate of an audio kind; 0 for the others. */
    public int sampleRate() {
        return sampleRate;
    }

    public boolean audio() {
        return sampleRate > 0;
    }

    /** The kind with this code, or null when the protocol has none. */
    public static AudioSocketKind of(int code) {
        return BY_CODE[code & 0xff];
    }

    /** The audio kind to send at {@code sampleRate}. */
    public static AudioSocketKind audioAt(int sampleRate) {
        for (AudioSocketKind k : values()) {
            if (k.sampleRate == sampleRate) {
                return k;
            }
        }
        throw new IllegalArgumentException("AudioSocket has no signed-linear kind at " + sampleRate + " Hz");
    }
}
