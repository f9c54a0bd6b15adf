package io.parley.audio;

/**
 * G.711 mu-law, 8 kHz, one byte per sample.
 * <p>Encoding follows the ITU-T G.191 reference implementation ({@code ulaw_compress}): the sample's
 * top 14 bits are taken, negative samples by one's complement, and quantised on the G.711 segment
 * table. Decoding gives the G.711 reconstruction values scaled to 16 bits (±32124 at most).
 * Other common encoders (Sun's {@code g711.c}, Asterisk) differ from this only in which code some
 * negative samples within 4 of a decision level get, never by more than one quantisation step.
 */
public final class UlawCodec extends G711Codec {
    public static final UlawCodec INSTANCE = new UlawCodec();

    /** Codes by the sample's top 14 bits: the only bits the code depends on (see {@link #compute}). */
    private static final byte[] ENCODED = new byte[1 << 14];

    static {
        for (int i = 0; i < ENCODED.length; i++) {
            ENCODED[i] = compute((short) ((i - 8192) << 2));
        }
    }

    private UlawCodec() {
        super("ulaw", UlawCodec::expand);
    }

    /** The 16-bit sample a mu-law code stands for. */
    public static short decode(byte code) {
        return INSTANCE.decodedValue(code);
    }

    /** The mu-law code of a 16-bit sample. */
    public static byte encode(short sample) {
        return ENCODED[(sample >> 2) + 8192];
    }

    /**
     * The G.191 algorithm. As {@code ~x >> 2 == ~(x >> 2)}, the code depends on {@code x >> 2} only,
     * which is what makes the table above exact.
     */
    private static byte compute(short sample) {
        // One's complement makes the negative range mirror the positive one exactly (G.191).
        int magnitude = ((sample < 0 ? ~sample : sample) >> 2) + 33;
        if (magnitude > 0x1FFF) {
            magnitude = 0x1FFF;
        }
        // Segment 1..8: the position of the magnitude's leading one above bit 5.
        int segment = 27 - Integer.numberOfLeadingZeros(magnitude);
        int code = ((8 - segment) << 4) | (0x0F - ((magnitude >> segment) & 0x0F));
        return (byte) (sample >= 0 ? code | 0x80 : code);
    }

    private static int expand(int code) {
        int inverted = ~code;
        int exponent = (inverted >> 4) & 0x07;
        int mantissa = inverted & 0x0F;
        int step = 4 << (exponent + 1);
        int magnitude = (0x80 << exponent) + step * mantissa + step / 2 - 4 * 33;
        return (code & 0x80) != 0 ? magnitude : -magnitude;
    }

    @Override
    byte compress(short sample) {
        return encode(sample);
    }
}
