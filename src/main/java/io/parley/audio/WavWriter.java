package io.parley.audio;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a 16-bit PCM mono WAV file piece by piece (what a simulated caller heard, say) and fills
 * in the sizes on {@link #close()}. Buffered; reuses one byte buffer. Not thread-safe.
 */
public final class WavWriter implements Closeable {
    private final Path file;
    private final int sampleRate;
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
        this.sampleRate = sampleRate;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        WavFile.writeHeader(out, sampleRate, 0);
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
        channel.truncate(44 + dataBytes);
        channel.position(44 + dataBytes);
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
        out.close();
        if (dataBytes > 0xFFFF_FFFFL - 36) {
            throw new IOException(file + ": " + dataBytes + " bytes of samples are too many for a WAV file");
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            ByteArrayOutputStream header = new ByteArrayOutputStream(44);
            WavFile.writeHeader(header, sampleRate, dataBytes);
            raf.write(header.toByteArray());
        }
    }
}
