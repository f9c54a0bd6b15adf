package io.parley.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks that concern the configuration as a whole (ports shared between bridges, languages the
 * engines cannot serve, extensions used twice), reported by field path. Structural problems
 * (types, unknown keys, missing fields) are the loader's.
 */
final class ConfigValidator {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern EXTENSION = Pattern.compile("[0-9A-Za-z*#+_-]{1,32}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9A-Fa-f:.]+]?");

    record Finding(String path, String message) {}

    private final List<Finding> findings = new ArrayList<>();

    private ConfigValidator() {}

    static List<Finding> validate(ParleyConfig config) {
        ConfigValidator v = new ConfigValidator();
        v.bind(config);
        v.pcmLinks(config);
        v.engines(config.engines());
        v.bridges(config);
        v.ports(PortPlan.of(config));
        v.history(config);
        return v.findings;
    }

    private void add(String path, String message) {
        findings.add(new Finding(path, message));
    }

    private void bind(ParleyConfig config) {
        if (!IP_LITERAL.matcher(config.bind()).matches()) {
            add("bind", "'" + config.bind() + "' is not an IP address; use 127.0.0.1, ::1, or an address of this host");
            return;
        }
        try {
            InetAddress address = InetAddress.getByName(config.bind());
            if (!address.isLoopbackAddress()
                    && config.monitor().token().map(Secret::value).orElse("").isEmpty()) {
                add(
                        "bind",
                        "binding " + config.bind() + " exposes dashboards and the metrics feed beyond this host;"
                                + " set monitor.token (e.g. token: ${PARLEY_MONITOR_TOKEN}) or bind 127.0.0.1");
            }
        } catch (UnknownHostException e) {
            add("bind", "'" + config.bind() + "' is not an IP address: " + e.getMessage());
        }
    }

    /**
     * A gateway and its bridge on different hosts, or a PCM port open beyond loopback, need the
     * datagrams signed: the source address alone is easy to forge off loopback.
     */
    private void pcmLinks(ParleyConfig config) {
        boolean signed = config.pcm().secret().isPresent();
        for (int b = 0; b < config.bridges().size(); b++) {
            BridgeConfig bridge = config.bridges().get(b);
            for (int l = 0; l < bridge.legs().size(); l++) {
                if (!(bridge.legs().get(l).ports() instanceof LegPorts.Gateway g)) {
                    continue;
                }
                String at = "bridges[" + b + "].legs[" + l + "].pcm";
                for (String[] host :
                        new String[][] {{"gatewayHost", g.gatewayHost()}, {"bridgeHost", g.bridgeHost()}}) {
                    String address = host[1].isEmpty() ? config.bind() : host[1];
                    if (!host[1].isEmpty() && !IP_LITERAL.matcher(host[1]).matches()) {
                        add(
                                at + "." + host[0],
                                "'" + host[1] + "' is not an IP address; give the address of the host"
                                        + " it runs on, e.g. 10.0.0.5");
                    } else if (!signed && !isLoopback(address)) {
                        add(
                                at + "." + host[0],
                                "PCM to or from " + address + " crosses the network, where a source"
                                        + " address is easy to forge; set pcm.secret (e.g. secret: ${PARLEY_PCM_SECRET}, the same"
                                        + " on both hosts) so that every datagram is signed, or keep gateway and bridge on loopback");
                    }
                }
            }
        }
    }

