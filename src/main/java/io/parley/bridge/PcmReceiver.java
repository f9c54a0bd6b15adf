package io.parley.bridge;

import io.parley.audio.LevelMeter;
import io.parley.audio.Resampler;
import io.parley.audio.SampleFifo;
import io.parley.media.UdpReactor;
import io.parley.rtp.SequenceNumber;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Receives PCM datagrams ({@link PcmDatagram}) and hands their audio on as 16 kHz 20 ms frames,
 * on the reactor thread, in arrival order. Datagrams older than the newest one are dropped as
 * late (over loopback they never are); gaps are counted as lost.
 *
 * <p>Threading contract: one reactor thread calls {@link #onDatagram}; getters from anywhere.
 */
public final class PcmReceiver implements UdpReactor.Receiver {
    private final FrameListener listener;
    private final PcmDatagram view = new PcmDatagram();
    private final short[] samples = new short[PcmDatagram.MAX_SAMPLES];
    private final short[] resampled = new short[PcmDatagram.MAX_SAMPLES * 2];
    private final short[] frame = new short[Frames.SAMPLES];
    private final SampleFifo fifo = new SampleFifo(PcmDatagram.MAX_SAMPLES * 2 + Frames.SAMPLES);
    private final AtomicLongArray problems = new AtomicLongArray(PcmDatagram.Problem.values().length);
    private Resampler resampler;
    private boolean started;
    private int lastSequence;
    private volatile long datagrams;
    private volatile long bytes;
    private volatile long lost;
    private volatile long late;
    private volatile double levelDbfs = LevelMeter.toDbfs(0);
    private volatile InetSocketAddress lastSource;
    private volatile long lastArrivalNanos;

    public PcmReceiver(FrameListener listener) {
        this.listener = listener;
    }

    @Override
    public void onDatagram(ByteBuffer datagram, InetSocketAddress from, long arrivalNanos) {
        PcmDatagram.Problem problem = view.parse(datagram.array(), 0, datagram.limit());
        if (problem != null) {
            problems.incrementAndGet(problem.ordinal());
            return;
        }
        if (started && !view.start()) {
            int gap = SequenceNumber.distance(lastSequence, view.sequence());
            if (gap <= 0) {
                late++;
                return;
            }
            lost += gap - 1;
        }
        started = true;
        lastArrivalNanos = arrivalNanos;
        lastSequence = view.sequence();
        lastSource = from;
        datagrams++;
        bytes += datagram.limit();
        int n = view.samplesInto(samples, 0);
        if (view.sampleRate() != Frames.RATE) {
            if (resampler == null || resampler.fromRate() != view.sampleRate()) {
                resampler = new Resampler(view.sampleRate(), Frames.RATE); // once per rate change, not per frame
            }
            n = resampler.process(samples, 0, n, resampled, 0);
            fifo.write(resampled, 0, n);
        } else {
            fifo.write(samples, 0, n);
        }
        long origin = originNanos(view.originMicros(), arrivalNanos);
        while (fifo.available() >= Frames.SAMPLES) {
            fifo.read(frame, 0, Frames.SAMPLES);
            levelDbfs = LevelMeter.rmsDbfs(frame, 0, Frames.SAMPLES);
            listener.onFrame(frame, origin);
        }
    }

    /** Rebuilds a 64-bit monotonic time from the datagram's 32-bit microseconds, assuming it is recent. */
    static long originNanos(int originMicros, long nowNanos) {
        int nowMicros = PcmDatagram.originMicros(nowNanos);
        long ageMicros = Integer.toUnsignedLong(nowMicros - originMicros);
        return ageMicros > 60_000_000L ? nowNanos : nowNanos - ageMicros * 1000;
    }

    public long datagrams() {
        return datagrams;
    }

    public long bytes() {
        return bytes;
    }

    public long lost() {
        return lost;
    }

    public long late() {
        return late;
    }

    public double levelDbfs() {
        return levelDbfs;
    }

    /** When the last accepted datagram arrived (monotonic clock), 0 before any. */
    public long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    /** Where the PCM comes from, or null before the first datagram. */
    public InetSocketAddress source() {
        return lastSource;
    }

    /** Malformed datagrams by reason label. */
    public Map<String, Long> malformed() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (PcmDatagram.Problem p : PcmDatagram.Problem.values()) {
            long n = problems.get(p.ordinal());
            if (n > 0) {
                m.put(p.label(), n);
            }
        }
        return m;
    }
}
