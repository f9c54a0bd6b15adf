package io.parley.pcmlink;

import io.parley.audio.LevelMeter;
import io.parley.config.LegConfig;
import io.parley.config.LegPorts;
import io.parley.event.LegStats;
import io.parley.leg.FrameListener;
import io.parley.leg.LegSide;
import io.parley.leg.PortBinder;
import io.parley.leg.Presence;
import io.parley.media.MediaClock;
import io.parley.media.UdpEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The bridge's end of a gateway's PCM link, when the gateway runs in another process:
 * PCM from the gateway arrives on {@code pcm.toBridge}, PCM for the caller leaves from the same
 * socket to the gateway's {@code pcm.fromBridge}, which is the only source accepted.
 */
public final class PcmLegSide implements LegSide {
    private final LegConfig config;
    private final MediaClock clock;
    private final PcmReceiver receiver;
    private final PcmTransmitter transmitter;
    private final UdpEndpoint socket;
    private volatile FrameListener listener = new FrameListener() {
        @Override
        public void onFrame(short[] frame, long originNanos) {}
    };
    private final Presence presence = new Presence();
    /** No frame for this long (three frame times) means the caller's audio stopped. */
    private static final long SILENT_AFTER_NANOS = 60_000_000L;

    public PcmLegSide(LegConfig config, PcmLink link, MediaClock clock, PortBinder ports) throws IOException {
        LegPorts.Gateway p = (LegPorts.Gateway) config.ports();
        this.config = config;
        this.clock = clock;
        this.receiver = new PcmReceiver(
                new FrameListener() {
                    @Override
                    public void onFrame(short[] frame, long originNanos) {
                        listener.onFrame(frame, originNanos);
                    }
                },
                link);
        this.socket = ports.udp(p.pcmToBridge(), receiver);
        this.transmitter = new PcmTransmitter(socket, link);
    }

    @Override
    public LegConfig config() {
        return config;
    }

    @Override
    public void start(FrameListener l) {
        this.listener = l;
    }

    @Override
    public void send(short[] frame, long originNanos) {
        transmitter.send(frame, originNanos);
    }

    @Override
    public void silent() {
        transmitter.silent();
    }

    @Override
    public void callerConnected(Optional<InetSocketAddress> media) {
        presence.signal(true);
    }

    @Override
    public void callerGone() {
        presence.signal(false);
    }

    /** Signalling drives this leg: until it says a caller came, none is there. */
    @Override
    public void drivenBySignalling() {
        presence.drive();
    }

    @Override
    public boolean present() {
        long last = receiver.lastArrivalNanos();
        return presence.present(last, clock.time().nanoTime());
    }

    @Override
    public LegStats stats(String bridge) {
        InetSocketAddress source = receiver.source();
        return new LegStats(
                System.currentTimeMillis(),
                bridge,
                config.extension(),
                "pcm",
                source == null ? "" : source.getAddress().getHostAddress() + ":" + source.getPort(),
                new LegStats.Flow(receiver.datagrams(), receiver.bytes(), levelIn()),
                new LegStats.Flow(transmitter.datagrams(), transmitter.bytes(), transmitter.levelDbfs()),
                new LegStats.Network(receiver.lost(), 0, 0, 0),
                new LegStats.Playout(receiver.late(), 0, 0, 0, 0),
                receiver.drops());
    }

    /** The level of the caller's audio: silence once their frames stop (a gap is silence, not the last frame). */
    private double levelIn() {
        long last = receiver.lastArrivalNanos();
        boolean flowing = last != 0 && clock.time().nanoTime() - last < SILENT_AFTER_NANOS;
        return flowing ? receiver.levelDbfs() : LevelMeter.FLOOR_DBFS;
    }

    /** {@code stats} (the gateway's, when it runs in this process) with what this end's PCM port dropped. */
    public LegStats addDropsTo(LegStats stats) {
        return receiver.addDropsTo(stats);
    }

    @Override
    public void close() {
        socket.close();
    }
}
