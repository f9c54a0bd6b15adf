package io.parley.bridge;

import io.parley.config.JitterSettings;
import io.parley.config.LegConfig;
import io.parley.config.LegPorts;
import io.parley.event.LegStats;
import io.parley.media.FrameQueue;
import io.parley.media.MediaClock;
import io.parley.media.UdpEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The seed's {@code gateway-NNNN-buffered.js} for one extension: RTP from Asterisk arrives on the
 * IN port and goes through the jitter buffer to the bridge as PCM datagrams; PCM from the bridge
 * goes back to Asterisk as RTP from the OUT port (or the IN port when symmetric), to the address
 * Asterisk sends from. Both directions are paced by the media clock, each aligned to its input.
 */
public final class Gateway implements AutoCloseable {
    /** Frames waiting for RTP output beyond which the backlog is cut (the bridge's clock runs fast). */
    static final int MAX_BACKLOG = 3;
    /**
     * Frames that all waited longer than this for their tick over {@link #REALIGN_TICKS} ticks mean
     * the downstream tick is out of phase with the PCM arriving (the other gateway's stream restarted
     * at a new phase while this one kept going): it is realigned.
     */
    static final long REALIGN_AFTER_NANOS = 5_000_000L;
    static final int REALIGN_TICKS = 10;

    private final LegConfig config;
    private final MediaClock clock;
    /**
     * Whether a gateway driven by ARI answers from its IN port, the address Asterisk sends to: strict
     * RTP accepts that at once, while the OUT port is a new source whose first packets it drops while
     * it learns them (see docs/asterisk/README.md for the measurement).
     */
    static final boolean ANSWER_FROM_IN_WHEN_SIGNALLED = true;

    private final RtpLeg rtp;
    private final UdpEndpoint rtpIn;
    private final UdpEndpoint rtpSend;
    private final PcmTransmitter pcmOut;
    private final PcmReceiver pcmIn;
    private final FrameQueue toCaller = new FrameQueue(16, Frames.SAMPLES);
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final short[] downFrame = new short[Frames.SAMPLES];
    private final StreamClock downstream;
    private volatile boolean downIdle = true;
    private int downEmpty;
    private volatile long lastPcmArrivalNanos;
    private long minWaitNanos = Long.MAX_VALUE;
    private int waitTicks;
    private volatile long framesRealigned;

    public Gateway(LegConfig config, JitterSettings jitter, PcmLink link, MediaClock clock, PortBinder ports)
            throws IOException {
        LegPorts.Gateway p = (LegPorts.Gateway) config.ports();
        this.config = config;
        this.clock = clock;
        RtpReceiver receiver = new RtpReceiver(config.codec(), new SourceGuard(config.remote(), Presence.RTP_NANOS));
        this.pcmIn = new PcmReceiver(new FrameListener() {
            @Override
            public void onFrame(short[] frame, long originNanos) {
                long now = clock.time().nanoTime();
                lastPcmArrivalNanos = now;
                toCaller.offer(frame, 0, now); // tagged with its arrival, to see how long it waits for its tick
                if (downIdle) {
                    downIdle = false;
                    downstreamActive();
                }
            }
        }, link);
        try {
            UdpEndpoint in = bind(ports, p.rtpIn(), receiver);
            UdpEndpoint out = p.symmetric() ? in : bind(ports, p.rtpOut(), new SourceLatch());
            UdpEndpoint pcm = bind(ports, p.pcmFromBridge(), pcmIn);
            this.rtpIn = in;
            this.rtpSend = out;
            this.rtp = new RtpLeg(config, jitter, clock, receiver, out);
            this.pcmOut = new PcmTransmitter(pcm, link);
        } catch (IOException e) {
            close();
            throw e;
        }
        closeables.add(rtp);
        // Upstream: the caller's audio through the jitter buffer, a frame a tick, to the bridge.
        rtp.start(new FrameListener() {
            @Override
            public void onFrame(short[] frame, long originNanos) {
                pcmOut.send(frame, originNanos);
            }

            @Override
            public void onSilence() {
                pcmOut.silent();
            }
        });
        this.downstream = new StreamClock(clock, "gateway " + config.extension() + " down", this::downTick);
        closeables.add(downstream);
    }

