package io.parley.rtpleg;

import io.parley.audio.LevelMeter;
import io.parley.config.JitterSettings;
import io.parley.config.LegConfig;
import io.parley.event.LegStats;
import io.parley.leg.FrameListener;
import io.parley.leg.Frames;
import io.parley.leg.LegSide;
import io.parley.leg.PacketSink;
import io.parley.leg.StreamClock;
import io.parley.media.MediaClock;
import io.parley.media.UdpEndpoint;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A caller's RTP leg as a bridge uses it: their packets come in on one socket ({@link RtpReceiver}:
 * who may send, what is accepted), what they hear goes out from one socket ({@link RtpTransmitter}),
 * and signalling tells who is on the line ({@link LegCall}). Both ExternalMedia legs and gateways
 * are one of these.
 *
 * <p>The caller's packets take one of two paths, chosen once when a bridge starts: played on the
 * media clock as 16 kHz frames through a jitter buffer ({@link #start}: translation, or a partner
 * that needs samples), or forwarded as they arrive to a partner leg of the same clock rate
 * ({@link #forwardTo}: a cross-patch). Likewise what the caller hears is either a frame a tick
 * ({@link #send}, {@link #silent}) or the partner's packets as they come ({@link #packetSink});
 * then the waiting tone has a clock task of its own while the caller waits.
 *
 * <p>Threading contract: {@link #start}, {@link #forwardTo} and {@link #packetSink} once, while a
 * bridge starts; the signalling methods on the signalling thread; {@link #send} and {@link #silent}
 * on the media clock; the rest anywhere.
 */
public final class RtpLeg implements LegSide {
    private final LegConfig config;
    private final JitterSettings jitter;
    private final MediaClock clock;
    private final RtpReceiver receiver;
    private final RtpTransmitter transmitter;
    private final LegCall call;
    private final short[] frame = new short[Frames.SAMPLES];
    private volatile Reception reception = Reception.NONE;
    private StreamClock input;
    /** While the caller hears forwarded packets: the waiting tone's own task, while they wait. */
    private boolean fedByPackets;

    private StreamClock tone;

    /** @param out the socket the caller's audio leaves from (the one their RTP arrives on, or a gateway's OUT port) */
    public RtpLeg(LegConfig config, JitterSettings jitter, MediaClock clock, RtpReceiver receiver, UdpEndpoint out) {
        this.config = config;
        this.jitter = jitter;
        this.clock = clock;
        this.receiver = receiver;
        this.transmitter = new RtpTransmitter(config.codec(), out, receiver::destination, clock.time());
        this.call = new LegCall(receiver.guard(), config.toneZone());
    }

    @Override
    public LegConfig config() {
        return config;
    }

    @Override
    public void start(FrameListener listener) {
        JitterPlayout playout = new JitterPlayout(config.codec(), jitter);
        input = new StreamClock(clock, "in " + config.extension(), deadline -> {
            if (playout.pull(deadline, frame)) {
                listener.onFrame(frame, deadline);
            } else {
                listener.onSilence();
            }
        });
        playout.onActivity(input::streamActive);
        reception = playout;
        receiver.deliverTo(playout);
    }

    @Override
    public boolean forwardTo(LegSide to) {
        Optional<PacketSink> sink = to.packetSink(config.codec().sampleRate());
        sink.ifPresent(s -> {
            PacketForwarder forwarder = new PacketForwarder(config.codec(), s);
            reception = forwarder;
            receiver.deliverTo(forwarder);
        });
        return sink.isPresent();
    }

    @Override
    public synchronized Optional<PacketSink> packetSink(int clockRate) {
        if (clockRate != config.codec().sampleRate()) {
            return Optional.empty();
        }
        fedByPackets = true;
        updateTone();
        return Optional.of(transmitter::forward);
    }

    @Override
    public void send(short[] out, long originNanos) {
        transmitter.send(out);
    }

    /** Nothing for the caller this tick: silence, or the waiting tone while they wait for the other leg. */
    @Override
    public void silent() {
        short[] tone = call.waitingTone().next();
        if (tone != null) {
            transmitter.send(tone);
        } else {
            transmitter.silent();
        }
    }

    @Override
    public void waiting(boolean waiting) {
        call.waitingTone().waiting(waiting);
        updateTone();
    }

    /** A caller fed by forwarded packets has no tick to hear the waiting tone on: it gets one while waiting. */
    private synchronized void updateTone() {
        boolean wanted = fedByPackets && call.waitingTone().on();
        if (wanted && tone == null) {
            tone = new StreamClock(clock, "waiting tone " + config.extension(), deadline -> silent());
        } else if (!wanted && tone != null) {
            tone.close();
            tone = null;
        }
    }

    @Override
    public void drivenBySignalling() {
        call.drive();
    }

    @Override
    public void callerConnected(Optional<InetSocketAddress> media) {
        call.connected(media);
    }

    @Override
    public void callerGone() {
        call.gone();
    }

    @Override
    public boolean present() {
        return call.present(receiver.lastArrivalNanos(), clock.time().nanoTime());
    }

    /** Sends from {@code socket} from the next packet on; the stream goes on. */
    public void sendFrom(UdpEndpoint socket) {
        transmitter.sendFrom(socket);
    }

    RtpReceiver receiver() {
        return receiver;
    }

    @Override
    public LegStats stats(String bridge) {
        long now = clock.time().nanoTime();
        Reception r = reception;
        long last = receiver.lastArrivalNanos();
        boolean flowing = last != 0 && now - last < RtpTransmitter.SILENT_AFTER_NANOS;
        return new LegStats(
                System.currentTimeMillis(),
                bridge,
                config.extension(),
                config.codec().asteriskName(),
                receiver.remoteText(),
                receiver.flow(flowing ? r.levelDbfs() : LevelMeter.FLOOR_DBFS),
                transmitter.flow(now),
                r.network(receiver.receiveStats()),
                r.playout(),
                receiver.dropsByLabel());
    }

    /** Stops the leg's clock tasks; the sockets belong to whoever bound them. */
    @Override
    public synchronized void close() {
        if (input != null) {
            input.close();
        }
        if (tone != null) {
            tone.close();
            tone = null;
        }
        fedByPackets = false;
    }
}
