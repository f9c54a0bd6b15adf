package io.parley.audio;

import java.nio.ByteOrder;

/**
 * 16-bit signed linear samples, two bytes each, in a stated byte order.
 * <p>Asterisk's {@code slin} (8 kHz) and {@code slin16} (16 kHz) on RTP are big-endian; parley's
 * PCM datagrams and Asterisk's AudioSocket are little-endian.
 */
public final class LinearCodec implements AudioCodec {
    /** Asterisk {@code slin}: 8 kHz big-endian, RTP payload type 10. */
    public static final LinearCodec SLIN = new LinearCodec("slin", 8000, ByteOrder.BIG_ENDIAN);
    /** Asterisk {@code slin16}: 16 kHz big-endian. */
    public static final LinearCodec SLIN16 = new LinearCodec("slin16", 16000, ByteOrder.BIG_ENDIAN);
    /** 8 kHz little-endian, as AudioSocket's 0x10 frames carry it. */
    public static final LinearCodec LITTLE_ENDIAN_8K = new LinearCodec("s16le-8k", 8000, ByteOrder.LITTLE_ENDIAN);
    /** 16 kHz little-endian: parley's PCM datagrams and AudioSocket's 0x12 frames. */
    public static final LinearCodec LITTLE_ENDIAN_16K = new LinearCodec("s16le-16k", 16000, ByteOrder.LITTLE_ENDIAN);

    private final String name;
    private final int sampleRate;
    private final ByteOrder order;
    private final boolean bigEndian;

    public LinearCodec(String name, int sampleRate, ByteOrder order) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException(
                    "linear codec " + name + ": sample rate must be positive, got " + sampleRate);
        }
        this.name = name;
        this.sampleRate = sampleRate;
        this.order = order;
        this.bigEndian = order == ByteOrder.BIG_ENDIAN;
    }

    public ByteOrder order() {
        return order;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public int encodedSize(int samples) {
        return samples * 2;
    }

    @Override
    public int decodedSamples(int bytes) {
        return bytes / 2;
    }

    @Override
    public int decode(byte[] in, int off, int len, short[] out, int outOff) {
        int samples = len / 2;
        int hi = bigEndian ? 0 : 1;
        int lo = 1 - hi;
        for (int i = 0; i < samples; i++) {
            int at = off + 2 * i;
            out[outOff + i] = (short) ((in[at + hi] << 8) | (in[at + lo] & 0xFF));
        }
        return samples;
    }

    @Override
    public int encode(short[] in, int off, int samples, byte[] out, int outOff) {
        int hi = bigEndian ? 0 : 1;
        int lo = 1 - hi;
        for (int i = 0; i < samples; i++) {
            int at = outOff + 2 * i;
            short s = in[off + i];
            out[at + hi] = (byte) (s >> 8);
            out[at + lo] = (byte) s;
        }
        return samples * 2;
    }

    @Override
    public String toString() {
        return name + " (" + sampleRate + " Hz, " + (bigEndian ? "big" : "little") + "-endian)";
    }
}
