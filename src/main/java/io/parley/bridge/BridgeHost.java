package io.parley.bridge;

import io.parley.audio.EndpointSettings;
import io.parley.config.BridgeConfig;
import io.parley.config.LegConfig;
import io.parley.config.Mode;
import io.parley.config.ParleyConfig;
import io.parley.config.Topology;
import io.parley.event.EventBus;
import io.parley.gateway.Gateway;
import io.parley.leg.LegSide;
import io.parley.leg.PortBinder;
import io.parley.media.MediaClock;
import io.parley.media.MediaClocks;
import io.parley.pcmlink.PcmLegSide;
import io.parley.pcmlink.PcmLink;
import io.parley.rtpleg.ExternalMediaLeg;
import io.parley.speech.SpeechServices;
import io.parley.translation.TranslationBridge;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bridges this process runs, built from the configuration for its {@link Role}: gateways,
 * the bridges' ends of their legs, and the logic joining them. Start-up is all or nothing.
 */
public final class BridgeHost implements AutoCloseable {
    private final List<HostedBridge> bridges;
    private final List<TranslationBridge> translations;
    private final StatsSampler sampler;

    private BridgeHost(List<HostedBridge> bridges, EventBus bus) {
        this.bridges = List.copyOf(bridges);
        this.translations = this.bridges.stream()
                .map(HostedBridge::logic)
                .filter(TranslationBridge.class::isInstance)
                .map(TranslationBridge.class::cast)
                .toList();
        this.sampler = new StatsSampler(this.bridges, bus);
    }

