package io.parley.cli;

import io.parley.ari.AriProbe;
import io.parley.config.ParleyConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code parley check}: is every planned port held by parley, and does every HTTP port answer? */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Verify the port plan as ss and curl would: for every planned port, whether"
                    + " it is bound now and by which process; for every HTTP port, whether it answers.",
            "Exit status: 0 parley holds every port and each HTTP port answers; 1 something is missing;"
                    + " 2 a foreign process holds a planned port (or the configuration is invalid)."
        })
final class CheckCommand extends ConfiguredCommand {

    @Override
    int run(ParleyConfig loaded) {
        List<PlanCheck.Finding> findings = new PlanCheck(loaded).run();
        PrintWriter out = out();
        String bridge = null;
        for (PlanCheck.Finding f : findings) {
            if (!f.row().bridge().equals(bridge)) {
                bridge = f.row().bridge();
                out.println(bridge);
            }
            String holder = switch (f.state()) {
                case PARLEY -> "held by parley " + f.holder().orElseThrow();
                case FREE -> "FREE (nothing bound)";
                case FOREIGN -> "HELD BY FOREIGN PROCESS " + f.holder().orElseThrow();
            };
            out.printf(
                    "  %s %-5d %-44s %s%s%n",
                    f.ok() ? "ok " : "!! ",
                    f.row().port(),
                    f.row().protocol().name().toLowerCase() + " " + f.row().component() + " "
                            + f.row().label(),
                    holder,
                    f.http().map(h -> ", " + h).orElse(""));
        }
        int code = PlanCheck.exitCode(findings);
        if (loaded.ari().isPresent()) {
            AriProbe probe = AriProbe.run(loaded.ari().get(), Duration.ofSeconds(3));
            out.println("ARI " + loaded.ari().get().url() + " app "
                    + loaded.ari().get().app());
            for (AriProbe.Check c : List.of(probe.reachable(), probe.authenticated(), probe.registered())) {
                out.printf("  %s %s%n", c.ok() ? "ok " : "!! ", c.explanation());
            }
            if (!probe.ok() && code == ExitCodes.OK) {
                code = ExitCodes.FAILED;
            }
        } else {
            out.println("ARI: not configured (set ari in the configuration or PARLEY_ARI_URL and friends)");
        }
        long bad = findings.stream().filter(f -> !f.ok()).count();
        out.println(
                code == ExitCodes.OK
                        ? "all " + findings.size() + " planned ports held by parley"
                        : bad + " of " + findings.size() + " planned ports not as planned");
        out.flush();
        return code;
    }
}
