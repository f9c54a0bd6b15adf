package io.parley.monitor;

import io.parley.config.AriSettings;
import io.parley.config.BridgeConfig;
import io.parley.config.Codec;
import io.parley.config.EngineChoice;
import io.parley.config.EngineSettings;
import io.parley.config.JitterSettings;
import io.parley.config.LegConfig;
import io.parley.config.LegPorts;
import io.parley.config.Mode;
import io.parley.config.MonitorSettings;
import io.parley.config.ParleyConfig;
import io.parley.config.Secret;
import io.parley.config.Topology;
import io.parley.config.TranslationSettings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The default plan of BRIEF §1 (3333-4444 translated with dashboard 3020 and feed 6211, 5555-6666
 * cross-patched, 7777-8888 translated over ExternalMedia with dashboard 8081), with the monitor's
 * ports replaced by 0 so that tests bind free ports and never collide with a running parley.
 */
final class MonitorPlans {
    static final String TRANSLATED = "3333-4444";
    static final String CROSSPATCH = "5555-6666";
    static final String EXTERNAL = "7777-8888";

    private MonitorPlans() {}

    static ParleyConfig defaultPlan() {
        return defaultPlan(MonitorSettings.DEFAULT);
    }

    static ParleyConfig withToken(String token, String... allowedOrigins) {
        return defaultPlan(new MonitorSettings(Optional.of(new Secret(token)), List.of(allowedOrigins)));
    }

    static ParleyConfig defaultPlan(MonitorSettings monitor) {
        return plan("127.0.0.1", monitor, OptionalInt.of(0), OptionalInt.of(0), OptionalInt.of(0));
    }

    static ParleyConfig plan(
            String bind,
            MonitorSettings monitor,
            OptionalInt translatedDashboard,
            OptionalInt translatedFeed,
            OptionalInt externalDashboard) {
        BridgeConfig translated = new BridgeConfig(
                TRANSLATED,
                Mode.TRANSLATE,
                Topology.GATEWAY,
                List.of(
                        new LegConfig("3333", "en", Codec.ULAW, new LegPorts.Gateway(4020, 4021, false, 6120, 6121)),
                        new LegConfig("4444", "fr", Codec.ULAW, new LegPorts.Gateway(4022, 4023, false, 6122, 6123))),
                translatedDashboard,
                translatedFeed,
                JitterSettings.DEFAULT,
                TranslationSettings.DEFAULT);
        BridgeConfig crosspatch = new BridgeConfig(
                CROSSPATCH,
                Mode.CROSSPATCH,
                Topology.GATEWAY,
                List.of(
                        new LegConfig("5555", "en", Codec.ULAW, new LegPorts.Gateway(4000, 4001, false, 6100, 6101)),
                        new LegConfig("6666", "en", Codec.ULAW, new LegPorts.Gateway(4002, 4003, false, 6102, 6103))),
                OptionalInt.empty(),
                OptionalInt.empty(),
                JitterSettings.DEFAULT,
                TranslationSettings.DEFAULT);
        BridgeConfig external = new BridgeConfig(
                EXTERNAL,
                Mode.TRANSLATE,
                Topology.EXTERNALMEDIA,
                List.of(
                        new LegConfig("7777", "en", Codec.SLIN16, new LegPorts.ExternalMedia(7000, 7001)),
                        new LegConfig("8888", "fr", Codec.SLIN16, new LegPorts.ExternalMedia(7002, 7003))),
                externalDashboard,
                OptionalInt.empty(),
                JitterSettings.DEFAULT,
                TranslationSettings.DEFAULT);
        EngineSettings engines = new EngineSettings(
                Map.of("en", new EngineChoice("pocketsphinx", Map.of())),
                new EngineChoice("apertium", Map.of()),
                Map.of("en", new EngineChoice("flite", Map.of()), "fr", new EngineChoice("espeak-ng", Map.of())));
        return new ParleyConfig(
                bind,
                Optional.of(
                        new AriSettings(URI.create("http://127.0.0.1:8088"), "parley", new Secret("secret"), "parley")),
                monitor,
                engines,
                List.of(translated, crosspatch, external));
    }
}
