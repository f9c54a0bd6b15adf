package io.parley.cli;

import io.parley.config.ParleyConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley ports}: the port plan, per bridge and component, then the range summary. */
@Command(
        name = "ports",
        mixinStandardHelpOptions = true,
        description = "Print the port plan: per bridge and component, port, protocol, direction and purpose.")
final class PortsCommand extends ConfiguredCommand {

    enum Format {
        table,
        json,
        markdown
    }

    @Option(
            names = "--format",
            defaultValue = "table",
            description = "table, json or markdown (default: ${DEFAULT-VALUE})")
    Format format;

    @Override
    int run(ParleyConfig config) {
        PlanReport report = new PlanReport(config);
        out().print(
                        switch (format) {
                            case table -> report.table();
                            case json -> report.json();
                            case markdown -> report.markdown();
                        });
        out().flush();
        return ExitCodes.OK;
    }
}
