package io.parley.gateway;

import io.parley.config.JitterSettings;
import io.parley.config.LegConfig;
import io.parley.config.LegPorts;
import io.parley.event.LegStats;
import io.parley.leg.FrameListener;
import io.parley.leg.LegSide;
import io.parley.leg.PortBinder;
import io.parley.leg.Presence;
import io.parley.media.MediaClock;
import io.parley.media.UdpEndpoint;
import io.parley.media.UdpReactor;
import io.parley.pcmlink.PcmLink;
import io.parley.pcmlink.PcmReceiver;
import io.parley.rtpleg.RtpLeg;
import io.parley.rtpleg.RtpReceiver;
import io.parley.rtpleg.SourceGuard;
import io.parley.rtpleg.SourceLatch;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One extension's gateway between Asterisk and its bridge: RTP from Asterisk arrives on the
 * IN port; what the caller hears goes back to Asterisk as RTP from the OUT port (or the IN port when
 * symmetric), to the address Asterisk sends from. Between the gateway and its bridge:
 *
 * <ul>
 *   <li>the bridge in another process ({@link #toRemoteBridge}: {@code parley gateway}): PCM datagrams
 *       over UDP both ways, each direction paced by the media clock ({@link GatewayLink});</li>
 *   <li>the bridge in this process ({@link #withBridgeHere}: {@code parley run}): nothing at all. The
 *       bridge's end of the leg is the gateway's RTP leg itself ({@link #bridgeSide}), so a
 *       cross-patch forwards packets on arrival and a translation bridge plays and hears the caller
 *       on its own tick, with no socket and no second clock phase between them. Both PCM ports stay
 *       bound, as the plan says, and anything sent to them is dropped and counted by the link's
 *       rules (it can only be a stranger: neither end sends).</li>
 * </ul>
 */
public final class Gateway implements AutoCloseable {
    /**
     * Whether a gateway driven by ARI answers from its IN port, the address Asterisk sends to: strict
     * RTP accepts that at once, while the OUT port is a new source whose first packets it drops while
     * it learns them (see docs/asterisk/README.md for the measurement).
     */
    static final boolean ANSWER_FROM_IN_WHEN_SIGNALLED = true;

    private final LegConfig config;
    private final RtpLeg rtp;
    private final UdpEndpoint rtpIn;
    private final UdpEndpoint rtpSend;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    /** The PCM ports' receivers, whose drops the leg's statistics show. */
    private final List<PcmReceiver> pcm = new ArrayList<>();

    private final boolean bridgeHere;

    private Gateway(LegConfig config, JitterSettings jitter, MediaClock clock, PortBinder ports, boolean bridgeHere)
            throws IOException {
        LegPorts.Gateway p = (LegPorts.Gateway) config.ports();
        this.config = config;
        this.bridgeHere = bridgeHere;
        RtpReceiver receiver = new RtpReceiver(config.codec(), new SourceGuard(config.remote(), Presence.RTP_NANOS));
        try {
            UdpEndpoint in = bind(ports, p.rtpIn(), receiver);
            this.rtpIn = in;
            this.rtpSend = p.symmetric() ? in : bind(ports, p.rtpOut(), new SourceLatch());
        } catch (IOException e) {
            close();
            throw e;
        }
        this.rtp = new RtpLeg(config, jitter, clock, receiver, rtpSend);
        closeables.add(rtp);
    }

    /** A gateway whose bridge runs in another process ({@code parley gateway}): PCM over UDP. */
    public static Gateway toRemoteBridge(
            LegConfig config, JitterSettings jitter, PcmLink link, MediaClock clock, PortBinder ports)
            throws IOException {
        Gateway g = new Gateway(config, jitter, clock, ports, false);
        try {
            GatewayLink pcm = new GatewayLink((LegPorts.Gateway) config.ports(), g.rtp, link, clock, ports);
            g.closeables.add(pcm);
            g.pcm.add(pcm.receiver());
            return g;
        } catch (IOException | RuntimeException e) {
            g.close();
            throw e;
        }
    }

    /**
     * A gateway whose bridge runs in this process: the bridge takes {@link #bridgeSide}. Both PCM ports
     * are bound and served by {@code gatewayEnd}'s and {@code bridgeEnd}'s rules, their audio unused.
     */
    public static Gateway withBridgeHere(
            LegConfig config,
            JitterSettings jitter,
            PcmLink gatewayEnd,
            PcmLink bridgeEnd,
            MediaClock clock,
            PortBinder ports)
            throws IOException {
        Gateway g = new Gateway(config, jitter, clock, ports, true);
        LegPorts.Gateway p = (LegPorts.Gateway) config.ports();
        try {
            g.servePcm(ports, p.pcmFromBridge(), gatewayEnd);
            g.servePcm(ports, p.pcmToBridge(), bridgeEnd);
            return g;
        } catch (IOException | RuntimeException e) {
            g.close();
            throw e;
        }
    }

    private void servePcm(PortBinder ports, int port, PcmLink link) throws IOException {
        PcmReceiver unused = new PcmReceiver(
                new FrameListener() {
                    @Override
                    public void onFrame(short[] frame, long originNanos) {
                        // the two ends talk in memory; nothing that arrives here is theirs
                    }
                },
                link);
        bind(ports, port, unused);
        pcm.add(unused);
    }

    private UdpEndpoint bind(PortBinder ports, int port, UdpReactor.Receiver r) throws IOException {
        UdpEndpoint e = ports.udp(port, r);
        closeables.add(e);
        return e;
    }

    /**
     * The bridge's end of this leg when the bridge runs in this process ({@link #withBridgeHere}):
     * the caller's RTP leg itself; empty otherwise.
     */
    public Optional<LegSide> bridgeSide() {
        return bridgeHere ? Optional.of(rtp) : Optional.empty();
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

    /** The caller's RTP leg's statistics, with what the PCM ports dropped. */
    public LegStats stats(String bridge) {
        LegStats stats = rtp.stats(bridge);
        for (PcmReceiver r : pcm) {
            stats = r.addDropsTo(stats);
        }
        return stats;
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
