package io.parley.rtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One RTP packet (RFC 3550 §5.1) as plain, mutable data. A socket loop keeps one instance and
 * {@link #unmarshal unmarshals} every datagram into it; a sender fills one and
 * {@link #marshalTo marshals} it into its own buffer. Nothing here allocates after construction:
 * the payload and the header extension are views (array, offset, length) into the caller's
 * buffer, valid until the caller reuses that buffer, and the CSRCs sit in a reused array.
 *
 * <p>{@link #marshalSize()}, {@link #marshalTo} and {@link #unmarshal} agree: what one writes,
 * the other reads back unchanged. Not thread-safe: one instance belongs to one thread.
 */
public final class RtpPacket {
    /** Size of the fixed header: version to SSRC. */
    public static final int HEADER_BYTES = 12;
    /** The CC field has four bits. */
    public static final int MAX_CSRCS = 15;

    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final byte[] NO_BYTES = new byte[0];

    private int version = 2;
    private boolean marker;
    private int payloadType;
    private int sequenceNumber;
    private int timestamp;
    private int ssrc;
    private final int[] csrcs = new int[MAX_CSRCS];
    private int csrcCount;

    private boolean extension;
    private int extensionProfile;
    private byte[] extensionBuffer = NO_BYTES;
    private int extensionOffset;
    private int extensionLength;

    private int paddingLength;

    private byte[] payloadBuffer = NO_BYTES;
    private int payloadOffset;
    private int payloadLength;

    private DropReason lastDrop = DropReason.NONE;
    private long dropActual;
    private long dropLimit;

    /*
     *  0                   1                   2                   3
     *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                           timestamp                           |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |           synchronization source (SSRC) identifier            |
     * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
     * |            contributing source (CSRC) identifiers             |
     * |                             ....                              |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |      defined by profile       |           length              |  if X: length in
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  32-bit words
     * |                        header extension                       |
     * |                             ....                              |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                            payload                            |
     * |                             ....  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                                   | padding ...   | pad count |  if P: the last byte
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  counts the padding
     */

    /**
     * Parses {@code len} bytes of {@code buf} from {@code off} into this packet. Returns
     * {@link DropReason#NONE} on success; otherwise the reason, with the numbers that failed kept
     * for {@link #lastDropMessage()}, and the other fields left unspecified. Never throws for
     * malformed input and never allocates.
     */
    public DropReason unmarshal(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len < HEADER_BYTES) {
            return drop(DropReason.TOO_SHORT, len, HEADER_BYTES);
        }
        int first = buf[off] & 0xFF;
        int v = first >>> 6;
        if (v != 2) {
            return drop(DropReason.BAD_VERSION, v, 2);
        }
        boolean padded = (first & 0x20) != 0;
        int cc = first & 0x0F;
        int headerEnd = HEADER_BYTES + 4 * cc;
        if (len < headerEnd) {
            return drop(DropReason.CSRC_PAST_END, len, headerEnd);
        }
        boolean x = (first & 0x10) != 0;
        int profile = 0;
        int extStart = 0;
        int extLen = 0;
        if (x) {
            if (len < headerEnd + 4) {
                return drop(DropReason.EXTENSION_PAST_END, len, headerEnd + 4);
            }
            profile = readShort(buf, off + headerEnd);
            extLen = 4 * readShort(buf, off + headerEnd + 2);
            extStart = headerEnd + 4;
            headerEnd = extStart + extLen;
            if (len < headerEnd) {
                return drop(DropReason.EXTENSION_PAST_END, len, headerEnd);
            }
        }
        int padding = 0;
        if (padded) {
            padding = buf[off + len - 1] & 0xFF;
            if (padding == 0) {
                return drop(DropReason.ZERO_PADDING, 0, 1);
            }
            if (padding > len - headerEnd) {
                return drop(DropReason.PADDING_PAST_END, padding, len - headerEnd);
            }
        }

        version = v;
        int second = buf[off + 1] & 0xFF;
        marker = (second & 0x80) != 0;
        payloadType = second & 0x7F;
        sequenceNumber = readShort(buf, off + 2);
        timestamp = (int) INT_BE.get(buf, off + 4);
        ssrc = (int) INT_BE.get(buf, off + 8);
        csrcCount = cc;
        for (int i = 0; i < cc; i++) {
            csrcs[i] = (int) INT_BE.get(buf, off + HEADER_BYTES + 4 * i);
        }
        extension = x;
        extensionProfile = profile;
        extensionBuffer = x ? buf : NO_BYTES;
        extensionOffset = x ? off + extStart : 0;
        extensionLength = extLen;
        paddingLength = padding;
        payloadBuffer = buf;
        payloadOffset = off + headerEnd;
        payloadLength = len - headerEnd - padding;
        lastDrop = DropReason.NONE;
        return DropReason.NONE;
    }

    /** Bytes {@link #marshalTo} will write: header, CSRCs, extension, payload and padding. */
    public int marshalSize() {
        return headerSize() + payloadLength + paddingLength;
    }

    /** Bytes before the payload: fixed header, CSRCs and the header extension if any. */
    public int headerSize() {
        return HEADER_BYTES + 4 * csrcCount + (extension ? 4 + extensionLength : 0);
    }

    /**
     * Writes this packet into {@code buf} from {@code off} and returns the bytes written
     * ({@link #marshalSize()}). Padding bytes are zeros followed by the count. A buffer that is
     * too small is a programming error and throws {@link IllegalArgumentException}.
     */
    public int marshalTo(byte[] buf, int off) {
        int size = marshalSize();
        if (off < 0 || buf.length - off < size) {
            throw new IllegalArgumentException("RTP packet needs " + size + " bytes but the buffer has "
                    + (buf.length - off) + " from offset " + off + "; size it with marshalSize()");
        }
        buf[off] = (byte) (version << 6 | (paddingLength > 0 ? 0x20 : 0) | (extension ? 0x10 : 0) | csrcCount);
        buf[off + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        SHORT_BE.set(buf, off + 2, (short) sequenceNumber);
        INT_BE.set(buf, off + 4, timestamp);
        INT_BE.set(buf, off + 8, ssrc);
        int n = off + HEADER_BYTES;
        for (int i = 0; i < csrcCount; i++, n += 4) {
            INT_BE.set(buf, n, csrcs[i]);
        }
        if (extension) {
            SHORT_BE.set(buf, n, (short) extensionProfile);
            SHORT_BE.set(buf, n + 2, (short) (extensionLength / 4));
            System.arraycopy(extensionBuffer, extensionOffset, buf, n + 4, extensionLength);
            n += 4 + extensionLength;
        }
        System.arraycopy(payloadBuffer, payloadOffset, buf, n, payloadLength);
        n += payloadLength;
        if (paddingLength > 0) {
            Arrays.fill(buf, n, n + paddingLength - 1, (byte) 0);
            buf[n + paddingLength - 1] = (byte) paddingLength;
            n += paddingLength;
        }
        return n - off;
    }

    /** Resets every field to an empty version-2 packet (payload type 0, no views). */
    public RtpPacket clear() {
        version = 2;
        marker = false;
        payloadType = 0;
        sequenceNumber = 0;
        timestamp = 0;
        ssrc = 0;
        csrcCount = 0;
        clearExtension();
        paddingLength = 0;
        payloadBuffer = NO_BYTES;
        payloadOffset = 0;
        payloadLength = 0;
        lastDrop = DropReason.NONE;
        return this;
    }

    /** The reason the last {@link #unmarshal} (or admission check) failed, or {@code NONE}. */
    public DropReason lastDrop() {
        return lastDrop;
    }

    /** The last drop as a message with its numbers, e.g. "header too short: 8 < 12 bytes". Allocates. */
    public String lastDropMessage() {
        return lastDrop.describe(dropActual, dropLimit);
    }

    /** Records a failed check and returns its reason; used by the parser and by admission. */
    DropReason drop(DropReason reason, long actual, long limit) {
        lastDrop = reason;
        dropActual = actual;
        dropLimit = limit;
        return reason;
    }

    public int version() {
        return version;
    }

    /** Only 2 is valid RTP; other values exist so tests can build malformed packets. */
    public RtpPacket setVersion(int version) {
        this.version = checkRange("version", version, 0, 3);
        return this;
    }

    public boolean hasPadding() {
        return paddingLength > 0;
    }

    /** Padding bytes after the payload, including the count byte; 0 when the P bit is clear. */
    public int paddingLength() {
        return paddingLength;
    }

    /** Sets the padding (0 clears the P bit; 1..255 sets it and is written after the payload). */
    public RtpPacket setPaddingLength(int paddingLength) {
        this.paddingLength = checkRange("padding length", paddingLength, 0, 255);
        return this;
    }

    public boolean marker() {
        return marker;
    }

    public RtpPacket setMarker(boolean marker) {
        this.marker = marker;
        return this;
    }

    public int payloadType() {
        return payloadType;
    }

    public RtpPacket setPayloadType(int payloadType) {
        this.payloadType = checkRange("payload type", payloadType, 0, 127);
        return this;
    }

    /** 0..65535. */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    public RtpPacket setSequenceNumber(int sequenceNumber) {
        this.sequenceNumber = checkRange("sequence number", sequenceNumber, 0, 0xFFFF);
        return this;
    }

    /** The timestamp as an unsigned 32-bit value, 0..4294967295. */
    public long timestamp() {
        return Integer.toUnsignedLong(timestamp);
    }

    /** The raw 32 timestamp bits; differences of two such values, cast to int, are wrap-safe. */
    public int timestampBits() {
        return timestamp;
    }

    /** Keeps the low 32 bits, so a running long counter can be passed as is. */
    public RtpPacket setTimestamp(long timestamp) {
        this.timestamp = (int) timestamp;
        return this;
    }

    /** The 32 SSRC bits (compare with ==; print with Integer.toUnsignedString). */
    public int ssrc() {
        return ssrc;
    }

    public RtpPacket setSsrc(int ssrc) {
        this.ssrc = ssrc;
        return this;
    }

    public int csrcCount() {
        return csrcCount;
    }

    public int csrc(int index) {
        Objects.checkIndex(index, csrcCount);
        return csrcs[index];
    }

    /** Copies the first {@code count} identifiers of {@code ids}; 0 clears the list. */
    public RtpPacket setCsrcs(int[] ids, int count) {
        checkRange("CSRC count", count, 0, MAX_CSRCS);
        System.arraycopy(ids, 0, csrcs, 0, count);
        csrcCount = count;
        return this;
    }

    public boolean hasExtension() {
        return extension;
    }

    /** The 16 "defined by profile" bits (0xBEDE for RFC 8285 one-byte extensions). */
    public int extensionProfile() {
        return extensionProfile;
    }

    /** The array the extension data lives in; read {@link #extensionLength()} bytes from {@link #extensionOffset()}. */
    public byte[] extensionBuffer() {
        return extensionBuffer;
    }

    public int extensionOffset() {
        return extensionOffset;
    }

    /** Extension data bytes after the 4-byte extension header, a multiple of 4. */
    public int extensionLength() {
        return extensionLength;
    }

    /** Sets the X bit and a view of the extension data (a multiple of 4 bytes, as RFC 3550 counts words). */
    public RtpPacket setExtension(int profile, byte[] buf, int off, int len) {
        checkRange("extension profile", profile, 0, 0xFFFF);
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len % 4 != 0 || len > 4 * 0xFFFF) {
            throw new IllegalArgumentException("RTP header extension length " + len
                    + " must be a multiple of 4 bytes and at most " + 4 * 0xFFFF + "; pad the data with zeros");
        }
        extension = true;
        extensionProfile = profile;
        extensionBuffer = buf;
        extensionOffset = off;
        extensionLength = len;
        return this;
    }

    public RtpPacket clearExtension() {
        extension = false;
        extensionProfile = 0;
        extensionBuffer = NO_BYTES;
        extensionOffset = 0;
        extensionLength = 0;
        return this;
    }

    /** The array the payload lives in; read {@link #payloadLength()} bytes from {@link #payloadOffset()}. */
    public byte[] payloadBuffer() {
        return payloadBuffer;
    }

    public int payloadOffset() {
        return payloadOffset;
    }

    /** Payload bytes, padding excluded. */
    public int payloadLength() {
        return payloadLength;
    }

    /** Sets a view of the payload; nothing is copied until {@link #marshalTo}. */
    public RtpPacket setPayload(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        payloadBuffer = buf;
        payloadOffset = off;
        payloadLength = len;
        return this;
    }

    @Override
    public String toString() {
        return "RtpPacket[v=" + version + " pt=" + payloadType + " m=" + marker + " seq=" + sequenceNumber
                + " ts=" + timestamp() + " ssrc=" + Integer.toUnsignedString(ssrc) + " csrcs=" + csrcCount
                + (extension ? " ext=0x" + Integer.toHexString(extensionProfile) + "/" + extensionLength : "")
                + " payload=" + payloadLength + (paddingLength > 0 ? " padding=" + paddingLength : "") + "]";
    }

    private static int readShort(byte[] buf, int at) {
        return (short) SHORT_BE.get(buf, at) & 0xFFFF;
    }

    private static int checkRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("RTP " + what + " " + value + " is outside " + min + ".." + max);
        }
        return value;
    }
}
