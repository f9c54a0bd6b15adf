package io.parley.ari;

import io.parley.media.FrameQueue;
import io.parley.media.TimeSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AudioSocket connection from Asterisk, as the media side sees it: the call's UUID, the
 * caller's audio in 20 ms frames, and a queue of 20 ms frames to play to the caller.
 *
 * <p>The session sends one frame every 20 ms for as long as it is open, silence when the outgoing
 * queue is empty: Asterisk's {@code AudioSocket()} application hangs up after 2 s without audio.
 *
 * <p>Threading: {@link #poll} is for one consumer thread and {@link #offer} for one producer thread
 * (the media side's); neither blocks nor allocates. The socket is read and written by the
 * session's own virtual threads.
 */
public final class AudioSocketSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AudioSocketSession.class);
    static final long FRAME_NANOS = 20_000_000L;
    /** A writer this late (the machine stalled) starts a fresh schedule rather than bursting. */
    private static final long RESYNC_NANOS = 5 * FRAME_NANOS;

    private final UUID uuid;
    private final Socket socket;
    private final String peer;
    private final int sampleRate;
    private final AudioSocketKind sendKind;
    private final TimeSource time;
    private final FrameQueue received;
    private final FrameQueue toSend;
    private final ArrayBlockingQueue<Character> dtmf = new ArrayBlockingQueue<>(32);
    private final short[] assembly;
    private int assembled;
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong silenceSent = new AtomicLong();
    private final AtomicLong framesReceived = new AtomicLong();
    private volatile String closeReason;
    private final Object closing = new Object();

    AudioSocketSession(UUID uuid, Socket socket, int sampleRate, int queueFrames, TimeSource time) {
        this.uuid = uuid;
        this.time = time;
        this.socket = socket;
        this.peer = socket.getRemoteSocketAddress().toString();
        this.sampleRate = sampleRate;
        this.sendKind = AudioSocketKind.audioAt(sampleRate);
        int samples = sampleRate / 50;
        this.received = new FrameQueue(queueFrames, samples);
        this.toSend = new FrameQueue(queueFrames, samples);
        this.assembly = new short[samples];
    }

    /** The UUID Asterisk sent first: {@code AudioSocket(uuid,host:port)}'s first argument. */
    public UUID uuid() {
        return uuid;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Samples in one 20 ms frame. */
    public int frameSamples() {
        return assembly.length;
    }

    /** Copies the oldest received 20 ms frame into {@code into}; false when none is waiting. */
    public boolean poll(short[] into) {
        return received.poll(into, 0) != Long.MIN_VALUE;
    }

    /** Queues a 20 ms frame for the caller; false (and counted) when the queue is full. */
    public boolean offer(short[] frame) {
        return toSend.offer(frame, 0, 0);
    }

    /** The next DTMF digit Asterisk reported, or 0 when none. */
    public char pollDtmf() {
        Character c = dtmf.poll();
        return c == null ? 0 : c;
    }

    public boolean open() {
        return closeReason == null;
    }

    /** Why the session closed, or null while it is open. */
    public String closeReason() {
        return closeReason;
    }

    public long framesSent() {
        return framesSent.get();
    }

    /** Frames of silence sent because nothing was queued. */
    public long silenceSent() {
        return silenceSent.get();
    }

    public long framesReceived() {
        return framesReceived.get();
    }

    /** Received frames dropped because the media side did not poll in time. */
    public long receivedOverflow() {
        return received.overflows();
    }

    /** Frames refused by {@link #offer} because the queue was full. */
    public long sendOverflow() {
        return toSend.overflows();
    }

    /** Sends the hang-up frame and closes: Asterisk hangs the channel up. */
    public void hangup() {
        synchronized (closing) {
            if (closeReason == null) {
                try {
                    OutputStream out = socket.getOutputStream();
                    synchronized (out) {
                        out.write(new byte[] {0, 0, 0});
                        out.flush();
                    }
                } catch (IOException e) {
                    LOG.debug("hang-up frame not sent to {}: {}", peer, e.toString());
                }
            }
        }
        closeWith("hung up by parley");
    }

    @Override
    public void close() {
        closeWith("closed by parley");
    }

    void closeWith(String reason) {
        synchronized (closing) {
            if (closeReason != null) {
                return;
            }
            closeReason = reason;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort.
        }
    }

    /** Reader side: little-endian samples from Asterisk, reframed into exact 20 ms frames. */
    void received(byte[] payload, int length) {
        for (int i = 0; i + 1 < length; i += 2) {
            assembly[assembled++] = (short) ((payload[i] & 0xff) | (payload[i + 1] << 8));
            if (assembled == assembly.length) {
                received.offer(assembly, 0, 0);
                framesReceived.incrementAndGet();
                assembled = 0;
            }
        }
    }

    void receivedDtmf(byte digit) {
        dtmf.offer((char) (digit & 0xff));
    }

    /** Writer side: one frame every 20 ms against absolute deadlines until the session closes. */
    void writeLoop() {
        short[] frame = new short[assembly.length];
        byte[] wire = new byte[3 + 2 * frame.length];
        wire[0] = (byte) sendKind.code();
        wire[1] = (byte) ((2 * frame.length) >>> 8);
        wire[2] = (byte) (2 * frame.length);
        long deadline = time.nanoTime();
        try {
            OutputStream out = socket.getOutputStream();
            while (open()) {
                if (toSend.poll(frame, 0) == Long.MIN_VALUE) {
                    Arrays.fill(frame, (short) 0);
                    silenceSent.incrementAndGet();
                }
                for (int i = 0; i < frame.length; i++) {
                    wire[3 + 2 * i] = (byte) frame[i];
                    wire[4 + 2 * i] = (byte) (frame[i] >> 8);
                }
                synchronized (out) {
                    out.write(wire);
                    out.flush();
                }
                framesSent.incrementAndGet();
                deadline += FRAME_NANOS;
                if (deadline - time.nanoTime() < -RESYNC_NANOS) {
                    deadline = time.nanoTime();
                }
                // Parking may end early (a spurious wake-up): the next frame waits for its deadline.
                while (open() && time.nanoTime() < deadline) {
                    time.parkUntil(deadline);
                }
            }
        } catch (IOException e) {
            closeWith("write to Asterisk failed: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "AudioSocket " + uuid + " from " + peer;
    }
}
