package io.parley.audio;

import java.util.function.IntUnaryOperator;

/**
 * What G.711's two laws share: 8 kHz, one byte per sample, decoding by a 256-entry table.
 * Stateless and thread-safe.
 */
public abstract sealed class G711Codec implements AudioCodec permits UlawCodec, AlawCodec {
    private final String name;
    private final short[] decoded = new short[256];

    /** {@code expand} gives the 16-bit reconstruction value of a code; it fills the table. */
    G711Codec(String name, IntUnaryOperator expand) {
        this.name = name;
        for (int code = 0; code < 256; code++) {
            decoded[code] = (short) expand.applyAsInt(code);
        }
    }

    /** The code of one sample. */
    abstract byte compress(short sample);

    final short decodedValue(byte code) {
        return decoded[code & 0xFF];
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int sampleRate() {
        return 8000;
    }

    @Override
    public final int encodedSize(int samples) {
        return samples;
    }

    @Override
    public final int decodedSamples(int bytes) {
        return bytes;
    }

    @Override
    public final int decode(byte[] in, int off, int len, short[] out, int outOff) {
        short[] table = decoded;
        for (int i = 0; i < len; i++) {
            out[outOff + i] = table[in[off + i] & 0xFF];
        }
        return len;
    }

    @Override
    public final int encode(short[] in, int off, int samples, byte[] out, int outOff) {
        for (int i = 0; i < samples; i++) {
            out[outOff + i] = compress(in[off + i]);
        }
        return samples;
    }

    @Override
    public String toString() {
        return name;
    }
}
