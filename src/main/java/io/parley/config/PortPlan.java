package io.parley.config;

import io.parley.config.PlannedPort.Direction;
import io.parley.config.PlannedPort.Kind;
import io.parley.config.PlannedPort.Protocol;
import java.util.ArrayList;
import java.util.List;

/**
 * Every port a configuration uses, component by component, in plan order: per bridge its gateways or
 * legs, the component joining them, then its dashboard and feed, as {@code parley ports} prints them.
 */
public record PortPlan(List<PlannedPort> rows) {

    public PortPlan {
        rows = List.copyOf(rows);
    }

    /** Rows of ports parley itself binds (one per socket). */
    public List<PlannedPort> bound() {
        return rows.stream().filter(PlannedPort::bound).toList();
    }

    public List<PlannedPort> of(String bridge) {
        return rows.stream().filter(r -> r.bridge().equals(bridge)).toList();
    }

    public static PortPlan of(ParleyConfig config) {
        List<PlannedPort> rows = new ArrayList<>();
        List<BridgeConfig> bridges = config.bridges();
        for (int b = 0; b < bridges.size(); b++) {
            new Planner(bridges.get(b), "bridges[" + b + "]", rows).plan();
        }
        return new PortPlan(rows);
    }

    /** The name {@code parley ports} gives the component that joins the two legs, by topology. */
    public static String bridgeComponent(BridgeConfig bridge) {
        return switch (bridge.topology()) {
            case EXTERNALMEDIA -> "ExternalMedia bridge";
            case AUDIOSOCKET -> "AudioSocket bridge";
            case GATEWAY -> bridge.mode() == Mode.TRANSLATE ? "translation bridge" : "cross-patch bridge";
        };
    }

    private record Planner(BridgeConfig bridge, String at, List<PlannedPort> rows) {

        void add(
                int port,
                Protocol protocol,
                Direction direction,
                Kind kind,
                String component,
                String label,
                String purpose,
                String field,
                boolean bound) {
            rows.add(new PlannedPort(
                    port, protocol, direction, kind, bridge.name(), component, label, purpose, field, bound));
        }

        void plan() {
            String hub = bridgeComponent(bridge);
            List<LegConfig> legs = bridge.legs();
            for (int l = 0; l < legs.size(); l++) {
                leg(legs.get(l), at + ".legs[" + l + "]", hub);
            }
            for (int l = 0; l < legs.size(); l++) {
                if (legs.get(l).ports() instanceof LegPorts.Gateway g) {
                    String ext = legs.get(l).extension();
                    String legAt = at + ".legs[" + l + "]";
                    add(
                            g.pcmToBridge(),
                            Protocol.UDP,
                            Direction.IN,
                            Kind.PCM,
                            hub,
                            "PCM in from " + ext,
                            "Receive PCM from gateway " + ext,
                            legAt + ".pcm.toBridge",
                            true);
                    add(
                            g.pcmFromBridge(),
                            Protocol.UDP,
                            Direction.OUT,
                            Kind.PCM,
                            hub,
                            "PCM out to " + ext,
                            "Send PCM to gateway " + ext,
                            legAt + ".pcm.fromBridge",
                            false);
                }
            }
            bridge.dashboard()
                    .ifPresent(p -> add(
                            p,
                            Protocol.TCP,
                            Direction.LISTEN,
                            Kind.DASHBOARD,
                            hub,
                            "dashboard",
                            "HTTP dashboard, /status, /metrics and live push (WebSocket)",
                            at + ".dashboard",
                            true));
            bridge.feed()
                    .ifPresent(p -> add(
                            p,
                            Protocol.TCP,
                            Direction.LISTEN,
                            Kind.FEED,
                            hub,
                            "metrics feed",
                            "TCP metrics feed (newline-delimited JSON)",
                            at + ".feed",
                            true));
        }

        private void leg(LegConfig leg, String legAt, String hub) {
            String ext = leg.extension();
            String who = leg.language().isEmpty() ? ext : ext + " (" + leg.language() + ")";
            switch (leg.ports()) {
                case LegPorts.Gateway g -> {
                    String gw = "gateway " + ext;
                    if (g.symmetric()) {
                        add(
                                g.rtpIn(),
                                Protocol.UDP,
                                Direction.IN_OUT,
                                Kind.RTP,
                                gw,
                                "RTP in/out",
                                "RTP from and to Asterisk for " + who,
                                legAt + ".rtp.in",
                                true);
                    } else {
                        add(
                                g.rtpIn(),
                                Protocol.UDP,
                                Direction.IN,
                                Kind.RTP,
                                gw,
                                "RTP in",
                                "Receive RTP from Asterisk for " + who,
                                legAt + ".rtp.in",
                                true);
                        // A call ARI set up is answered from the IN port (Asterisk's strict RTP learnt that
                        // address); the OUT port sends only to an Asterisk that no ARI drives.
                        add(
                                g.rtpOut(),
                                Protocol.UDP,
                                Direction.OUT,
                                Kind.RTP,
                                gw,
                                "RTP out",
                                "Send RTP to Asterisk for " + who + " (without ARI; ARI calls are answered from "
                                        + g.rtpIn() + ")",
                                legAt + ".rtp.out",
                                true);
                    }
                    add(
                            g.pcmToBridge(),
                            Protocol.UDP,
                            Direction.OUT,
                            Kind.PCM,
                            gw,
                            "PCM to bridge",
                            "Send PCM to the " + hub,
                            legAt + ".pcm.toBridge",
                            false);
                    add(
                            g.pcmFromBridge(),
                            Protocol.UDP,
                            Direction.IN,
                            Kind.PCM,
                            gw,
                            "PCM in",
                            "Receive PCM from the " + hub,
                            legAt + ".pcm.fromBridge",
                            true);
                }
                case LegPorts.ExternalMedia e -> {
                    add(
                            e.media(),
                            Protocol.UDP,
                            Direction.IN_OUT,
                            Kind.EXTERNAL_MEDIA,
                            hub,
                            "ExternalMedia " + ext,
                            "Extension " + who + " ExternalMedia RTP: the caller's audio in, what they hear out",
                            legAt + ".externalMedia.media",
                            true);
                    add(
                            e.translated(),
                            Protocol.UDP,
                            Direction.IN_OUT,
                            Kind.EXTERNAL_MEDIA,
                            hub,
                            "translated audio " + ext,
                            "Extension " + who + " translated audio",
                            legAt + ".externalMedia.translated",
                            true);
                }
                case LegPorts.AudioSocket a ->
                    add(
                            a.tcp(),
                            Protocol.TCP,
                            Direction.LISTEN,
                            Kind.AUDIO_SOCKET,
                            hub,
                            "AudioSocket " + ext,
                            "AudioSocket connections from Asterisk for " + who,
                            legAt + ".audioSocket.tcp",
                            true);
            }
        }
    }
}
