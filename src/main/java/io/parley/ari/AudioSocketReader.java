package io.parley.ari;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads AudioSocket frames from a stream into one reused buffer, and judges them.
 *
 * <pre>
 *  0                   1                   2
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+- - -
 * |     kind      |     payload length (big-endian)   | payload ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+- - -
 * </pre>
 *
 * The first frame must be the 16-byte UUID. A malformed frame is a value ({@link Outcome#MALFORMED}
 * with {@link #problem()}); only the stream's own failures are exceptions. Not thread-safe.
 */
final class AudioSocketReader {

    enum Outcome {
        FRAME,
        END,
        MALFORMED
    }

    private final InputStream in;
    private final byte[] header = new byte[3];
    private final byte[] payload = new byte[65535];
    private AudioSocketKind kind;
    private int length;
    private long frames;
    private String problem = "";

    AudioSocketReader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads the next frame. {@link Outcome#END} when the stream ended cleanly between frames.
     *
     * @throws IOException when the stream fails or ends inside a frame
     */
    Outcome next() throws IOException {
        int first = in.read();
        if (first < 0) {
            return Outcome.END;
        }
        header[0] = (byte) first;
        readFully(header, 1, 2, "header");
        length = ((header[1] & 0xff) << 8) | (header[2] & 0xff);
        readFully(payload, 0, length, "payload");
        long index = frames++;
        kind = AudioSocketKind.of(first);
        if (kind == null) {
            return malformed(String.format("frame %d has unknown kind 0x%02x (length %d)", index, first, length));
        }
        if (index == 0 && kind != AudioSocketKind.UUID) {
            return malformed("frame 0 is " + kind + ", but the UUID must come first");
        }
        if (index > 0 && kind == AudioSocketKind.UUID) {
            return malformed("frame " + index + " is a second UUID");
        }
        if (kind == AudioSocketKind.UUID && length != 16) {
            return malformed("UUID frame has " + length + " bytes, not 16");
        }
        if (kind == AudioSocketKind.DTMF && length != 1) {
            return malformed("DTMF frame " + index + " has " + length + " bytes, not 1");
        }
        if (kind.audio() && (length == 0 || length % 2 != 0)) {
            return malformed("audio frame " + index + " has " + length + " bytes: 16-bit samples need an even,"
                    + " non-zero length");
        }
        return Outcome.FRAME;
    }

    private Outcome malformed(String why) {
        problem = why;
        return Outcome.MALFORMED;
    }

    private void readFully(byte[] into, int offset, int count, String part) throws IOException {
        int done = 0;
        while (done < count) {
            int n = in.read(into, offset + done, count - done);
            if (n < 0) {
                throw new EOFException("stream ended inside the " + part + " of frame " + frames + " (" + done + " of "
                        + count + " bytes)");
            }
            done += n;
        }
    }

    AudioSocketKind kind() {
        return kind;
    }

    int length() {
        return length;
    }

    /** The payload of the last frame; valid until the next {@link #next()}. */
    byte[] payload() {
        return payload;
    }

    String problem() {
        return problem;
    }

    long frames() {
        return frames;
    }
}
