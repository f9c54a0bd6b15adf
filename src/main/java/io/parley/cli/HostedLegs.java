package io.parley.cli;

import io.parley.ari.LegBinding;
import io.parley.ari.LegDirectory;
import io.parley.bridge.BridgeHost;
import io.parley.config.BridgeConfig;
import io.parley.config.LegConfig;
import io.parley.config.LegPorts;
import io.parley.config.ParleyConfig;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The legs this process runs, as ARI's call flows see them: which port Asterisk's ExternalMedia
 * channel must send to for an extension, and where to say that a caller came or went.
 */
final class HostedLegs implements LegDirectory {
    private final ParleyConfig config;
    private final BridgeHost bridges;

    HostedLegs(ParleyConfig config, BridgeHost bridges) {
        this.config = config;
        this.bridges = bridges;
    }

    @Override
    public Optional<LegBinding> find(String extension) {
        for (BridgeConfig bridge : config.bridges()) {
            if (!bridges.bridgeNames().contains(bridge.name())) {
                continue;
            }
            for (LegConfig leg : bridge.legs()) {
                if (leg.extension().equals(extension)) {
                    return mediaPort(leg)
                            .map(port -> new LegBinding(
                                    bridge.name(),
                                    extension,
                                    hostPort(port),
                                    leg.codec(),
                                    bridge.partnerOf(leg).extension()));
                }
            }
        }
        return Optional.empty();
    }

    /** Where Asterisk sends the caller's RTP: the gateway's IN port, or the ExternalMedia port. */
    private static Optional<Integer> mediaPort(LegConfig leg) {
        return switch (leg.ports()) {
            case LegPorts.Gateway g -> Optional.of(g.rtpIn());
            case LegPorts.ExternalMedia e -> Optional.of(e.media());
            case LegPorts.AudioSocket a -> Optional.empty();
        };
    }

    private String hostPort(int port) {
        return (config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind()) + ":" + port;
    }

    @Override
    public void callerConnected(String extension, String channelId, Optional<InetSocketAddress> media) {
        bridges.callerConnected(extension, media);
    }

    @Override
    public void callerGone(String extension) {
        bridges.callerGone(extension);
    }
}
