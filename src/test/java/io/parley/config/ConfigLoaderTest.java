package io.parley.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader(Map.of("ARI_PW", "s3cret"));

    /** The default text with {@code from} replaced by {@code to}, exactly once. */
    private static String defaultWith(String from, String to) {
        String text = ConfigLoader.defaultText();
        assertThat(text).contains(from);
        assertThat(text.indexOf(from)).isEqualTo(text.lastIndexOf(from));
        return text.replace(from, to);
    }

    private List<ConfigProblem> problems(String yaml) {
        try {
            loader.parse(yaml, "parley.yaml");
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("configuration was accepted:\n" + yaml);
    }

    private ConfigProblem onlyProblem(String yaml) {
        List<ConfigProblem> problems = problems(yaml);
        assertThat(problems).as("problems").hasSize(1);
        return problems.getFirst();
    }

    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void theDefaultPlanHasOneEnglishAndOneFrenchCallerInEachOfItsTwoTranslationBridges() throws ConfigException {
        ParleyConfig plan = loader.parse(ConfigLoader.defaultText(), "parley.yaml");
        // 3333-4444 and 7777-8888 translate; 5555-6666 cross-patches and recognises nobody.
        assertThat(plan.speakers()).isEqualTo(Map.of("en", 2, "fr", 2));
    }

    @Test
    void defaultIsTheSeedsTargetState() {
        ParleyConfig config = loader.loadDefault();
        assertThat(config.bind()).isEqualTo("127.0.0.1");
        assertThat(config.ari()).isEmpty();
        assertThat(config.bridges())
                .extracting(BridgeConfig::name)
                .containsExactly("3333-4444", "5555-6666", "7777-8888");
        BridgeConfig translated = config.bridge("3333-4444").orElseThrow();
        assertThat(translated.mode()).isEqualTo(Mode.TRANSLATE);
        assertThat(translated.topology()).isEqualTo(Topology.GATEWAY);
        assertThat(translated.dashboard()).hasValue(3020);
        assertThat(translated.feed()).hasValue(6211);
        assertThat(translated.leg(0))
                .isEqualTo(
                        new LegConfig("3333", "en", Codec.ULAW, new LegPorts.Gateway(4020, 4021, false, 6120, 6121)));
        assertThat(translated.leg(1).language()).isEqualTo("fr");
        BridgeConfig crossed = config.bridge("5555-6666").orElseThrow();
        assertThat(crossed.mode()).isEqualTo(Mode.CROSSPATCH);
        assertThat(crossed.dashboard()).isEmpty();
        BridgeConfig external = config.bridge("7777-8888").orElseThrow();
        assertThat(external.topology()).isEqualTo(Topology.EXTERNALMEDIA);
        assertThat(external.leg(1).ports()).isEqualTo(new LegPorts.ExternalMedia(7002, 7003));
        assertThat(external.dashboard()).hasValue(8081);
        assertThat(PortPlan.of(config).bound()).noneMatch(p -> p.port() == 3021);
    }

    @Test
    void duplicatePortNamesBothPlacesWithLineAndColumn() {
        String yaml = defaultWith("rtp: {in: 4000, out: 4001}", "rtp: {in: 4020, out: 4001}");
        ConfigProblem p = onlyProblem(yaml);
        assertThat(p.path()).isEqualTo("bridges[1].legs[0].rtp.in");
        assertThat(p.line()).isEqualTo(lineOf(yaml, "in: 4020, out: 4001"));
        assertThat(p.column()).isEqualTo(yaml.lines().toList().get(p.line() - 1).indexOf("4020") + 1);
        assertThat(p.message())
                .isEqualTo(
                        "UDP 4020 is already planned for bridges[0] (3333-4444) gateway 3333 RTP in; choose a free port");
        assertThat(p.toString())
                .startsWith("parley.yaml:" + p.line() + ":" + p.column() + " bridges[1].legs[0].rtp.in: UDP 4020");
    }

    @Test
    void samePortNumberOnDifferentProtocolsIsAllowed() throws Exception {
        ParleyConfig config = loader.parse(defaultWith("feed: 6211", "feed: 4020"), "parley.yaml");
        assertThat(config.bridges().getFirst().feed()).hasValue(4020);
    }

    @Test
    void unknownKeySuggestsTheNearestOne() {
        ConfigProblem p =
                onlyProblem(defaultWith("    mode: crosspatch", "    mdoe: crosspatch\n    mode: crosspatch"));
        assertThat(p.path()).isEqualTo("bridges[1].mdoe");
        assertThat(p.message()).isEqualTo("unknown key 'mdoe'; did you mean 'mode'?");
        assertThat(p.column()).isEqualTo(5);
    }

    @Test
    void wrongTypeSaysWhatWasExpected() {
        ConfigProblem p = onlyProblem(defaultWith("dashboard: 8081", "dashboard: eighty"));
        assertThat(p.path()).isEqualTo("bridges[2].dashboard");
        assertThat(p.message()).isEqualTo("expected a whole number (port), got 'eighty'");
    }

    @Test
    void listWhereAValueBelongs() {
        ConfigProblem p = onlyProblem(defaultWith("bind: 127.0.0.1", "bind: [127.0.0.1]"));
        assertThat(p.path()).isEqualTo("bind");
        assertThat(p.message()).startsWith("expected a single value, got a list");
    }

    @Test
    void missingFieldIsNamed() {
        ConfigProblem p = onlyProblem(defaultWith("    topology: externalmedia\n", ""));
        assertThat(p.path()).isEqualTo("bridges[2]");
        assertThat(p.message())
                .isEqualTo("missing required field 'topology': one of gateway, externalmedia, audiosocket");
    }

    @Test
    void portOutOfRange() {
        ConfigProblem p =
                onlyProblem(defaultWith("{toBridge: 6102, fromBridge: 6103}", "{toBridge: 6102, fromBridge: 70000}"));
        assertThat(p.path()).isEqualTo("bridges[1].legs[1].pcm.fromBridge");
        assertThat(p.message()).isEqualTo("port 70000 is out of range; use 1 to 65535");
    }

    @Test
    void endOfSpeechIsReadAndBounded() throws Exception {
        ParleyConfig quicker = loader.parse(defaultWith("endOfSpeechMs: 300", "endOfSpeechMs: 220"), "parley.yaml");
        assertThat(quicker.bridge("3333-4444").orElseThrow().translation().endOfSpeechMillis())
                .isEqualTo(220);
        assertThat(quicker.bridge("7777-8888").orElseThrow().translation().endOfSpeechMillis())
                .as("a bridge without a translation section")
                .isEqualTo(TranslationSettings.DEFAULT.endOfSpeechMillis());
        ConfigProblem p = onlyProblem(defaultWith("endOfSpeechMs: 300", "endOfSpeechMs: 20"));
        assertThat(p.path()).isEqualTo("bridges[0].translation.endOfSpeechMs");
        assertThat(p.message()).contains("20").contains("100").contains("2000");
    }

    @Test
    void languageTheEnginesCannotServe() {
        List<ConfigProblem> problems = problems(defaultWith(
                "        language: fr\n        codec: ulaw\n        externalMedia",
                "        language: de\n        codec: ulaw\n        externalMedia"));
        assertThat(problems).extracting(ConfigProblem::path).containsOnly("bridges[2].legs[1].language");
        assertThat(problems)
                .extracting(ConfigProblem::message)
                .containsExactly(
                        "no speech synthesiser for 'de' (engines.tts.de is none); the translation could not be spoken to"
                                + " extension 8888: configure espeak-ng for it",
                        "the translator (apertium) cannot translate en to de or de to en; apertium serves en-es, en-fr, es-en,"
                                + " es-fr, fr-en, fr-es");
    }

    @Test
    void pairTheTranslatorCannotServe() {
        String yaml = defaultWith(
                        "fr: {engine: espeak-ng, voice: fr}",
                        "fr: {engine: espeak-ng, voice: fr}\n    de: {engine: espeak-ng}")
                .replace(
                        "        language: fr\n        codec: ulaw\n        externalMedia",
                        "        language: de\n        codec: ulaw\n        externalMedia");
        List<ConfigProblem> problems = problems(yaml);
        assertThat(problems)
                .extracting(ConfigProblem::message)
                .containsExactly("the translator (apertium) cannot translate en to de or de to en; apertium serves"
                        + " en-es, en-fr, es-en, es-fr, fr-en, fr-es");
    }

    @Test
    void engineThatDoesNotServeTheLanguage() {
        ConfigProblem p = onlyProblem(defaultWith("fr: {engine: none}", "fr: {engine: pocketsphinx}"));
        assertThat(p.path()).isEqualTo("engines.stt.fr.engine");
        assertThat(p.message()).isEqualTo("pocketsphinx does not serve 'fr' (it serves en)");
    }

    @Test
    void engineMissingItsModel() {
        ConfigProblem p = onlyProblem(defaultWith("fr: {engine: none}", "fr: {engine: vosk}"));
        assertThat(p.message()).isEqualTo("vosk needs 'model': a Vosk model directory");
    }

    @Test
    void slin16IsRefusedOnRtpLegs() {
        ConfigProblem p = onlyProblem(defaultWith(
                "        codec: ulaw\n        rtp: {in: 4002", "        codec: slin16\n        rtp: {in: 4002"));
        assertThat(p.path()).isEqualTo("bridges[1].legs[1].codec");
        assertThat(p.message()).contains("slin16").contains("use ulaw, alaw or slin");
    }

    @Test
    void unknownCodecListsTheChoices() {
        ConfigProblem p = onlyProblem(defaultWith(
                "        codec: ulaw\n        rtp: {in: 4002", "        codec: g729\n        rtp: {in: 4002"));
        assertThat(p.message())
                .isEqualTo("'g729' is not one of ulaw, alaw, slin, slin16 (expected one of: ulaw, alaw, slin, slin16)");
    }

    @Test
    void aLegIsPinnedToWhoMaySendItRtpAndItsWaitingToneZoneIsChosen() throws Exception {
        String pinned =
                "        codec: ulaw\n        remote: 10.0.0.0/24\n        tonezone: UK\n        rtp: {in: 4002";
        ParleyConfig config =
                loader.parse(defaultWith("        codec: ulaw\n        rtp: {in: 4002", pinned), "parley.yaml");
        LegConfig leg = config.bridge("5555-6666").orElseThrow().leg(1);
        assertThat(leg.remote()).hasValueSatisfying(p -> assertThat(p).hasToString("10.0.0.0/24"));
        assertThat(leg.toneZone().name()).isEqualTo("uk");
        LegConfig french = config.bridge("3333-4444").orElseThrow().leg(1);
        assertThat(french.remote()).as("any source by default").isEmpty();
        assertThat(french.toneZone().name())
                .as("the zone of the leg's language")
                .isEqualTo("fr");
        assertThat(config.bridge("5555-6666").orElseThrow().leg(0).toneZone().name())
                .as("no language: Asterisk's default zone")
                .isEqualTo("us");
    }

    @Test
    void aBadPinOrToneZoneIsExplained() {
        ConfigProblem pin = onlyProblem(defaultWith(
                "        codec: ulaw\n        rtp: {in: 4002",
                "        codec: ulaw\n        remote: asterisk.local\n        rtp: {in: 4002"));
        assertThat(pin.path()).isEqualTo("bridges[1].legs[1].remote");
        assertThat(pin.message())
                .contains("asterisk.local")
                .contains("ADDRESS:PORT")
                .contains("NETWORK/PREFIX");
        ConfigProblem zone = onlyProblem(defaultWith(
                "        codec: ulaw\n        rtp: {in: 4002",
                "        codec: ulaw\n        tonezone: mars\n        rtp: {in: 4002"));
        assertThat(zone.path()).isEqualTo("bridges[1].legs[1].tonezone");
        assertThat(zone.message()).contains("mars").contains("fr").contains("us");
    }

    @Test
    void extensionUsedTwice() {
        ConfigProblem p = onlyProblem(defaultWith("extension: \"6666\"", "extension: \"5555\""));
        assertThat(p.path()).isEqualTo("bridges[1].legs[1].extension");
        assertThat(p.message()).contains("already a leg at bridges[1].legs[0]");
    }

    @Test
    void secretsComeFromTheEnvironmentAndAreMasked() throws Exception {
        String yaml = defaultWith(
                "# ari:\n#   url: http://127.0.0.1:8088\n#   username: parley\n#   password: ${PARLEY_ARI_PASSWORD}",
                "ari:\n  url: http://127.0.0.1:8088\n  username: parley\n  password: ${ARI_PW}");
        ParleyConfig config = loader.parse(yaml, "parley.yaml");
        AriSettings ari = config.ari().orElseThrow();
        assertThat(ari.password().value()).isEqualTo("s3cret");
        assertThat(ari.toString()).doesNotContain("s3cret");
        assertThat(ari.app()).isEqualTo("parley");
    }

    @Test
    void aValueFromTheEnvironmentIsNeverPrintedInAnError() {
        ConfigLoader withSecret = new ConfigLoader(Map.of("SECRET", "hunter2-is-my-password", "X", "7"));
        // Read field by field (structure), then checked as a whole (the validator): both mask.
        String structure = defaultWith("dashboard: 3020", "dashboard: ${SECRET}")
                .replace("feed: 6211", "feed: pre-${SECRET}-post");
        String whole = defaultWith("name: 5555-6666", "name: ${X}${X}/bad");
        for (String yaml : List.of(structure, whole)) {
            try {
                withSecret.parse(yaml, "parley.yaml");
                throw new AssertionError("accepted");
            } catch (ConfigException e) {
                assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("77/bad");
                assertThat(e.problems())
                        .allSatisfy(p -> assertThat(p.toString()).doesNotContain("hunter2"));
            }
        }
        assertThatThrownBy(() -> withSecret.parse(structure, "parley.yaml"))
                .hasMessageContaining("got '${SECRET}'")
                .hasMessageContaining("got 'pre-${SECRET}-post'");
        assertThatThrownBy(() -> withSecret.parse(whole, "parley.yaml")).hasMessageContaining("'${X}${X}/bad'");
    }

    @Test
    void pcmAcrossHostsNeedsASecretOfSixteenCharactersAtLeast() throws Exception {
        String remote = defaultWith(
                "pcm: {toBridge: 6120, fromBridge: 6121}",
                "pcm: {toBridge: 6120, fromBridge: 6121, gatewayHost: 10.0.0.5}");
        ConfigProblem p = onlyProblem(remote);
        assertThat(p.path()).isEqualTo("bridges[0].legs[0].pcm.gatewayHost");
        assertThat(p.message()).contains("10.0.0.5 crosses the network", "set pcm.secret");

        ConfigProblem shortSecret = onlyProblem("pcm:\n  secret: ${ARI_PW}\n" + remote);
        assertThat(shortSecret.path()).isEqualTo("pcm.secret");
        assertThat(shortSecret.message()).contains("at least 16").doesNotContain("s3cret");

        ParleyConfig signed = new ConfigLoader(Map.of("PCM", "0123456789abcdef0123"))
                .parse("pcm:\n  secret: ${PCM}\n" + remote, "parley.yaml");
        assertThat(signed.pcm().secret().orElseThrow().value()).isEqualTo("0123456789abcdef0123");
        LegPorts.Gateway ports =
                (LegPorts.Gateway) signed.bridges().getFirst().leg(0).ports();
        assertThat(ports.gatewayHost()).isEqualTo("10.0.0.5");
        assertThat(ports.bridgeHost()).isEmpty();

        assertThat(onlyProblem(defaultWith(
                                "pcm: {toBridge: 6120, fromBridge: 6121}",
                                "pcm: {toBridge: 6120, fromBridge: 6121, bridgeHost: bridge.example}"))
                        .message())
                .contains("'bridge.example' is not an IP address");
        assertThat(problems(defaultWith("bind: 127.0.0.1", "bind: 0.0.0.0")))
                .extracting(ConfigProblem::message)
                .anyMatch(m -> m.contains("set pcm.secret"));
    }

    @Test
    void unsetEnvironmentVariableIsAnError() {
        String yaml = defaultWith(
                "# ari:\n#   url: http://127.0.0.1:8088\n#   username: parley\n#   password: ${PARLEY_ARI_PASSWORD}",
                "ari:\n  username: parley\n  password: ${NOPE_NOT_SET}");
        ConfigProblem p = onlyProblem(yaml);
        assertThat(p.path()).isEqualTo("ari.password");
        assertThat(p.message())
                .isEqualTo("environment variable NOPE_NOT_SET is not set; export it or write the value here");
    }

    @Test
    void publicBindNeedsAToken() {
        ConfigProblem p =
                problems(defaultWith("bind: 127.0.0.1", "bind: 0.0.0.0")).getFirst();
        assertThat(p.path()).isEqualTo("bind");
        assertThat(p.message()).contains("set monitor.token");
    }

    @Test
    void brokenYamlIsLocated() {
        ConfigProblem p = onlyProblem("bridges:\n  - name: [unclosed\n");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.message()).startsWith("not valid YAML");
    }

    @Test
    void duplicateKeyIsReported() {
        List<ConfigProblem> problems = problems(defaultWith("bind: 127.0.0.1", "bind: 127.0.0.1\nbind: 127.0.0.2"));
        assertThat(problems).extracting(ConfigProblem::message).anyMatch(m -> m.contains("given twice"));
    }

    @Test
    void legCountMustBeTwo() {
        String yaml = """
                bridges:
                  - name: solo
                    mode: crosspatch
                    topology: externalmedia
                    legs:
                      - extension: "1"
                        externalMedia: {media: 7100, translated: 7101}
                """;
        ConfigProblem p = onlyProblem(yaml);
        assertThat(p.path()).isEqualTo("bridges[0].legs");
        assertThat(p.message()).isEqualTo("a bridge has exactly two legs, this one has 1");
    }

    @Test
    void portsOfAnotherTopologyAreRefused() {
        ConfigProblem p = onlyProblem(defaultWith(
                "externalMedia: {media: 7000, translated: 7001}",
                "externalMedia: {media: 7000, translated: 7001}\n        rtp: {in: 4100, out: 4101}"));
        assertThat(p.path()).isEqualTo("bridges[2].legs[0].rtp");
        assertThat(p.message())
                .isEqualTo("'rtp' does not apply to topology externalmedia; this topology takes externalMedia");
    }

    @Test
    void manyProblemsAreAllReportedInFileOrder() {
        List<ConfigProblem> problems =
                problems(defaultWith("dashboard: 8081", "dashboard: x").replace("mode: crosspatch", "mode: crossfade"));
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0).line()).isLessThan(problems.get(1).line());
    }

    @Test
    void missingFileSaysSo(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.yaml")
                .hasMessageContaining("no such file");
    }

    @Test
    void fileRoundTrip(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("parley.yaml");
        Files.writeString(file, ConfigLoader.defaultText());
        assertThat(loader.load(file)).isEqualTo(loader.loadDefault());
    }
}
