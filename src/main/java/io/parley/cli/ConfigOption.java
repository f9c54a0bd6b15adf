package io.parley.cli;

import io.parley.config.AriEnvironment;
import io.parley.config.ConfigException;
import io.parley.config.ConfigLoader;
import io.parley.config.ConfigProblem;
import io.parley.config.ParleyConfig;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option shared by every command that needs a configuration. */
final class ConfigOption {
    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "Configuration file (YAML). Default: the built-in plan (parley config --print-default).")
    Path file;

    /**
     * Loads the file or the built-in default, with the {@code PARLEY_ARI_*} environment applied
     * over its ARI settings; throws with every problem found.
     */
    ParleyConfig load() throws ConfigException {
        ConfigLoader loader = ConfigLoader.fromEnvironment();
        ParleyConfig c = file == null ? loader.loadDefault() : loader.load(file);
        try {
            return c.withAri(AriEnvironment.apply(c.ari(), System.getenv()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of(new ConfigProblem("environment", 0, 0, "", e.getMessage())));
        }
    }

    String source() {
        return file == null ? ConfigLoader.DEFAULT_NAME : file.toString();
    }
}
