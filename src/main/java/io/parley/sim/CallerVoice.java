package io.parley.sim;

import io.parley.audio.AudioCodec;
import io.parley.media.TimeSource;
import io.parley.media.UdpEndpoint;
import io.parley.rtp.RtpPacket;
import io.parley.rtp.RtpStreamWriter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * The sending half of a simulated caller: once per media-clock tick, the next frame of its
 * {@link Source}, encoded, as one RTP packet to parley, through the simulated network's
 * {@link Impairment}: dropped, held back behind the next packet, or delayed on the
 * {@link DelayLine}. Records when each tone burst started (the time its first packet was sent).
 *
 * <p>Threading contract: {@link #tick} runs on the media clock only; counters may be read from
 * anywhere. Nothing is allocated per tick.
 */
final class CallerVoice {
    /** How a packet leaves: now from the socket, or later from the delay line. Chosen once. */
    @FunctionalInterface
    private interface Outlet {
        void send(byte[] datagram, int len, long nowNanos);
    }

    private final Source source;
    private final AudioCodec codec;
    private final int frameSamples;
    private final RtpStreamWriter writer;
    private final Impairment impairment;
    private final SplittableRandom random;
    private final TimeSource time;
    private final OnsetLog onsets;
    private final Outlet outlet;
    private final short[] frame;
    private final byte[] payload;
    private final byte[] datagram;
    private final byte[] held;
    private int heldLength = -1;
    private long lastTickNanos;
    private volatile long framesSent;
    private volatile long framesDropped;
    private volatile long framesReordered;

    CallerVoice(
            Source source,
            AudioCodec codec,
            int payloadType,
            UdpEndpoint socket,
            InetSocketAddress target,
            Impairment impairment,
            DelayLine delayLine,
            TimeSource time,
            OnsetLog onsets) {
        this.source = source;
        this.codec = codec;
        this.frameSamples = codec.sampleRate() / 50;
        this.impairment = impairment;
        this.random = new SplittableRandom(impairment.seed());
        this.writer = RtpStreamWriter.random(payloadType, new SplittableRandom(impairment.seed() ^ 0x5DEECE66DL));
        this.time = time;
        this.onsets = onsets;
        this.frame = new short[frameSamples];
        this.payload = new byte[codec.encodedSize(frameSamples)];
        this.datagram = new byte[RtpPacket.HEADER_BYTES + payload.length];
        this.held = new byte[datagram.length];
        if (impairment.jitterMillis() > 0) {
            if (delayLine == null) {
                throw new IllegalArgumentException("jitter needs a delay line");
            }
            long spread = impairment.jitterMillis() * 1_000_000L + 1;
            this.outlet = (d, len, now) -> delayLine.submit(socket, target, d, len, now + random.nextLong(spread));
        } else {
            ByteBuffer direct = ByteBuffer.wrap(datagram);
            ByteBuffer late = ByteBuffer.wrap(held);
            this.outlet = (d, len, now) -> {
                ByteBuffer b = d == datagram ? direct : late;
                socket.send(b.clear().limit(len), target);
            };
        }
    }

    void tick(long deadlineNanos) {
        long now = time.nanoTime();
        lastTickNanos = deadlineNanos;
        boolean onset = source.next(frame, frameSamples);
        int bytes = codec.encode(frame, 0, frameSamples, payload, 0);
        int length = writer.write(payload, 0, bytes, frameSamples, datagram, 0);
        framesSent++;
        boolean arrives = true;
        if (impairment.loss() > 0 && random.nextDouble() < impairment.loss()) {
            framesDropped++;
            arrives = false;
        } else if (heldLength < 0 && impairment.reorder() > 0 && random.nextDouble() < impairment.reorder()) {
            System.arraycopy(datagram, 0, held, 0, length);
            heldLength = length;
            framesReordered++;
        } else {
            outlet.send(datagram, length, now);
            if (heldLength >= 0) {
                outlet.send(held, heldLength, now);
                heldLength = -1;
            }
        }
        if (onset) {
            onsets.add(now, arrives);
        }
    }

    /**
     * The caller paused and talks again from {@code resumeNanos}: the RTP timestamps jump by the
     * pause and the next packet is marked, as a phone's would after silence suppression. Called
     * between the last tick and the first one after the pause.
     */
    void resumeAt(long resumeNanos) {
        long pause = resumeNanos - lastTickNanos - 20_000_000L;
        if (lastTickNanos != 0 && pause > 0) {
            writer.skip((int) (pause * codec.sampleRate() / 1_000_000_000L));
        }
        writer.markNext();
    }

    /** Sends a packet still held back for reordering (at the end of the call). */
    void flush() {
        if (heldLength >= 0) {
            outlet.send(held, heldLength, time.nanoTime());
            heldLength = -1;
        }
    }

    Source source() {
        return source;
    }

    OnsetLog onsets() {
        return onsets;
    }

    long framesSent() {
        return framesSent;
    }

    long framesDropped() {
        return framesDropped;
    }

    long framesReordered() {
        return framesReordered;
    }
}
