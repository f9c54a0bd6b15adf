package io.parley.cli;

import io.parley.config.ConfigException;
import io.parley.config.ParleyConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that needs a valid configuration: an invalid one is reported with every problem and
 * exit status 2 before the command does anything.
 */
abstract class ConfiguredCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        ParleyConfig loaded;
        try {
            loaded = config.load();
        } catch (ConfigException e) {
            err().println(e.getMessage());
            return ExitCodes.INVALID;
        }
        return run(loaded);
    }

    abstract int run(ParleyConfig config) throws Exception;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
