package io.parley.cli;

import io.parley.bridge.Role;
import io.parley.config.BridgeConfig;
import io.parley.config.ParleyConfig;
import io.parley.config.PortPlan;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley bridge --name NAME}: one bridge alone, its gateways running elsewhere. */
@Command(
        name = "bridge",
        mixinStandardHelpOptions = true,
        description = {
            "Run one bridge alone: PCM with its gateways on their"
                    + " planned ports, its dashboard and feed. Gateways run elsewhere (parley gateway --leg ...)."
        })
final class BridgeCommand extends ProcessCommand {

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The bridge, e.g. 5555-6666.")
    String name;

    @Override
    Role role(ParleyConfig config) {
        if (config.bridge(name).isEmpty()) {
            err().println("no bridge is named " + name + "; the bridges are "
                    + config.bridges().stream().map(BridgeConfig::name).toList());
            return null;
        }
        return new Role.BridgeOnly(name);
    }

    @Override
    void summary(ParleyConfig config, ParleyRuntime runtime) {
        BridgeConfig b = config.bridge(name).orElseThrow();
        String ports = PortPlan.of(config).of(name).stream()
                .filter(r -> r.bound() && !r.component().startsWith("gateway "))
                .map(r -> r.protocol() + " " + r.port() + " " + r.label())
                .collect(Collectors.joining(", "));
        out().printf(
                        "parley bridge %s (%s over %s): %s%n",
                        name, b.mode().key(), b.topology().key(), ports);
        if (runtime.monitor() != null) {
            runtime.monitor().dashboards().forEach((bridge, uri) -> out().printf("  dashboard %s%n", uri));
        }
    }
}
