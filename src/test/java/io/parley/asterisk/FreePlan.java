package io.parley.asterisk;

import io.parley.config.AriSettings;
import io.parley.config.BridgeConfig;
import io.parley.config.ConfigLoader;
import io.parley.config.HistorySettings;
import io.parley.config.LegConfig;
import io.parley.config.ParleyConfig;
import io.parley.config.Secret;
import io.parley.testing.FreePorts;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A configuration with the default plan's bridges, topologies, modes, extensions and languages, on
 * free ports ({@link FreePorts}), with ARI pointing at a {@link RealAsterisk}; no history unless asked ({@link #withHistory}).
 */
final class FreePlan {

    private FreePlan() {}

    /** The default plan on free ports, talking to {@code asterisk} as ARI application {@code app}. */
    static ParleyConfig defaultBridges(RealAsterisk asterisk, String app, Path transcripts) {
        return onFreePorts(new ConfigLoader(Map.of()).loadDefault(), asterisk, app, transcripts);
    }

    /** {@code plan} (e.g. parsed YAML) with every port replaced by a free one and ARI set. */
    static ParleyConfig onFreePorts(ParleyConfig plan, RealAsterisk asterisk, String app, Path transcripts) {
        ParleyConfig moved = FreePorts.plan(plan, transcripts);
        AriSettings ari =
                new AriSettings(URI.create(asterisk.url()), RealAsterisk.USER, new Secret(asterisk.password()), app);
        return new ParleyConfig(
                moved.bind(), Optional.of(ari), moved.monitor(), moved.engines(), moved.bridges(), transcripts);
    }

    /** The same with a call history kept in SQLite under {@code dataDir}. */
    static ParleyConfig withHistory(ParleyConfig config, Path dataDir) {
        return config.withHistory(new HistorySettings(
                true,
                dataDir,
                Optional.empty(),
                HistorySettings.DEFAULT_RETENTION_DAYS,
                "asterisk-test",
                HistorySettings.Recordings.NONE));
    }

    /** Only the bridges named. */
    static ParleyConfig only(ParleyConfig config, String... names) {
        return config.withBridges(config.bridges().stream()
                .filter(b -> List.of(names).contains(b.name()))
                .toList());
    }

    /** The same bridge with its legs changed. */
    static ParleyConfig mapLegs(ParleyConfig config, UnaryOperator<LegConfig> change) {
        return config.withBridges(config.bridges().stream()
                .map(b -> new BridgeConfig(
                        b.name(),
                        b.mode(),
                        b.topology(),
                        b.legs().stream().map(change).toList(),
                        b.dashboard(),
                        b.feed(),
                        b.jitter(),
                        b.translation()))
                .toList());
    }
}
