package io.parley.bridge;

import io.parley.config.JitterSettings;
import io.parley.config.LegConfig;
import io.parley.config.LegPorts;
import io.parley.event.LegStats;
import io.parley.media.MediaClock;
import io.parley.media.UdpEndpoint;
import java.io.IOException;

/**
 * A leg fed straight by Asterisk's ExternalMedia (the seed's 7000-7003 style): one bidirectional
 * RTP port for the caller's audio and what they hear, latching onto the sender, and one port that
 * carries the translated speech alone to whichever RTP peer latches onto it.
 */
public final class ExternalMediaLeg implements LegSide {
    private final LegConfig config;
    private final MediaClock clock;
    private final RtpReceiver receiver;
    private final RtpTransmitter transmitter;
    private final SourceLatch translatedPeer = new SourceLatch();
    private final RtpTransmitter translated;
    private final UdpEndpoint media;
    private final UdpEndpoint translatedSocket;
    private final short[] frame = new short[Frames.SAMPLES];
    private StreamClock input;
    private final Presence presence = new Presence();

    public ExternalMediaLeg(LegConfig config, JitterSettings jitter, MediaClock clock, PortBinder ports)
            throws IOException {
        LegPorts.ExternalMedia p = (LegPorts.ExternalMedia) config.ports();
        this.config = config;
        this.clock = clock;
        this.receiver = new RtpReceiver(config.codec(), jitter);
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
                to.transmitter.silent();
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

    @Override
    public void silent() {
        transmitter.silent();
    }

    @Override
    public void sendTranslated(short[] out) {
        if (translatedPeer.source() != null) {
            translated.send(out);
        }
    }

    /** Signalling (ARI) says a caller is on this leg, or has gone. */
    public void signal(boolean present) {
        presence.signal(present);
        if (!present) {
            receiver.unlatch();
        }
    }

    @Override
    public boolean present() {
        long last = receiver.lastArrivalNanos();
        return presence.present(last, clock.time().nanoTime());
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
