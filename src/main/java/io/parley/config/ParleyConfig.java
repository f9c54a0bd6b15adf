package io.parley.config;

import java.util.List;
import java.util.Optional;

/**
 * The whole configuration: where to bind, the ARI connection (optional: without it parley runs
 * its bridges on RTP alone), monitoring access, speech engines and the bridges.
 */
public record ParleyConfig(String bind, Optional<AriSettings> ari, MonitorSettings monitor,
                           EngineSettings engines, List<BridgeConfig> bridges) {

    public ParleyConfig {
        bridges = List.copyOf(bridges);
    }

    public Optional<BridgeConfig> bridge(String name) {
        return bridges.stream().filter(b -> b.name().equals(name)).findFirst();
    }
}
