package io.parley.pcmlink;

/**
 * The PCM datagram between a gateway and its bridge (see {@code docs/pcm-protocol.md}): a 16-byte
 * header, 16-bit little-endian mono samples, and on a signed link a 20-byte trailer.
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
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  signed only: counter (64 bits, µs of the sender's wall clock) |
 * |  and the first 96 bits of HMAC-SHA256 over everything before  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Multi-byte header fields are big-endian (network order). Flags: bit 0 = first frame of a
 * stream or after a gap; bit 1 = signed (the trailer is there). A mutable view, reused for every
 * datagram: {@link #parse} fills it from a buffer without allocating; the samples stay in that
 * buffer.
 */
public final class PcmDatagram {
    public static final int HEADER = 16;
    public static final int VERSION = 1;
    public static final int FLAG_START = 1;
    public static final int FLAG_SIGNED = 2;
    /** The signed trailer: an 8-byte counter, then the truncated HMAC. */
    public static final int COUNTER = 8;

    public static final int TAG = 12;
    public static final int TRAILER = COUNTER + TAG;
    /** The sample rates a datagram may announce; anything else is dropped as {@link Problem#BAD_RATE}. */
    private static final int[] RATES = {8_000, 16_000, 24_000, 32_000, 48_000};
    /** The longest audio one datagram may carry, at any rate. */
    public static final int MAX_MILLIS = 60;
    /** 60 ms at 48 kHz: the most samples any datagram may carry. */
    public static final int MAX_SAMPLES = 48_000 * MAX_MILLIS / 1000;
    /** The longest datagram the protocol allows: a signed 60 ms at 48 kHz. Receive buffers must hold one more byte. */
    public static final int MAX_BYTES = HEADER + 2 * MAX_SAMPLES + TRAILER;

    /** Why a datagram was not accepted as PCM. */
    public enum Problem {
        TOO_SHORT("too_short"),
        BAD_MAGIC("bad_magic"),
        BAD_VERSION("bad_version"),
        ODD_LENGTH("odd_length"),
        TOO_LONG("too_long"),
        BAD_RATE("bad_rate"),
        /** From an address and port other than the configured peer's. */
        UNEXPECTED_SOURCE("unexpected_source"),
        /** Not signed, on a link with a secret. */
        UNSIGNED("unsigned"),
        /** Signed, on a link without a secret (the two ends are configured differently). */
        UNEXPECTED_SIGNATURE("unexpected_signature"),
        /** The HMAC does not match: forged, corrupted, or signed with another secret or for another leg. */
        BAD_SIGNATURE("bad_signature"),
        /** Signed too far from this host's wall clock: an old recording played again, or unsynchronised clocks. */
        STALE("stale"),
        /** A copy of a datagram already accepted. */
        REPLAYED("replayed"),
        /** Older than the newest datagram accepted; counted as late, not as a drop. */
        LATE("late");

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
    private int length;
    private int flags;
    private int sequence;
    private int sampleRate;
    private long timestamp;
    private int originMicros;
    private int samples;

    /** Fills this view from {@code length} bytes at {@code offset}; null when accepted, else why not. */
    public Problem parse(byte[] buf, int off, int len) {
        if (len < HEADER) {
            return Problem.TOO_SHORT;
        }
        if (buf[off] != 'P' || buf[off + 1] != 'L') {
            return Problem.BAD_MAGIC;
        }
        if (buf[off + 2] != VERSION) {
            return Problem.BAD_VERSION;
        }
        if (len > MAX_BYTES) {
            return Problem.TOO_LONG;
        }
        int f = buf[off + 3] & 0xff;
        int payload = len - HEADER - ((f & FLAG_SIGNED) != 0 ? TRAILER : 0);
        if (payload < 0) {
            return Problem.TOO_SHORT;
        }
        if ((payload & 1) != 0) {
            return Problem.ODD_LENGTH;
        }
        int rate = u16(buf, off + 6);
        if (!allowedRate(rate)) {
            return Problem.BAD_RATE;
        }
        if ((long) payload / 2 * 1000 > (long) rate * MAX_MILLIS) {
            return Problem.TOO_LONG;
        }
        buffer = buf;
        offset = off;
        length = len;
        flags = f;
        sequence = u16(buf, off + 4);
        sampleRate = rate;
        timestamp = u32(buf, off + 8);
        originMicros = (int) u32(buf, off + 12);
        samples = payload / 2;
        return null;
    }

    /** Whether {@code rate} is one of the protocol's sample rates. */
    public static boolean allowedRate(int rate) {
        return rateIndex(rate) >= 0;
    }

    /** The position of {@code rate} in {@link #rates()}, or -1. */
    static int rateIndex(int rate) {
        for (int i = 0; i < RATES.length; i++) {
            if (RATES[i] == rate) {
                return i;
            }
        }
        return -1;
    }

    /** The protocol's sample rates, ascending. */
    public static int[] rates() {
        return RATES.clone();
    }

    /** Copies the samples into {@code out} and returns how many. */
    public int samplesInto(short[] out, int outOff) {
        int n = Math.min(samples, out.length - outOff);
        for (int i = 0, b = offset + HEADER; i < n; i++, b += 2) {
            out[outOff + i] = (short) ((buffer[b] & 0xff) | (buffer[b + 1] << 8));
        }
        return n;
    }

    /** Writes an unsigned datagram into {@code out} and returns its length. */
    public static int write(
            byte[] out,
            int flags,
            int sequence,
            int sampleRate,
            long timestamp,
            int originMicros,
            short[] samples,
            int offset,
            int count) {
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

    public boolean signed() {
        return (flags & FLAG_SIGNED) != 0;
    }

    /** The signed trailer's counter (meaningful only when {@link #signed()}). */
    public long counter() {
        int at = offset + length - TRAILER;
        return ((long) u32(buffer, at) << 32) | u32(buffer, at + 4);
    }

    /** The buffer the datagram was parsed from. */
    byte[] buffer() {
        return buffer;
    }

    /** Where the datagram starts in its buffer. */
    int offset() {
        return offset;
    }

    /** The datagram's length in bytes, trailer included. */
    public int length() {
        return length;
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

    static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >> 8);
        b[i + 1] = (byte) v;
    }

    static void put32(byte[] b, int i, long v) {
        b[i] = (byte) (v >> 24);
        b[i + 1] = (byte) (v >> 16);
        b[i + 2] = (byte) (v >> 8);
        b[i + 3] = (byte) v;
    }

    static void put64(byte[] b, int i, long v) {
        put32(b, i, v >>> 32);
        put32(b, i + 4, v);
    }
}
