package io.parley.cli;

import io.parley.bridge.Role;
import io.parley.config.BridgeConfig;
import io.parley.config.LegConfig;
import io.parley.config.LegPorts;
import io.parley.config.ParleyConfig;
import io.parley.config.Topology;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley gateway --leg EXT}: one extension's gateway alone, its bridge in another process. */
@Command(
        name = "gateway",
        mixinStandardHelpOptions = true,
        description = {
            "Run one extension's gateway alone: RTP with Asterisk"
                    + " on its RTP ports, PCM with its bridge on its PCM ports. The bridge runs elsewhere"
                    + " (parley bridge --name ...) or in parley run."
        })
final class GatewayCommand extends ProcessCommand {

    @Option(names = "--leg", required = true, paramLabel = "EXT", description = "The extension, e.g. 5555.")
    String leg;

    @Override
    Role role(ParleyConfig config) {
        Optional<BridgeConfig> bridge = config.bridges().stream()
                .filter(b -> b.legs().stream().anyMatch(l -> l.extension().equals(leg)))
                .findFirst();
        if (bridge.isEmpty()) {
            err().println("no leg has extension " + leg + "; the extensions are "
                    + config.bridges().stream()
                            .flatMap(b -> b.legs().stream())
                            .map(LegConfig::extension)
                            .toList());
            return null;
        }
        if (bridge.get().topology() != Topology.GATEWAY) {
            err().println("extension " + leg + " belongs to bridge "
                    + bridge.get().name() + ", whose topology is "
                    + bridge.get().topology().key() + ": it has no separate gateway");
            return null;
        }
        return new Role.GatewayOnly(leg);
    }

    @Override
    void summary(ParleyConfig config, ParleyRuntime runtime) {
        for (BridgeConfig b : config.bridges()) {
            for (LegConfig l : b.legs()) {
                if (l.extension().equals(leg) && l.ports() instanceof LegPorts.Gateway g) {
                    out().printf(
                                    "parley gateway %s (bridge %s): RTP from Asterisk on %s:%d, to Asterisk from %d;"
                                            + " PCM to the bridge at %s:%d, from the bridge on %d%n",
                                    leg,
                                    b.name(),
                                    config.bind(),
                                    g.rtpIn(),
                                    g.rtpSend(),
                                    config.bind(),
                                    g.pcmToBridge(),
                                    g.pcmFromBridge());
                }
            }
        }
    }
}