    /**
     * Waits until every translation bridge's engines are ready or known to be missing (they start
     * in the background; audio flows meanwhile). False when {@code timeout} passed first.
     */
    public boolean awaitEngines(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (TranslationBridge t : translations) {
            if (!t.awaitEngines(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    /** Builds and starts everything {@code role} asks for; on failure, releases what it had bound. */
    public static BridgeHost start(
            ParleyConfig config,
            Role role,
            MediaClock clock,
            PortBinder ports,
            EventBus bus,
            SpeechServices speech,
            LegFactory audioSocket)
            throws IOException {
        return start(config, role, MediaClocks.of(clock), ports, bus, speech, audioSocket);
    }

    /** The same with each bridge on the next of several clocks. */
    public static BridgeHost start(
            ParleyConfig config,
            Role role,
            MediaClocks clocks,
            PortBinder ports,
            EventBus bus,
            SpeechServices speech,
            LegFactory audioSocket)
            throws IOException {
        return start(config, role, clocks, ports, bus, speech, audioSocket, LegTaps.NONE);
    }

    /** The same with the legs {@code taps} names recorded. */
    public static BridgeHost start(
            ParleyConfig config,
            Role role,
            MediaClocks clocks,
            PortBinder ports,
            EventBus bus,
            SpeechServices speech,
            LegFactory audioSocket,
            LegTaps taps)
            throws IOException {
        Assembly assembly = new Assembly(config, role, ports, bus, speech, audioSocket, taps);
        List<HostedBridge> built = new ArrayList<>();
        try {
            for (BridgeConfig bridge : config.bridges()) {
                assembly.build(bridge, clocks.next()).ifPresent(built::add);
            }
        } catch (IOException | RuntimeException e) {
            built.forEach(HostedBridge::close);
            throw e;
        }
        return new BridgeHost(built, bus);
    }

    /** What joins a bridge's two legs, and whether it is busy translating. */
    private record Logic(AutoCloseable logic, HostedBridge.Activity activity) {
        static final Logic NONE = new Logic(null, HostedBridge.Activity.NEVER);
    }

    /** Builds each bridge's part of {@code role} from the same configuration, ports, bus, engines and taps. */
    private record Assembly(
            ParleyConfig config,
            Role role,
            PortBinder ports,
            EventBus bus,
            SpeechServices speech,
            LegFactory audioSocket,
            LegTaps taps) {

        /** The bridge's gateways and bridge side that run here, started on {@code clock}; empty when none does. */
        Optional<HostedBridge> build(BridgeConfig bridge, MediaClock clock) throws IOException {
            Map<String, Gateway> gateways = new LinkedHashMap<>();
            Map<String, LegSide> sides = new LinkedHashMap<>();
            try {
                openGateways(bridge, clock, gateways);
                Logic logic = Logic.NONE;
                if (role.runsBridge(bridge)) {
                    for (LegConfig leg : bridge.legs()) {
                        sides.put(
                                leg.extension(),
                                TappedLeg.wrap(side(bridge, leg, clock, gateways), taps, bridge.name()));
                    }
                    logic = join(
                            bridge,
                            sides.get(bridge.leg(0).extension()),
                            sides.get(bridge.leg(1).extension()),
                            clock);
                }
                if (gateways.isEmpty() && sides.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new HostedBridge(bridge, gateways, sides, logic.logic(), logic.activity()));
            } catch (IOException | RuntimeException e) {
                sides.values().forEach(LegSide::close);
                gateways.values().forEach(Gateway::close);
                throw e;
            }
        }

        /** Opens the gateways of the bridge's legs that this role runs into {@code gateways}. */
        private void openGateways(BridgeConfig bridge, MediaClock clock, Map<String, Gateway> gateways)
                throws IOException {
            if (bridge.topology() != Topology.GATEWAY) {
                return;
            }
            for (LegConfig leg : bridge.legs()) {
                if (role.runsGateway(bridge, leg)) {
                    PcmLink gatewayEnd = PcmLink.gatewayEnd(bridge, leg, config.bind(), config.pcm());
                    // With its bridge in this process, a gateway talks to it in memory, on one clock.
                    gateways.put(
                            leg.extension(),
                            role.runsBridge(bridge)
                                    ? Gateway.withBridgeHere(
                                            leg,
                                            bridge.jitter(),
                                            gatewayEnd,
                                            PcmLink.bridgeEnd(bridge, leg, config.bind(), config.pcm()),
                                            clock,
                                            ports)
                                    : Gateway.toRemoteBridge(leg, bridge.jitter(), gatewayEnd, clock, ports));
                }
            }
        }

        /** The bridge's end of {@code leg}: the gateway's RTP leg when it runs here, else its topology's own. */
        private LegSide side(BridgeConfig bridge, LegConfig leg, MediaClock clock, Map<String, Gateway> gateways)
                throws IOException {
            Optional<LegSide> inMemory =
                    Optional.ofNullable(gateways.get(leg.extension())).flatMap(Gateway::bridgeSide);
            return switch (bridge.topology()) {
                case GATEWAY ->
                    inMemory.isPresent()
                            ? inMemory.get()
                            : new PcmLegSide(
                                    leg, PcmLink.bridgeEnd(bridge, leg, config.bind(), config.pcm()), clock, ports);
                case EXTERNALMEDIA -> new ExternalMediaLeg(leg, bridge.jitter(), clock, ports);
                case AUDIOSOCKET -> audioSocket.open(leg);
            };
        }

        /** Starts the bridge's mode between its two legs: a cross-patch or a translation. */
        private Logic join(BridgeConfig bridge, LegSide a, LegSide b, MediaClock clock) {
            if (bridge.mode() == Mode.CROSSPATCH) {
                CrossPatchBridge relay = new CrossPatchBridge(a, b);
                relay.start();
                return new Logic(relay, HostedBridge.Activity.NEVER);
            }
            TranslationBridge translation = new TranslationBridge(
                    bridge,
                    a,
                    b,
                    speech,
                    EndpointSettings.DEFAULT.withTrailingSilence(
                            bridge.translation().endOfSpeechMillis()),
                    clock,
                    bus);
            translation.start();
            return new Logic(translation, translation::translating);
        }
    }

    /**
     * Signalling says a caller arrived on {@code extension}; their RTP comes from, and their audio
     * goes to, {@code media} when it is known. False when no leg here has the extension.
     */
    public boolean callerConnected(String extension, Optional<InetSocketAddress> media) {
        boolean known = false;
        for (HostedBridge b : bridges) {
            known |= b.callerConnected(extension, media);
        }
        return known;
    }

    /** Signalling says the caller on {@code extension} left; false when no leg here has it. */
    public boolean callerGone(String extension) {
        boolean known = false;
        for (HostedBridge b : bridges) {
            known |= b.callerGone(extension);
        }
        return known;
    }

    /**
     * Signalling (ARI) drives the legs of this process: a leg has a caller only when it says so, and
     * an RTP leg takes RTP only from the address it gives for the call.
     */
    public void drivenBySignalling() {
        bridges.forEach(HostedBridge::drivenBySignalling);
    }

    public List<String> bridgeNames() {
        return bridges.stream().map(b -> b.config().name()).toList();
    }

    @Override
    public void close() {
        sampler.close();
        bridges.forEach(HostedBridge::close);
    }
}
