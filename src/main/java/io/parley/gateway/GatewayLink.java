package io.parley.gateway;

import io.parley.config.LegPorts;
import io.parley.leg.FrameListener;
import io.parley.leg.Frames;
import io.parley.leg.PortBinder;
import io.parley.leg.StreamClock;
import io.parley.media.FrameQueue;
import io.parley.media.MediaClock;
import io.parley.media.UdpEndpoint;
import io.parley.pcmlink.PcmLink;
import io.parley.pcmlink.PcmReceiver;
import io.parley.pcmlink.PcmTransmitter;
import io.parley.rtpleg.RtpLeg;
import java.io.IOException;

/**
 * A gateway's PCM link to its bridge in another process (the split deployment, where {@code parley
 * gateway} and {@code parley bridge} run apart, possibly on two hosts): the caller's audio goes up through the leg's jitter buffer as
 * a PCM datagram a tick; PCM from the bridge is queued and sent to the caller as RTP by a clock task
 * of its own, aligned to the PCM arriving.
 *
 * <p>Threading contract: the upstream and downstream ticks run on the media clock, the PCM arrives
 * on a reactor thread; they meet in a {@link FrameQueue}.
 */
final class GatewayLink implements AutoCloseable {
    /** Frames waiting for RTP output beyond which the backlog is cut (the bridge's clock runs fast). */
    static final int MAX_BACKLOG = 3;
    /**
     * Frames that all waited longer than this for their tick over {@link #REALIGN_TICKS} ticks mean
     * the downstream tick is out of phase with the PCM arriving (the other gateway's stream restarted
     * at a new phase while this one kept going): it is realigned.
     */
    static final long REALIGN_AFTER_NANOS = 5_000_000L;

    static final int REALIGN_TICKS = 10;

    private final RtpLeg rtp;
    private final MediaClock clock;
    private final PcmReceiver in;
    private final PcmTransmitter out;
    private final UdpEndpoint socket;
    private final FrameQueue toCaller = new FrameQueue(16, Frames.SAMPLES);
    private final short[] downFrame = new short[Frames.SAMPLES];
    private final StreamClock downstream;
    private volatile boolean downIdle = true;
    private int downEmpty;
    private volatile long lastPcmArrivalNanos;
    private long minWaitNanos = Long.MAX_VALUE;
    private int waitTicks;
    private volatile long framesRealigned;

    /** Binds the gateway's {@code pcm.fromBridge} port and starts both directions. */
    GatewayLink(LegPorts.Gateway ports, RtpLeg rtp, PcmLink link, MediaClock clock, PortBinder binder)
            throws IOException {
        this.rtp = rtp;
        this.clock = clock;
        this.downstream = new StreamClock(clock, "gateway " + rtp.config().extension() + " down", this::downTick);
        this.in = new PcmReceiver(
                new FrameListener() {
                    @Override
                    public void onFrame(short[] frame, long originNanos) {
                        long now = clock.time().nanoTime();
                        lastPcmArrivalNanos = now;
                        toCaller.offer(frame, 0, now); // tagged with its arrival, to see how long it waits for its tick
                        if (downIdle) {
                            downIdle = false;
                            downstream.streamActive(now);
                        }
                    }
                },
                link);
        try {
            this.socket = binder.udp(ports.pcmFromBridge(), in);
        } catch (IOException e) {
            downstream.close();
            throw e;
        }
        this.out = new PcmTransmitter(socket, link);
        // Upstream: the caller's audio through the jitter buffer, a frame a tick, to the bridge.
        rtp.start(new FrameListener() {
            @Override
            public void onFrame(short[] frame, long originNanos) {
                out.send(frame, originNanos);
            }

            @Override
            public void onSilence() {
                out.silent();
            }
        });
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
    long framesRealigned() {
        return framesRealigned;
    }

    /** The PCM from the bridge: its counters and drops. */
    PcmReceiver receiver() {
        return in;
    }

    @Override
    public void close() {
        downstream.close();
        socket.close();
    }
}
