package io.parley.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code parley <command> [options]}. */
@Command(
        name = "parley",
        mixinStandardHelpOptions = true,
        version = "parley 0.1.0",
        description = "Real-time cross-language phone bridges for Asterisk.",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            GatewayCommand.class,
            BridgeCommand.class,
            PortsCommand.class,
            CheckCommand.class,
            ConfigCommand.class,
            SimulateCommand.class,
            LoadCommand.class,
            ModelsCommand.class,
            CallsCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main());
    }
}
