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

/**
 * The seed's {@code gateway-NNNN-buffered.js} for one extension: RTP from Asterisk arrives on the
 * IN port and goes through the jitter buffer to the bridge as PCM datagrams; PCM from the bridge
 * goes back to Asterisk as RTP from the OUT port (or the IN port when symmetric), to the address
 * Asterisk sends from. Both directions are paced by the media clock, each aligned to its input.
 */
public final class Gateway implements AutoCloseable {
    /** Frames waiting for RTP output beyond which the backlog is cut (the bridge's clock runs fast). */
    static final int MAX_BACKLOG = 3;

    private final LegConfig config;
    private final MediaClock clock;
    private final RtpReceiver receiver;
    private final RtpTransmitter rtpOut;
    private final PcmTransmitter pcmOut;
    private final PcmReceiver pcmIn;
    private final FrameQueue toCaller = new FrameQueue(16, Frames.SAMPLES);
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final short[] upFrame = new short[Frames.SAMPLES];
    private final short[] downFrame = new short[Frames.SAMPLES];
    private final StreamClock upstream;
    private final StreamClock downstream;
    private volatile boolean downIdle = true;
    private int downEmpty;
    private final Presence presence = new Presence();

    public Gateway(LegConfig config, JitterSettings jitter, String host, MediaClock clock, PortBinder ports)
            throws IOException {
        LegPorts.Gateway p = (LegPorts.Gateway) config.ports();
        this.config = config;
        this.clock = clock;
        this.receiver = new RtpReceiver(config.codec(), jitter);
        this.pcmIn = new PcmReceiver(new FrameListener() {
            @Override
            public void onFrame(short[] frame, long originNanos) {
                toCaller.offer(frame, 0, originNanos);
                if (downIdle) {
                    downIdle = false;
                    downstreamActive();
                }
            }
        });
        try {
            UdpEndpoint in = bind(ports, p.rtpIn(), receiver);
            UdpEndpoint out = p.symmetric() ? in : bind(ports, p.rtpOut(), new SourceLatch());
            UdpEndpoint pcm = bind(ports, p.pcmFromBridge(), pcmIn);
            this.rtpOut = new RtpTransmitter(config.codec(), out, receiver::remote);
            this.pcmOut = new PcmTransmitter(pcm, new InetSocketAddress(host, p.pcmToBridge()));
        } catch (IOException e) {
            close();
            throw e;
        }
        this.upstream = new StreamClock(clock, "gateway " + config.extension() + " up", this::upTick);
        this.downstream = new StreamClock(clock, "gateway " + config.extension() + " down", this::downTick);
        receiver.onActivity(upstream::streamActive);
        closeables.add(upstream);
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

    private void upTick(long deadline) {
        if (receiver.pull(deadline, upFrame)) {
            pcmOut.send(upFrame, deadline);
        } else {
            pcmOut.silent();
        }
    }

    private void downTick(long deadline) {
        int backlog = toCaller.size();
        if (backlog > MAX_BACKLOG) {
            toCaller.skip(backlog - 1);
        }
        if (toCaller.poll(downFrame, 0) != Long.MIN_VALUE) {
            downEmpty = 0;
            rtpOut.send(downFrame);
        } else {
            rtpOut.silent();
            if (++downEmpty >= 2) {
                downIdle = true;
            }
        }
    }

    public LegConfig config() {
        return config;
    }

    /** Signalling (ARI) says a caller is on this leg, or has gone. */
    public void signal(boolean present) {
        presence.signal(present);
        if (!present) {
            receiver.unlatch();
        }
    }

    public boolean present() {
        long last = receiver.lastArrivalNanos();
        return presence.present(last, clock.time().nanoTime());
    }

    public LegStats stats(String bridge) {
        return receiver.stats(bridge, config.extension(), rtpOut);
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