    private static boolean isLoopback(String address) {
        try {
            InetAddress a = InetAddress.getByName(address);
            return a.isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private void engines(EngineSettings engines) {
        engines.stt().forEach((language, choice) -> engine("engines.stt." + language, "stt", language, choice));
        engine("engines.mt", "mt", "", engines.mt());
        engines.tts().forEach((language, choice) -> engine("engines.tts." + language, "tts", language, choice));
    }

    private void engine(String path, String stage, String language, EngineChoice choice) {
        if (!language.isEmpty() && !LANGUAGE.matcher(language).matches()) {
            add(path, "'" + language + "' is not a language code; use ISO 639-1, e.g. en, fr");
        }
        if (choice.engine().equals("none")) {
            return;
        }
        var engine = EngineCatalog.find(stage, choice.engine());
        if (engine.isEmpty()) {
            add(
                    path + ".engine",
                    "unknown " + stage + " engine '" + choice.engine() + "'; choose one of "
                            + String.join(", ", EngineCatalog.names(stage)));
            return;
        }
        if (!language.isEmpty() && !engine.get().serves(language)) {
            add(
                    path + ".engine",
                    choice.engine() + " does not serve '" + language + "' (it serves "
                            + String.join(
                                    ", ",
                                    engine.get().languages().stream().sorted().toList()) + ")");
        }
        for (String option : engine.get().requiredOptions()) {
            if (choice.option(option, "").isBlank()) {
                add(
                        path,
                        choice.engine() + " needs '" + option + "': "
                                + engine.get().note());
            }
        }
    }

    private void bridges(ParleyConfig config) {
        if (config.bridges().isEmpty()) {
            add("bridges", "no bridges: list at least one (see parley config --print-default)");
        }
        Map<String, String> names = new HashMap<>();
        Map<String, String> extensions = new HashMap<>();
        for (int b = 0; b < config.bridges().size(); b++) {
            BridgeConfig bridge = config.bridges().get(b);
            String at = "bridges[" + b + "]";
            if (!NAME.matcher(bridge.name()).matches()) {
                add(
                        at + ".name",
                        "'" + bridge.name() + "' is not a usable name; use letters, digits, '.', '_' and '-'");
            }
            String earlier = names.putIfAbsent(bridge.name(), at);
            if (earlier != null) {
                add(at + ".name", "the name '" + bridge.name() + "' is already used by " + earlier);
            }
            jitter(at + ".jitter", bridge.jitter());
            for (int l = 0; l < bridge.legs().size(); l++) {
                LegConfig leg = bridge.legs().get(l);
                String legAt = at + ".legs[" + l + "]";
                if (!EXTENSION.matcher(leg.extension()).matches()) {
                    add(legAt + ".extension", "'" + leg.extension() + "' is not an extension; use digits such as 3333");
                }
                String other = extensions.putIfAbsent(leg.extension(), legAt);
                if (other != null) {
                    add(
                            legAt + ".extension",
                            "extension " + leg.extension() + " is already a leg at " + other
                                    + "; a call to it could not be routed");
                }
                if (leg.codec() == Codec.SLIN16 && !(leg.ports() instanceof LegPorts.AudioSocket)) {
                    add(
                            legAt + ".codec",
                            "Asterisk silently drops slin16 RTP it receives (asterisk/documentation#142),"
                                    + " so the caller would hear nothing; use ulaw, alaw or slin");
                }
                if (leg.ports() instanceof LegPorts.AudioSocket
                        && leg.codec() != Codec.SLIN
                        && leg.codec() != Codec.SLIN16) {
                    add(
                            legAt + ".codec",
                            "AudioSocket carries signed linear audio: use codec slin (8 kHz) or slin16"
                                    + " (16 kHz), not " + leg.codec().asteriskName());
                }
                if (!leg.language().isEmpty()
                        && !LANGUAGE.matcher(leg.language()).matches()) {
                    add(
                            legAt + ".language",
                            "'" + leg.language() + "' is not a language code; use ISO 639-1, e.g. en, fr");
                }
            }
            if (bridge.mode() == Mode.TRANSLATE) {
                translation(at, bridge, config.engines());
            }
        }
    }

    private void translation(String at, BridgeConfig bridge, EngineSettings engines) {
        LegConfig a = bridge.leg(0);
        LegConfig b = bridge.leg(1);
        for (int l = 0; l < 2; l++) {
            LegConfig leg = bridge.leg(l);
            String legAt = at + ".legs[" + l + "].language";
            if (leg.language().isEmpty()) {
                add(
                        at + ".legs[" + l + "]",
                        "missing required field 'language': a translate bridge needs each caller's language, e.g. en");
                return;
            }
            EngineChoice tts = engines.ttsFor(leg.language());
            boolean speakable = EngineCatalog.find("tts", tts.engine())
                    .map(e -> e.serves(leg.language()))
                    .orElse(false);
            if (!speakable) {
                add(
                        legAt,
                        "no speech synthesiser for '" + leg.language() + "' (engines.tts." + leg.language()
                                + " is " + tts.engine() + "); the translation could not be spoken to extension "
                                + leg.extension() + ": configure espeak-ng for it");
            }
        }
        if (a.language().equals(b.language())) {
            add(
                    at + ".legs[1].language",
                    "both legs speak '" + a.language() + "'; there is nothing to translate: use mode: crosspatch");
            return;
        }
        List<String> missing = new ArrayList<>();
        for (LegConfig[] pair : new LegConfig[][] {{a, b}, {b, a}}) {
            if (!EngineCatalog.translates(engines.mt(), pair[0].language(), pair[1].language())) {
                missing.add(pair[0].language() + " to " + pair[1].language());
            }
        }
        if (!missing.isEmpty()) {
            add(
                    at + ".legs[1].language",
                    "the translator (" + engines.mt().engine() + ") cannot translate "
                            + String.join(" or ", missing) + "; apertium serves "
                            + String.join(
                                    ", ",
                                    EngineCatalog.APERTIUM_PAIRS.stream()
                                            .sorted()
                                            .toList()));
        }
    }

    private void jitter(String at, JitterSettings j) {
        if (j.minMillis() % 20 != 0 || j.initialMillis() % 20 != 0 || j.maxMillis() % 20 != 0) {
            add(
                    at,
                    "jitter buffer bounds must be multiples of 20 ms (one frame), got " + j.minMillis() + "/"
                            + j.initialMillis() + "/" + j.maxMillis());
        }
        if (!(j.minMillis() <= j.initialMillis() && j.initialMillis() <= j.maxMillis())) {
            add(
                    at,
                    "need minMs <= initialMs <= maxMs, got " + j.minMillis() + " <= " + j.initialMillis() + " <= "
                            + j.maxMillis());
        }
    }

    private void history(ParleyConfig config) {
        HistorySettings h = config.history();
        h.database().map(Secret::value).ifPresent(url -> {
            if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:sqlite:")) {
                // The URL may hold a password: name only its scheme.
                String scheme = url.contains("//") ? url.substring(0, url.indexOf("//")) : "this value";
                add(
                        "history.database",
                        "'" + scheme + "...' is not a database URL parley can use; write"
                                + " jdbc:postgresql://HOST:PORT/DB?user=USER&password=${PASSWORD}, or leave it out for SQLite in"
                                + " history.dataDir");
            }
        });
        if (h.node().length() > 64) {
            add("history.node", "a node name of " + h.node().length() + " characters is too long; use at most 64");
        }
        List<String> record = h.recordings().record();
        for (int i = 0; i < record.size(); i++) {
            String target = record.get(i);
            int slash = target.indexOf('/');
            String bridgeName = slash < 0 ? target : target.substring(0, slash);
            var bridge = config.bridge(bridgeName);
            if (bridge.isEmpty()) {
                add(
                        "history.recordings.record[" + i + "]",
                        "no bridge named '" + bridgeName + "'; write a bridge's"
                                + " name (both legs) or NAME/EXTENSION (one leg)");
            } else if (slash >= 0
                    && bridge.get().legs().stream().noneMatch(l -> l.extension().equals(target.substring(slash + 1)))) {
                add(
                        "history.recordings.record[" + i + "]",
                        "bridge " + bridgeName + " has no leg with extension '" + target.substring(slash + 1) + "'");
            }
        }
    }

    private void ports(PortPlan plan) {
        Map<String, PlannedPort> taken = new HashMap<>();
        for (PlannedPort row : plan.bound()) {
            PlannedPort first = taken.putIfAbsent(row.protocol() + "/" + row.port(), row);
            if (first != null) {
                add(
                        row.field(),
                        row.protocol() + " " + row.port() + " is already planned for " + first.describe()
                                + "; choose a free port");
            }
        }
    }
}
