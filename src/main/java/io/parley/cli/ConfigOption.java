package io.parley.cli;

import io.parley.config.ConfigException;
import io.parley.config.ConfigLoader;
import io.parley.config.ParleyConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option shared by every command that needs a configuration. */
final class ConfigOption {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration file (YAML). Default: the built-in plan (parley config --print-default).")
    Path file;

    /** Loads the file or the built-in default; throws with every problem found. */
    ParleyConfig load() throws ConfigException {
        ConfigLoader loader = ConfigLoader.fromEnvironment();
        return file == null ? loader.loadDefault() : loader.load(file);
    }

    String source() {
        return file == null ? ConfigLoader.DEFAULT_NAME : file.toString();
    }
}
