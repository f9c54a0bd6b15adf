package io.parley.rtpleg;

import io.parley.audio.AudioCodec;
import io.parley.audio.Concealer;
import io.parley.audio.LevelMeter;
import io.parley.audio.Resampler;
import io.parley.audio.SampleFifo;
import io.parley.config.Codec;
import io.parley.config.JitterSettings;
import io.parley.event.LegStats;
import io.parley.leg.Frames;
import io.parley.media.MediaClock;
import io.parley.rtp.JitterBuffer;
import io.parley.rtp.JitterBufferSettings;
import io.parley.rtp.JitterBufferSnapshot;
import io.parley.rtp.PlayoutFrame;
import io.parley.rtp.PollResult;
import io.parley.rtp.ReceiveSnapshot;
import io.parley.rtp.RtpPacket;
import java.util.Arrays;

/**
 * A caller's packets played on the media clock: into the jitter buffer as they arrive (reactor
 * thread), out as 16 kHz 20 ms frames at each tick (clock thread), for whatever needs the
 * caller's audio as samples (translation, transcoding to another rate, a PCM link). Each packet is
 * decoded by the codec of its payload type and re-cut into 20 ms frames whatever its duration; a
 * lost packet is concealed.
 *
 * <p>Threading contract: {@link #onPacket} on one reactor thread, {@link #pull} on the media clock;
 * the getters from anywhere. Neither path allocates.
 */
final class JitterPlayout implements PacketListener, Reception {

    /** Told when a stream starts or resumes after silence, so a task can align its phase to it. */
    @FunctionalInterface
    interface ActivityListener {
        ActivityListener NONE = arrival -> {};

        void streamActive(long arrivalNanos);
    }

    private final Codec codec;
    private final JitterBuffer buffer;
    private final PlayoutFrame playout;
    private final AudioCodec[] decoders;
    private final Resampler upsampler;
    private final SampleFifo fifo = new SampleFifo(4 * Frames.SAMPLES + 2 * RtpReceiver.MAX_PAYLOAD);
    private final Concealer concealer = new Concealer(Frames.SAMPLES);
    private final short[] decoded = new short[RtpReceiver.MAX_PAYLOAD];
    private final short[] resampled = new short[2 * RtpReceiver.MAX_PAYLOAD + 64];
    private final short[] concealed = new short[Frames.SAMPLES];
    private volatile ActivityListener activity = ActivityListener.NONE;
    private volatile boolean idle = true;
    private volatile double levelDbfs = LevelMeter.toDbfs(0);
    private int emptyPolls;
    private long lastPullNanos;
    private volatile long framesSkipped;

    JitterPlayout(Codec codec, JitterSettings jitter) {
        this.codec = codec;
        this.decoders = PayloadTypes.codecs(codec.sampleRate());
        int bytesPerSample = codec == Codec.ULAW || codec == Codec.ALAW ? 1 : 2;
        this.buffer = new JitterBuffer(
                JitterBufferSettings.forCodec(codec.sampleRate(), bytesPerSample, RtpReceiver.MAX_PAYLOAD)
                        .withDelays(jitter.minMillis(), jitter.initialMillis(), jitter.maxMillis()));
        this.playout = buffer.newFrame();
        this.upsampler = new Resampler(codec.sampleRate(), Frames.RATE);
    }

    void onActivity(ActivityListener listener) {
        this.activity = listener;
    }

    @Override
    public void onPacket(RtpPacket packet, long arrivalNanos) {
        buffer.insert(packet, arrivalNanos);
        if (idle) {
            idle = false;
            activity.streamActive(arrivalNanos);
        }
    }

    /** Held packets go into the buffer without phasing the clock: the stream starts with the packet that confirmed them. */
    @Override
    public void onHeldPacket(RtpPacket packet, long arrivalNanos) {
        buffer.insert(packet, arrivalNanos);
    }

