package io.parley.audio;

/**
 * G.711 A-law, 8 kHz, one byte per sample.
 * <p>Encoding follows the ITU-T G.191 reference implementation ({@code alaw_compress}), which Sun's
 * {@code g711.c} matches: the sample's top 12 magnitude bits, negative samples by one's
 * complement, quantised on the G.711 segment table, even bits inverted. Decoding gives the G.711
 * reconstruction values scaled to 16 bits (±32256 at most, never 0).
 */
public final class AlawCodec extends G711Codec {
    public static final AlawCodec INSTANCE = new AlawCodec();

    /** Codes by the sample's top 12 bits: the only bits the code depends on (see {@link #compute}). */
    private static final byte[] ENCODED = new byte[1 << 12];

    static {
        for (int i = 0; i < ENCODED.length; i++) {
            ENCODED[i] = compute((short) ((i - 2048) << 4));
        }
    }

    private AlawCodec() {
        super("alaw", AlawCodec::expand);
    }

    /** The 16-bit sample an A-law code stands for. */
    public static short decode(byte code) {
        return INSTANCE.decodedValue(code);
    }

    /** The A-law code of a 16-bit sample. */
    public static byte encode(short sample) {
        return ENCODED[(sample >> 4) + 2048];
    }

    /** The G.191 algorithm; the code depends on {@code x >> 4} only, so the table above is exact. */
    private static byte compute(short sample) {
        int magnitude = (sample < 0 ? ~sample : sample) >> 4;
        int code = magnitude;
        if (magnitude > 15) {
            int bits = 32 - Integer.numberOfLeadingZeros(magnitude);
            code = ((bits - 4) << 4) | ((magnitude >> (bits - 5)) & 0x0F);
        }
        if (sample >= 0) {
            code |= 0x80;
        }
        return (byte) (code ^ 0x55);
    }

    private static int expand(int code) {
        int toggled = (code ^ 0x55) & 0x7F;
        int exponent = toggled >> 4;
        int mantissa = toggled & 0x0F;
        if (exponent > 0) {
            mantissa += 16;
        }
        int magnitude = (mantissa << 4) + 8;
        if (exponent > 1) {
            magnitude <<= exponent - 1;
        }
        return (code & 0x80) != 0 ? magnitude : -magnitude;
    }

    @Override
    byte compress(short sample) {
        return encode(sample);
    }
}
