package io.parley.audio;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Writes a 16-bit PCM mono WAV file piece by piece while a call goes on, and can cut off what was
 * written past a point ({@link #truncate}): what a whole-file writer such as
 * {@link WavFile#write} cannot do. The header is the JDK's, written with no samples first; closing
 * fills in its two sizes. Buffered; reuses one byte buffer. Not thread-safe.
 */
public final class WavWriter implements Closeable {
    private static final int HEADER_BYTES = 44;
    /** Where the canonical header keeps the RIFF size and the data size. */
    private static final int RIFF_SIZE_AT = 4;

    private static final int DATA_SIZE_AT = 40;

    private final Path file;
    private final FileChannel channel;
    private final OutputStream out;
    private final byte[] buffer = new byte[8192];
    private long dataBytes;
    private boolean closed;

    public WavWriter(Path file, int sampleRate) throws IOException {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        this.file = file;
        this.channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        out.write(emptyFile(sampleRate));
    }

    /** The JDK's WAV file of no samples: a 44-byte header whose sizes are filled in on close. */
    private static byte[] emptyFile(int sampleRate) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream(HEADER_BYTES);
        AudioSystem.write(
                new AudioInputStream(new ByteArrayInputStream(new byte[0]), WavFile.pcm16(sampleRate, 1), 0),
                AudioFileFormat.Type.WAVE,
                header);
        if (header.size() != HEADER_BYTES) {
            throw new IllegalStateException("the JDK's WAV header is " + header.size() + " bytes, not " + HEADER_BYTES);
        }
        return header.toByteArray();
    }

    public void write(short[] samples, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, buffer.length / 2);
            LinearCodec.LITTLE_ENDIAN_16K.encode(samples, off, n, buffer, 0);
            out.write(buffer, 0, 2 * n);
            dataBytes += 2L * n;
            off += n;
            len -= n;
        }
    }

    /**
     * Drops every sample after the first {@code samples} (a recording that ran on past the end of
     * its call); writing goes on from there.
     */
    public void truncate(long samples) throws IOException {
        if (samples < 0 || samples >= samplesWritten()) {
            return;
        }
        out.flush();
        dataBytes = 2 * samples;
        channel.truncate(HEADER_BYTES + dataBytes);
        channel.position(HEADER_BYTES + dataBytes);
    }

    /** Samples written so far. */
    public long samplesWritten() {
        return dataBytes / 2;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        out.flush();
        try (channel) {
            if (dataBytes > 0xFFFF_FFFFL - (HEADER_BYTES - 8)) {
                throw new IOException(file + ": " + dataBytes + " bytes of samples are too many for a WAV file");
            }
            ByteBuffer size = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            channel.write(size.putInt(0, (int) (HEADER_BYTES - 8 + dataBytes)), RIFF_SIZE_AT);
            channel.write(size.clear().putInt(0, (int) dataBytes), DATA_SIZE_AT);
        }
    }
}