    /**
     * Fills {@code frame} with the next 20 ms of the caller's audio at 16 kHz. Returns false when
     * there is nothing to play (not started, or the sender is silent), leaving {@code frame} as it was.
     */
    boolean pull(long nowNanos, short[] frame) {
        catchUp(nowNanos);
        while (fifo.available() < Frames.SAMPLES) {
            PollResult result = buffer.poll(nowNanos, playout);
            if (result == PollResult.EMPTY) {
                break;
            }
            if (result == PollResult.PACKET) {
                AudioCodec decoder = decoders[playout.payloadType()];
                int n = decoder.decode(playout.payload(), 0, playout.length(), decoded, 0);
                fifo.write(resampled, 0, upsampler.process(decoded, 0, n, resampled, 0));
            } else {
                int lost = playout.samples() * Frames.RATE / codec.sampleRate();
                for (int done = 0; done < lost; done += Frames.SAMPLES) {
                    concealer.conceal(concealed, 0);
                    fifo.write(concealed, 0, Math.min(Frames.SAMPLES, lost - done));
                }
            }
        }
        int available = fifo.available();
        if (available == 0) {
            if (++emptyPolls >= 2) {
                idle = true;
            }
            levelDbfs = LevelMeter.toDbfs(0);
            return false;
        }
        emptyPolls = 0;
        int n = fifo.read(frame, 0, Frames.SAMPLES);
        if (n < Frames.SAMPLES) {
            Arrays.fill(frame, n, Frames.SAMPLES, (short) 0); // a short last packet
        }
        concealer.good(frame, 0);
        levelDbfs = LevelMeter.rmsDbfs(frame, 0, Frames.SAMPLES);
        return true;
    }

    /** Drops what the ticks the clock skipped since the last pull would have played. */
    private void catchUp(long nowNanos) {
        if (lastPullNanos != 0 && nowNanos - lastPullNanos > MediaClock.PERIOD_NANOS * 3 / 2) {
            skipBehind((int) ((nowNanos - lastPullNanos) / MediaClock.PERIOD_NANOS) - 1, nowNanos);
        }
        lastPullNanos = nowNanos;
    }

    /**
     * The clock skipped {@code missed} ticks (it was more than {@link MediaClock#MAX_CATCH_UP} periods
     * late: a stall, an overloaded machine). The packets those ticks would have played are still
     * buffered and would delay this caller for the rest of the call, since the jitter buffer trims
     * only one packet a second; drop them instead, as far as the buffer holds more than its target
     * plus one packet (after a rephase at a stream's start there is nothing to drop).
     */
    private void skipBehind(int missed, long nowNanos) {
        for (int i = 0; i < missed && buffer.depthMillis() > buffer.targetMillis() + Frames.MILLIS; i++) {
            if (buffer.poll(nowNanos, playout) == PollResult.EMPTY) {
                return;
            }
            framesSkipped++;
        }
    }

    /**
     * Packets received and buffered that will never be played: trimmed back to the target, pushed
     * out by an overflow, or dropped for skipped ticks. A listener misses them like lost ones,
     * so the monitors show them rather than leave a gap between packets in and frames out.
     */
    long discarded() {
        return discarded(buffer.snapshot());
    }

    private long discarded(JitterBufferSnapshot b) {
        return b.trimmed() + b.overflow() + framesSkipped;
    }

    /** Frames dropped because the clock skipped the ticks that would have played them. */
    long framesSkipped() {
        return framesSkipped;
    }

    /** The level of the latest frame played. */
    @Override
    public double levelDbfs() {
        return levelDbfs;
    }

    JitterBufferSnapshot buffer() {
        return buffer.snapshot();
    }

    /** Loss, duplicates and reordering as the buffer saw them when it played the stream, with RFC 3550 jitter. */
    @Override
    public LegStats.Network network(ReceiveSnapshot stream) {
        JitterBufferSnapshot b = buffer.snapshot();
        return new LegStats.Network(b.lost(), b.duplicates(), b.reordered(), stream.jitterMillis());
    }

    @Override
    public LegStats.Playout playout() {
        JitterBufferSnapshot b = buffer.snapshot();
        return new LegStats.Playout(b.late(), b.concealed(), discarded(b), (int) Math.round(b.depthMillis()), (int)
                Math.round(b.targetMillis()));
    }
}
