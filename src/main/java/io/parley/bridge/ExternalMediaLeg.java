package io.parley.bridge;

import io.parley.config.JitterSettings;
import io.parley.config.LegConfig;
import io.parley.config.LegPorts;
import io.parley.event.LegStats;
import io.parley.media.MediaClock;
import io.parley.media.UdpEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A leg fed straight by Asterisk's ExternalMedia (the seed's 7000-7003 style): one bidirectional
 * RTP port for the caller's audio and what they hear, and one port that carries the translated
 * speech alone to an RTP peer that latches onto it. With ARI, the media port takes RTP only from,
 * and sends only to, the address Asterisk gave for the call's ExternalMedia channel; without it,
 * from a source that completed probation (see {@link SourceGuard}).
 */
public final class ExternalMediaLeg implements LegSide {
    private final LegConfig config;
    private final MediaClock clock;
    private final RtpReceiver receiver;
    private final RtpTransmitter transmitter;
    private final SourceLatch translatedPeer;
    private final RtpTransmitter translated;
    private final UdpEndpoint media;
    private final UdpEndpoint translatedSocket;
    private final short[] frame = new short[Frames.SAMPLES];
    private StreamClock input;
    private final LegCall call;

    public ExternalMediaLeg(LegConfig config, JitterSettings jitter, MediaClock clock, PortBinder ports)
            throws IOException {
        LegPorts.ExternalMedia p = (LegPorts.ExternalMedia) config.ports();
        this.config = config;
        this.clock = clock;
        this.receiver = new RtpReceiver(config.codec(), jitter, new SourceGuard(config.remote(), Presence.RTP_NANOS));
        this.translatedPeer = new SourceLatch(config.remote());
        this.call = new LegCall(receiver.guard(), config.toneZone());
        this.media = ports.udp(p.media(), receiver);
        UdpEndpoint second;
        try {
            second = ports.udp(p.translated(), translatedPeer);
        } catch (IOException e) {
            media.close();
            throw e;
        }
        this.translatedSocket = second;
        this.transmitter = new RtpTransmitter(config.codec(), media, receiver::remote);
        this.translated = new RtpTransmitter(config.codec(), translatedSocket, translatedPeer::source);
    }

    @Override
    public LegConfig config() {
        return config;
    }

    @Override
    public void start(FrameListener listener) {
        input = new StreamClock(clock, "in " + config.extension(), deadline -> {
            if (receiver.pull(deadline, frame)) {
                listener.onFrame(frame, deadline);
            } else {
                listener.onSilence();
            }
        });
        receiver.onActivity(input::streamActive);
    }

    /**
     * Relays this caller's packets to {@code to} as they are, without decoding (both legs run at
     * the same clock rate): the cross-patch fast path. Used instead of {@link #start}.
     */
    public void startRelay(ExternalMediaLeg to) {
        EncodedFrame encoded = new EncodedFrame();
        int samplesPerTick = config.codec().sampleRate() * Frames.MILLIS / 1000;
        // A packet longer than a tick (another ptime) is still playing at the next ticks: nothing is
        // pulled or sent until its duration has passed, so packets leave as often as they came.
        int[] stillPlaying = {0};
        input = new StreamClock(clock, "relay " + config.extension(), deadline -> {
            if (stillPlaying[0] >= samplesPerTick) {
                stillPlaying[0] -= samplesPerTick;
            } else if (receiver.pullEncoded(deadline, encoded)) {
                to.transmitter.sendEncoded(encoded, receiver.decoder(encoded.payloadType));
                stillPlaying[0] += encoded.samples - samplesPerTick;
            } else {
                stillPlaying[0] = 0;
                to.silent();
            }
        });
        receiver.onActivity(input::streamActive);
    }

    /** Whether {@link #startRelay} can join this leg and {@code other}: the same clock rate. */
    public boolean relaysTo(ExternalMediaLeg other) {
        return config.codec().sampleRate() == other.config.codec().sampleRate();
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

    /** Whether the caller waits for the other leg of the bridge (and hears the waiting tone). */
    public void waiting(boolean waiting) {
        call.waitingTone().waiting(waiting);
    }

    @Override
    public void sendTranslated(short[] out) {
        if (translatedPeer.source() != null) {
            translated.send(out);
        }
    }

    /** Signalling (ARI) drives this leg: without a call it takes no RTP. */
    public void drivenBySignalling() {
        call.drive();
    }

    /**
     * Signalling says a caller is on this leg; their RTP comes from, and their audio goes to,
     * {@code media} (Asterisk's ExternalMedia address for the call) when it is known.
     */
    public void callerConnected(Optional<InetSocketAddress> media) {
        call.connected(media);
    }

    /** Signalling says the caller has gone: nothing more is taken from their address. */
    public void callerGone() {
        call.gone();
    }

    @Override
    public boolean present() {
        long last = receiver.lastArrivalNanos();
        return call.present(last, clock.time().nanoTime());
    }

    @Override
    public LegStats stats(String bridge) {
        return receiver.stats(bridge, config.extension(), transmitter);
    }

    @Override
    public void close() {
        if (input != null) {
            input.close();
        }
        media.close();
        translatedSocket.close();
    }
}
