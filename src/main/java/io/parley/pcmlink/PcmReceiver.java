package io.parley.pcmlink;

import io.parley.audio.LevelMeter;
import io.parley.audio.Resampler;
import io.parley.audio.SampleFifo;
import io.parley.event.LegStats;
import io.parley.leg.FrameListener;
import io.parley.leg.Frames;
import io.parley.media.UdpReactor;
import io.parley.rtp.SequenceNumber;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Receives PCM datagrams ({@link PcmDatagram}) from the one peer of its link and hands their audio
 * on as 16 kHz 20 ms frames, on the reactor thread, in arrival order. A datagram from anyone else,
 * malformed, at a rate the protocol does not allow, too long, or (on a signed link) not
 * authentic is dropped and counted by reason. Datagrams older than the newest one are dropped as
 * late (over loopback they never are); gaps are counted as lost.
 *
 * <p>Every buffer is made here; a resampler for each allowed rate is made the first time that
 * rate arrives and kept, so there are at most four, however many rates are announced, and a
 * stream that changes its rate allocates nothing after the first time.
 *
 * <p>Threading contract: one reactor thread calls {@link #onDatagram}; getters from anywhere.
 */
public final class PcmReceiver implements UdpReactor.Receiver {
    private static final PcmDatagram.Problem[] PROBLEMS = PcmDatagram.Problem.values();
    /** The most 16 kHz samples one datagram can become: its 60 ms, and one a resampler may add. */
    static final int MAX_RESAMPLED = Frames.RATE * PcmDatagram.MAX_MILLIS / 1000 + 1;

    private final FrameListener listener;
    private final InetSocketAddress peer;
    private final PcmVerifier verifier;
    private final PcmDatagram view = new PcmDatagram();
    private final short[] samples = new short[PcmDatagram.MAX_SAMPLES];
    private final Resampler[] resamplers;
    private final short[] resampled;
    private final short[] frame = new short[Frames.SAMPLES];
    private final SampleFifo fifo;
    private final AtomicLongArray problems = new AtomicLongArray(PROBLEMS.length);
    private int rate = Frames.RATE;
    private boolean started;
    private int lastSequence;
    private volatile long datagrams;
    private volatile long bytes;
    private volatile long lost;
    private volatile long late;
    private volatile double levelDbfs = LevelMeter.toDbfs(0);
    private volatile InetSocketAddress lastSource;
    private volatile long lastArrivalNanos;

    /** Receives from {@code link}'s peer only, verifying datagrams as its keys say. */
    public PcmReceiver(FrameListener listener, PcmLink link) {
        this(listener, link.peer(), link.verifier());
    }

    PcmReceiver(FrameListener listener, InetSocketAddress peer, PcmVerifier verifier) {
        this.listener = listener;
        this.peer = peer;
        this.verifier = verifier;
        this.resamplers = new Resampler[PcmDatagram.rates().length];
        this.resampled = new short[MAX_RESAMPLED];
        this.fifo = new SampleFifo(MAX_RESAMPLED + Frames.SAMPLES);
    }

    @Override
    public void onDatagram(ByteBuffer datagram, InetSocketAddress from, long arrivalNanos) {
        PcmDatagram.Problem problem = admit(datagram.array(), datagram.limit(), from);
        if (problem != null) {
            if (problem == PcmDatagram.Problem.LATE) {
                late++;
            } else {
                int i = problem.ordinal();
                problems.setRelease(i, problems.getPlain(i) + 1); // single writer: this thread
            }
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
        play(originNanos(view.originMicros(), arrivalNanos));
    }

    /** Null when the datagram is from the peer, well formed and authentic; else why it is dropped. */
    private PcmDatagram.Problem admit(byte[] buf, int length, InetSocketAddress from) {
        if (!peer.equals(from)) {
            return PcmDatagram.Problem.UNEXPECTED_SOURCE;
        }
        PcmDatagram.Problem problem = view.parse(buf, 0, length);
        return problem != null ? problem : verifier.verify(view);
    }

    private void play(long origin) {
        int n = view.samplesInto(samples, 0);
        if (view.sampleRate() == Frames.RATE) {
            fifo.write(samples, 0, n);
        } else {
            int i = PcmDatagram.rateIndex(view.sampleRate());
            Resampler r = resamplers[i];
            if (r == null) {
                r = resamplers[i] = new Resampler(view.sampleRate(), Frames.RATE);
            } else if (view.sampleRate() != rate) {
                r.reset(); // its history belongs to an earlier run at this rate
            }
            fifo.write(resampled, 0, r.process(samples, 0, n, resampled, 0));
        }
        rate = view.sampleRate();
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

    /** The one address and port PCM is accepted from. */
    public InetSocketAddress peer() {
        return peer;
    }

    /** Datagrams dropped for {@code problem} so far. */
    public long dropped(PcmDatagram.Problem problem) {
        return problem == PcmDatagram.Problem.LATE ? late : problems.getAcquire(problem.ordinal());
    }

    /** Dropped datagrams by reason, labelled {@code pcm_<reason>}; reasons never seen are left out. */
    public Map<String, Long> drops() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (PcmDatagram.Problem p : PROBLEMS) {
            long n = problems.getAcquire(p.ordinal());
            if (n > 0) {
                m.put(LegStats.PCM_DROP_PREFIX + p.label(), n);
            }
        }
        return m;
    }

    /** {@code stats} with this receiver's drops added to its {@code malformed} counts. */
    public LegStats addDropsTo(LegStats stats) {
        Map<String, Long> drops = drops();
        if (drops.isEmpty()) {
            return stats;
        }
        Map<String, Long> all = new LinkedHashMap<>(stats.malformed());
        drops.forEach((k, v) -> all.merge(k, v, Long::sum));
        return stats.withMalformed(all);
    }
}
