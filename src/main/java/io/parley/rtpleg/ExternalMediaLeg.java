package io.parley.rtpleg;

import io.parley.config.JitterSettings;
import io.parley.config.LegConfig;
import io.parley.config.LegPorts;
import io.parley.event.LegStats;
import io.parley.leg.FrameListener;
import io.parley.leg.LegSide;
import io.parley.leg.PacketSink;
import io.parley.leg.PortBinder;
import io.parley.leg.Presence;
import io.parley.media.MediaClock;
import io.parley.media.UdpEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A leg fed straight by Asterisk's ExternalMedia, with no gateway between: one bidirectional
 * RTP port for the caller's audio and what they hear (an {@link RtpLeg}), and one port that carries
 * the translated speech alone to an RTP peer that latches onto it. With ARI, the media port takes
 * RTP only from, and sends only to, the address Asterisk gave for the call's ExternalMedia channel;
 * without it, from a source that completed probation (see {@link SourceGuard}).
 */
public final class ExternalMediaLeg implements LegSide {
    private final RtpLeg rtp;
    private final SourceLatch translatedPeer;
    private final RtpTransmitter translated;
    private final UdpEndpoint media;
    private final UdpEndpoint translatedSocket;

    public ExternalMediaLeg(LegConfig config, JitterSettings jitter, MediaClock clock, PortBinder ports)
            throws IOException {
        LegPorts.ExternalMedia p = (LegPorts.ExternalMedia) config.ports();
        RtpReceiver receiver = new RtpReceiver(config.codec(), new SourceGuard(config.remote(), Presence.RTP_NANOS));
        this.translatedPeer = new SourceLatch(config.remote());
        this.media = ports.udp(p.media(), receiver);
        UdpEndpoint second;
        try {
            second = ports.udp(p.translated(), translatedPeer);
        } catch (IOException e) {
            media.close();
            throw e;
        }
        this.translatedSocket = second;
        this.rtp = new RtpLeg(config, jitter, clock, receiver, media);
        this.translated =
                new RtpTransmitter(config.codec(), translatedSocket, now -> translatedPeer.source(), clock.time());
    }

    @Override
    public LegConfig config() {
        return rtp.config();
    }

    @Override
    public void start(FrameListener listener) {
        rtp.start(listener);
    }

    @Override
    public boolean forwardTo(LegSide to) {
        return rtp.forwardTo(to);
    }

    @Override
    public Optional<PacketSink> packetSink(int clockRate) {
        return rtp.packetSink(clockRate);
    }

    @Override
    public void send(short[] out, long originNanos) {
        rtp.send(out, originNanos);
    }

    @Override
    public void silent() {
        rtp.silent();
    }

    @Override
    public void sendTranslated(short[] out) {
        if (translatedPeer.source() != null) {
            translated.send(out);
        }
    }

    @Override
    public void waiting(boolean waiting) {
        rtp.waiting(waiting);
    }

    @Override
    public void drivenBySignalling() {
        rtp.drivenBySignalling();
    }

    @Override
    public void callerConnected(Optional<InetSocketAddress> media) {
        rtp.callerConnected(media);
    }

    @Override
    public void callerGone() {
        rtp.callerGone();
    }

    @Override
    public boolean present() {
        return rtp.present();
    }

    @Override
    public LegStats stats(String bridge) {
        return rtp.stats(bridge);
    }

    @Override
    public void close() {
        rtp.close();
        media.close();
        translatedSocket.close();
    }
}
