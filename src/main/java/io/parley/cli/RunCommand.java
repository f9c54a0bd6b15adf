package io.parley.cli;

import io.parley.bridge.Role;
import io.parley.config.BridgeConfig;
import io.parley.config.ParleyConfig;
import io.parley.config.PlannedPort;
import io.parley.config.PortPlan;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code parley run}: validate, bind every planned port, run until SIGTERM or Ctrl-C. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Validate the configuration, bind every planned port and run the bridges until stopped.")
final class RunCommand extends ProcessCommand {

    @Override
    Role role(ParleyConfig config) {
        return new Role.All();
    }

    @Override
    void summary(ParleyConfig config, ParleyRuntime runtime) {
        PrintWriter out = out();
        PortPlan plan = PortPlan.of(config);
        out.printf("parley running %d bridges on %s%n", config.bridges().size(), config.bind());
        for (BridgeConfig b : config.bridges()) {
            String legs = b.legs().stream()
                    .map(l -> l.language().isEmpty() ? l.extension() : l.extension() + " (" + l.language() + ")")
                    .collect(Collectors.joining(" <-> "));
            List<PlannedPort> rows =
                    plan.of(b.name()).stream().filter(PlannedPort::bound).toList();
            String ports = rows.stream()
                    .map(PlannedPort::kind)
                    .distinct()
                    .map(k -> k.title() + " "
                            + PortRanges.of(rows.stream()
                                    .filter(r -> r.kind() == k)
                                    .map(PlannedPort::port)
                                    .toList()))
                    .collect(Collectors.joining(", "));
            out.printf(
                    "  %-10s %-10s %-13s %-22s %s%n",
                    b.name(), b.mode().key(), b.topology().key(), legs, ports);
        }
        if (runtime.monitor() != null) {
            runtime.monitor().dashboards().forEach((bridge, uri) -> out.printf("  dashboard %-10s %s%n", bridge, uri));
        }
        out.println("ARI: " + config.ari().map(a -> a.url() + " app " + a.app()).orElse("not configured (RTP only)"));
        out.println("history: "
                + (runtime.history() == null
                        ? "off"
                        : runtime.history().archive().database()
                                + " (the dashboards' /history page, parley calls list)"));
    }
}
