package io.parley.monitor;

import io.parley.log.KeyValueLine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bridge's transcript file, appended a line at a time so that every line is in the file
 * whole or not at all: a line goes out in one write of its bytes and newline; a write that fails
 * part-way (a full disk) is cut back off; and a file whose last line was left incomplete (the
 * process was killed mid-write, or cutting back failed) is repaired to its last whole line
 * before anything more is appended. The file is closed after a failure and opened afresh on the
 * next attempt, so a remount or a rotated file is picked up.
 *
 * <p>Not thread-safe: the transcript thread owns it.
 */
final class TranscriptFile implements AutoCloseable {
    private static final Logger LOG =
            LoggerFactory.getLogger(TranscriptLog.class); // one logger for all transcript news

    /** Where the bytes go: a file, or in tests one that fails on demand. */
    interface Channel extends AutoCloseable {
        long size() throws IOException;

        int write(ByteBuffer bytes) throws IOException;

        /** Reads into {@code into} from {@code position}; -1 at the end. */
        int read(ByteBuffer into, long position) throws IOException;

        void truncate(long size) throws IOException;

        @Override
        void close() throws IOException;
    }

    /** Opens a file for appending (and reading its end). */
    @FunctionalInterface
    interface Opener {
        Opener FILES = path -> new FileBacked(
                FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));

        Channel open(Path path) throws IOException;
    }

    private final Path path;
    private final Opener opener;
    private Channel channel;

    TranscriptFile(Path path, Opener opener) {
        this.path = path;
        this.opener = opener;
    }

    Path path() {
        return path;
    }

    /**
     * Appends {@code line}, which ends with a newline, whole, or throws having left the file as it
     * was (or, if even that failed, with an incomplete last line that the next attempt repairs).
     */
    void append(byte[] line) throws IOException {
        try {
            if (channel == null) {
                channel = opener.open(path);
                repair();
            }
            long before = channel.size();
            ByteBuffer bytes = ByteBuffer.wrap(line);
            try {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            } catch (IOException e) {
                if (bytes.position() > 0) {
                    channel.truncate(before); // a part of the line went out: take it back
                }
                throw e;
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** Cuts an incomplete last line (no newline after it) off the end of the file. */
    private void repair() throws IOException {
        long size = channel.size();
        if (size == 0 || endsWithNewline(size)) {
            return;
        }
        long keep = lastNewline(size) + 1;
        channel.truncate(keep);
        LOG.warn(new KeyValueLine()
                .add("event", "transcript_repaired")
                .add("file", path)
                .add("removed_bytes", size - keep)
                .add("reason", "the last line was incomplete: a write was interrupted (killed, or the disk filled)")
                .toString());
    }

    private boolean endsWithNewline(long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        return channel.read(last, size - 1) == 1 && last.get(0) == '\n';
    }

    /** The position of the last newline before {@code size}, or -1. */
    private long lastNewline(long size) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(8192);
        long end = size;
        while (end > 0) {
            long start = Math.max(0, end - chunk.capacity());
            chunk.clear().limit((int) (end - start));
            int n = 0;
            while (chunk.hasRemaining()) {
                int r = channel.read(chunk, start + n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            for (int i = n - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') {
                    return start + i;
                }
            }
            end = start;
        }
        return -1;
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing {}", path, e);
            }
            channel = null;
        }
    }

    /** A real file. Appends by writing at its end: one writer, this thread, owns it. */
    private record FileBacked(FileChannel file) implements Channel {
        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public int write(ByteBuffer bytes) throws IOException {
            return file.write(bytes, file.size());
        }

        @Override
        public int read(ByteBuffer into, long position) throws IOException {
            return file.read(into, position);
        }

        @Override
        public void truncate(long size) throws IOException {
            file.truncate(size);
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
