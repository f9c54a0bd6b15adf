package io.parley.cli;

import io.parley.config.ConfigException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parley ports}: the port plan, per bridge and component, then the range summary. */
@Command(name = "ports", mixinStandardHelpOptions = true,
        description = "Print the port plan: per bridge and component, port, protocol, direction and purpose.")
final class PortsCommand implements Callable<Integer> {

    enum Format { table, json, markdown }

    @Option(names = "--format", defaultValue = "table", description = "table, json or markdown (default: ${DEFAULT-VALUE})")
    Format format;

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PlanReport report;
        try {
            report = new PlanReport(config.load());
        } catch (ConfigException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCodes.INVALID;
        }
        spec.commandLine().getOut().print(switch (format) {
            case table -> report.table();
            case json -> report.json();
            case markdown -> report.markdown();
        });
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
