package io.parley.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The whole configuration: where to bind, the ARI connection (optional: without it parley runs
 * its bridges on RTP alone), monitoring access, speech engines, the bridges, the directory the
 * transcript logs go to, the gateway-bridge PCM links' secret, and the call history.
 */
public record ParleyConfig(
        String bind,
        Optional<AriSettings> ari,
        MonitorSettings monitor,
        EngineSettings engines,
        List<BridgeConfig> bridges,
        Path transcripts,
        PcmSettings pcm,
        HistorySettings history) {

    public static final Path DEFAULT_TRANSCRIPTS = Path.of("transcripts");

    public ParleyConfig {
        bridges = List.copyOf(bridges);
    }

    /** Without a history section: history is switched off (components and tests built in code). */
    public ParleyConfig(
            String bind,
            Optional<AriSettings> ari,
            MonitorSettings monitor,
            EngineSettings engines,
            List<BridgeConfig> bridges,
            Path transcripts,
            PcmSettings pcm) {
        this(bind, ari, monitor, engines, bridges, transcripts, pcm, HistorySettings.DISABLED);
    }

    /** Unsigned PCM links and no history. */
    public ParleyConfig(
            String bind,
            Optional<AriSettings> ari,
            MonitorSettings monitor,
            EngineSettings engines,
            List<BridgeConfig> bridges,
            Path transcripts) {
        this(bind, ari, monitor, engines, bridges, transcripts, PcmSettings.DEFAULT);
    }

    public ParleyConfig(
            String bind,
            Optional<AriSettings> ari,
            MonitorSettings monitor,
            EngineSettings engines,
            List<BridgeConfig> bridges) {
        this(bind, ari, monitor, engines, bridges, DEFAULT_TRANSCRIPTS);
    }

    /** The same with only these bridges. */
    public ParleyConfig withBridges(List<BridgeConfig> only) {
        return new ParleyConfig(bind, ari, monitor, engines, only, transcripts, pcm, history);
    }

    /** The same with other ARI settings. */
    public ParleyConfig withAri(Optional<AriSettings> settings) {
        return new ParleyConfig(bind, settings, monitor, engines, bridges, transcripts, pcm, history);
    }

    /** The same with other history settings. */
    public ParleyConfig withHistory(HistorySettings settings) {
        return new ParleyConfig(bind, ari, monitor, engines, bridges, transcripts, pcm, settings);
    }

    /**
     * How many callers of translation bridges speak each language (ISO 639-1): the recognition
     * streams that may run at once, so that a recogniser can be ready for all of them up front.
     */
    public Map<String, Integer> speakers() {
        Map<String, Integer> speakers = new TreeMap<>();
        for (BridgeConfig b : bridges) {
            if (b.mode() == Mode.TRANSLATE) {
                b.legs().forEach(leg -> speakers.merge(leg.language(), 1, Integer::sum));
            }
        }
        return speakers;
    }

    public Optional<BridgeConfig> bridge(String name) {
        return bridges.stream().filter(b -> b.name().equals(name)).findFirst();
    }
}