    private UdpEndpoint bind(PortBinder ports, int port, io.parley.media.UdpReactor.Receiver r) throws IOException {
        UdpEndpoint e = ports.udp(port, r);
        closeables.add(e);
        return e;
    }

    private void downstreamActive() {
        downstream.streamActive(clock.time().nanoTime());
    }

    private void downTick(long deadline) {
        int backlog = toCaller.size();
        if (backlog > MAX_BACKLOG) {
            toCaller.skip(backlog - 1);
        }
        long arrived = toCaller.poll(downFrame, 0);
        if (arrived != Long.MIN_VALUE) {
            downEmpty = 0;
            rtp.send(downFrame, arrived);
            realign(clock.time().nanoTime() - arrived);
        } else {
            rtp.silent(); // silence, or the waiting tone
            if (++downEmpty >= 2) {
                downIdle = true;
            }
        }
    }

    /**
     * The downstream clock is phased to the PCM only when it starts or resumes; if the other side
     * restarts at a new phase while frames keep coming, each frame waits up to a period for its tick,
     * and a frame that arrived in the same period as the previous one leaves a standing backlog of 20 ms
     * that {@link #MAX_BACKLOG} never cuts. Once every frame of {@link #REALIGN_TICKS} ticks waited more
     * than {@link #REALIGN_AFTER_NANOS}, the backlog is sent and the next tick comes just after the next frame.
     */
    private void realign(long waitedNanos) {
        minWaitNanos = Math.min(minWaitNanos, waitedNanos);
        if (++waitTicks < REALIGN_TICKS) {
            return;
        }
        if (minWaitNanos > REALIGN_AFTER_NANOS) {
            // A standing backlog goes out now, back to back (the caller's jitter buffer takes a
            // burst better than a gap), and the next tick comes just after the next frame.
            while (toCaller.poll(downFrame, 0) != Long.MIN_VALUE) {
                rtp.send(downFrame, 0);
                framesRealigned++;
            }
            downstream.streamActive(lastPcmArrivalNanos + MediaClock.PERIOD_NANOS);
        }
        minWaitNanos = Long.MAX_VALUE;
        waitTicks = 0;
    }

    /** Frames for the caller sent early (back to back) to realign the downstream tick with the PCM arriving. */
    public long framesRealigned() {
        return framesRealigned;
    }

    public LegConfig config() {
        return config;
    }

    /** Signalling (ARI) drives this leg: without a call it takes no RTP. */
    public void drivenBySignalling() {
        rtp.drivenBySignalling();
    }

    /**
     * Signalling says a caller is on this leg; their RTP comes from, and their audio goes to,
     * {@code media} (Asterisk's ExternalMedia address for the call) when it is known.
     */
    public void callerConnected(Optional<InetSocketAddress> media) {
        rtp.sendFrom(media.isPresent() && ANSWER_FROM_IN_WHEN_SIGNALLED ? rtpIn : rtpSend);
        rtp.callerConnected(media);
    }

    /**
     * Whether the caller waits for the other leg of the bridge: while the bridge has nothing for
     * them, they hear the waiting tone.
     */
    public void waiting(boolean waiting) {
        rtp.waiting(waiting);
    }

    /** Signalling says the caller has gone: nothing more is taken from their address. */
    public void callerGone() {
        rtp.callerGone();
    }

    public boolean present() {
        return rtp.present();
    }

    public LegStats stats(String bridge) {
        return pcmIn.addDropsTo(rtp.stats(bridge));
    }

    @Override
    public void close() {
        for (AutoCloseable c : closeables.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                // best effort while shutting down
            }
        }
    }
}
