package io.parley.bridge;

/**
 * The PCM datagram between a gateway and its bridge (see {@code docs/pcm-protocol.md}): a 16-byte
 * header and 16-bit little-endian mono samples.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   'P' (0x50)  |   'L' (0x4c)  |  version (1)  |     flags     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        sequence number        |      sample rate (Hz)         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 timestamp (samples, wraps)                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      origin time (µs of the host's monotonic clock, wraps)    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  samples: 16-bit signed, little-endian ...                    |
 * </pre>
 *
 * Multi-byte header fields are big-endian (network order). Flags: bit 0 = first frame of a
 * stream or after a gap. A mutable view, reused for every datagram: {@link #parse} fills it from
 * a buffer without allocating; the samples stay in that buffer.
 */
public final class PcmDatagram {
    public static final int HEADER = 16;
    public static final int VERSION = 1;
    public static final int FLAG_START = 1;
    /** 60 ms at 48 kHz: more than any frame parley sends. */
    public static final int MAX_SAMPLES = 2880;

    /** Why a datagram was not accepted as PCM. */
    public enum Problem {
        TOO_SHORT("too_short"), BAD_MAGIC("bad_magic"), BAD_VERSION("bad_version"),
        ODD_LENGTH("odd_length"), TOO_LONG("too_long"), BAD_RATE("bad_rate");

        private final String label;

        Problem(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private byte[] buffer;
    private int offset;
    private int flags;
    private int sequence;
    private int sampleRate;
    private long timestamp;
    private int originMicros;
    private int samples;

    /** Fills this view from {@code length} bytes at {@code offset}; null when accepted, else why not. */
    public Problem parse(byte[] buf, int off, int length) {
        if (length < HEADER) {
            return Problem.TOO_SHORT;
        }
        if (buf[off] != 'P' || buf[off + 1] != 'L') {
            return Problem.BAD_MAGIC;
        }
        if (buf[off + 2] != VERSION) {
            return Problem.BAD_VERSION;
        }
        if (((length - HEADER) & 1) != 0) {
            return Problem.ODD_LENGTH;
        }
        if ((length - HEADER) / 2 > MAX_SAMPLES) {
            return Problem.TOO_LONG;
        }
        int rate = u16(buf, off + 6);
        if (rate < 8000) {
            return Problem.BAD_RATE;
        }
        buffer = buf;
        offset = off;
        flags = buf[off + 3] & 0xff;
        sequence = u16(buf, off + 4);
        sampleRate = rate;
        timestamp = u32(buf, off + 8);
        originMicros = (int) u32(buf, off + 12);
        samples = (length - HEADER) / 2;
        return null;
    }

    /** Copies the samples into {@code out} and returns how many. */
    public int samplesInto(short[] out, int outOff) {
        int n = Math.min(samples, out.length - outOff);
        for (int i = 0, b = offset + HEADER; i < n; i++, b += 2) {
            out[outOff + i] = (short) ((buffer[b] & 0xff) | (buffer[b + 1] << 8));
        }
        return n;
    }

    /** Writes a datagram into {@code out} and returns its length. */
    public static int write(byte[] out, int flags, int sequence, int sampleRate, long timestamp, int originMicros,
                            short[] samples, int offset, int count) {
        out[0] = 'P';
        out[1] = 'L';
        out[2] = VERSION;
        out[3] = (byte) flags;
        put16(out, 4, sequence);
        put16(out, 6, sampleRate);
        put32(out, 8, timestamp);
        put32(out, 12, originMicros);
        for (int i = 0, b = HEADER; i < count; i++, b += 2) {
            short s = samples[offset + i];
            out[b] = (byte) s;
            out[b + 1] = (byte) (s >> 8);
        }
        return HEADER + 2 * count;
    }

    /** Microseconds of the host's monotonic clock, truncated to 32 bits, for the origin-time field. */
    public static int originMicros(long nanoTime) {
        return (int) (nanoTime / 1000);
    }

    public boolean start() {
        return (flags & FLAG_START) != 0;
    }

    public int sequence() {
        return sequence;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public long timestamp() {
        return timestamp;
    }

    public int originMicros() {
        return originMicros;
    }

    public int samples() {
        return samples;
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    private static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    private static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >> 8);
        b[i + 1] = (byte) v;
    }

    private static void put32(byte[] b, int i, long v) {
        b[i] = (byte) (v >> 24);
        b[i + 1] = (byte) (v >> 16);
        b[i + 2] = (byte) (v >> 8);
        b[i + 3] = (byte) v;
    }
}
