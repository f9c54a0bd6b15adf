package io.parley.cli;

import io.parley.config.ConfigException;
import io.parley.config.ConfigLoader;
import io.parley.config.ParleyConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parley config}: print the default configuration, or check a file. */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "Print the built-in configuration, or check a configuration file.")
final class ConfigCommand implements Callable<Integer> {

    static final class Action {
        @Option(
                names = "--print-default",
                required = true,
                description =
                        "Write the built-in configuration (three bridges on the default port plan) as commented YAML.")
        boolean printDefault;

        @Option(names = "--check", required = true, description = "Check --config FILE and report every problem.")
        boolean check;
    }

    @ArgGroup(multiplicity = "1")
    Action action;

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (action.printDefault) {
            out.print(ConfigLoader.defaultText());
            out.flush();
            return ExitCodes.OK;
        }
        try {
            ParleyConfig loaded = config.load();
            out.println(config.source() + ": ok, " + loaded.bridges().size() + " bridges");
            return ExitCodes.OK;
        } catch (ConfigException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCodes.INVALID;
        }
    }
}
