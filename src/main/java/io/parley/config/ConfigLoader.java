package io.parley.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a configuration file into a {@link ParleyConfig}, or refuses it with every problem found,
 * each located by file, line, column and field path. Nothing binds before this has succeeded.
 */
public final class ConfigLoader {
    public static final String DEFAULT_NAME = "<built-in default>";
    private static final String DEFAULT_RESOURCE = "default-parley.yaml";

    private static final Set<String> TOP =
            Set.of("bind", "ari", "monitor", "engines", "bridges", "transcripts", "pcm", "history");
    private static final Set<String> ARI = Set.of("url", "username", "password", "app");
    private static final Set<String> MONITOR = Set.of("token", "allowedOrigins");
    private static final Set<String> ENGINES = Set.of("stt", "mt", "tts");
    private static final Set<String> BRIDGE =
            Set.of("name", "mode", "topology", "dashboard", "feed", "legs", "jitter", "translation");
    private static final Set<String> LEG = Set.of(
            "extension", "language", "codec", "rtp", "pcm", "externalMedia", "audioSocket", "remote", "tonezone");
    private static final Set<String> RTP = Set.of("in", "out", "symmetric");
    private static final Set<String> PCM = Set.of("toBridge", "fromBridge", "gatewayHost", "bridgeHost");
    private static final Set<String> PCM_LINKS = Set.of("secret");
    private static final Set<String> EXTERNAL_MEDIA = Set.of("media", "translated");
    private static final Set<String> AUDIO_SOCKET = Set.of("tcp");
    private static final Set<String> JITTER = Set.of("minMs", "initialMs", "maxMs");
    private static final Set<String> HISTORY =
            Set.of("enabled", "dataDir", "database", "retentionDays", "node", "recordings");
    private static final Set<String> RECORDINGS = Set.of("record", "retentionDays");
    private static final Set<String> TRANSLATION =
            Set.of("original", "duckDb", "maxLagMs", "echoTailMs", "bargeIn", "endOfSpeechMs");

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** A loader that resolves {@code ${VAR}} from this process's environment. */
    public static ConfigLoader fromEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    public ParleyConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw single(
                    file.toString(),
                    "no such file; give an existing path, or leave --config out for the built-in default");
        } catch (IOException e) {
            throw single(file.toString(), "cannot read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** The built-in default: three bridges (two translated, one cross-patched) on the default port plan. */
    public ParleyConfig loadDefault() {
        try {
            return parse(defaultText(), DEFAULT_NAME);
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in default configuration is invalid:\n" + e.getMessage(), e);
        }
    }

    /** The built-in default as commented YAML, the starting point for a user's own file. */
    public static String defaultText() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + DEFAULT_RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ParleyConfig parse(String text, String fileName) throws ConfigException {
        ConfigReport report = new ConfigReport(fileName, env);
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            report.add(
                    "",
                    mark,
                    "not valid YAML: " + e.getProblem() + (e.getContext() != null ? " (" + e.getContext() + ")" : ""));
            throw report.exception();
        } catch (YAMLException e) {
            throw single(fileName, "not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw single(fileName, "the file is empty; start from `parley config --print-default`");
        }
        ParleyConfig config = read(new ConfigNode(root, "", report));
        if (report.hasProblems()) {
            throw report.exception();
        }
        for (ConfigValidator.Finding f : ConfigValidator.validate(config)) {
            report.add(f.path(), f.message());
        }
        if (report.hasProblems()) {
            throw report.exception();
        }
        return config;
    }

    private static ConfigException single(String file, String message) {
        return new ConfigException(List.of(new ConfigProblem(file, 0, 0, "", message)));
    }

    private ParleyConfig read(ConfigNode root) {
        Map<String, ConfigNode> f = root.fields(TOP);
        String bind = f.containsKey("bind") ? orEmpty(f.get("bind").text()) : "127.0.0.1";
        Optional<AriSettings> ari =
                Optional.ofNullable(f.get("ari")).filter(n -> !n.isNull()).map(this::ari);
        MonitorSettings monitor = Optional.ofNullable(f.get("monitor"))
                .filter(n -> !n.isNull())
                .map(this::monitor)
                .orElse(MonitorSettings.DEFAULT);
        EngineSettings engines = Optional.ofNullable(f.get("engines"))
                .filter(n -> !n.isNull())
                .map(this::engines)
                .orElse(EngineSettings.DEFAULT);
        List<BridgeConfig> bridges = new ArrayList<>();
        ConfigNode list = f.get("bridges");
        if (list == null) {
            root.problem("missing required field 'bridges': list the bridges to run");
        } else {
            for (ConfigNode b : list.items()) {
                bridge(b).ifPresent(bridges::add);
            }
        }
        Path transcripts = f.containsKey("transcripts")
                ? Path.of(orEmpty(f.get("transcripts").text()))
                : ParleyConfig.DEFAULT_TRANSCRIPTS;
        PcmSettings pcm = Optional.ofNullable(f.get("pcm"))
                .filter(n -> !n.isNull())
                .map(this::pcm)
                .orElse(PcmSettings.DEFAULT);
        HistorySettings history = Optional.ofNullable(f.get("history"))
                .filter(n -> !n.isNull())
                .map(this::history)
                .orElse(HistorySettings.DEFAULT);
        return new ParleyConfig(bind, ari, monitor, engines, bridges, transcripts, pcm, history);
    }

    private PcmSettings pcm(ConfigNode node) {
        Map<String, ConfigNode> f = node.fields(PCM_LINKS);
        ConfigNode secret = f.get("secret");
        if (secret == null || secret.isNull()) {
            return PcmSettings.DEFAULT;
        }
        String value = orEmpty(secret.text());
        if (value.getBytes(StandardCharsets.UTF_8).length < PcmSettings.MIN_SECRET_BYTES) {
            secret.problem(
                    "the PCM secret has " + value.length() + " characters; use at least " + PcmSettings.MIN_SECRET_BYTES
                            + " (e.g. the output of `openssl rand -hex 32`, from ${PARLEY_PCM_SECRET})");
        }
        return new PcmSettings(Optional.of(new Secret(value)));
    }

    private HistorySettings history(ConfigNode node) {
        Map<String, ConfigNode> f = node.fields(HISTORY);
        HistorySettings d = HistorySettings.DEFAULT;
        boolean enabled = f.containsKey("enabled") ? f.get("enabled").bool().orElse(d.enabled()) : d.enabled();
        Path dataDir =
                f.containsKey("dataDir") ? Path.of(orEmpty(f.get("dataDir").text())) : d.dataDir();
        Optional<Secret> database = Optional.ofNullable(f.get("database"))
                .filter(n -> !n.isNull())
                .map(n -> new Secret(orEmpty(n.text())))
                .filter(s -> !s.value().isBlank());
        int retention = intOr(f.get("retentionDays"), 1, 36_500, "days", d.retentionDays());
        String nodeName = f.containsKey("node") ? orEmpty(f.get("node").text()) : d.node();
        HistorySettings.Recordings recordings = d.recordings();
        ConfigNode r = f.get("recordings");
        if (r != null && !r.isNull()) {
            Map<String, ConfigNode> rf = r.fields(RECORDINGS);
            List<String> record = new ArrayList<>();
            if (rf.containsKey("record")) {
                for (ConfigNode item : rf.get("record").items()) {
                    record.add(orEmpty(item.text()));
                }
            }
            int days = intOr(
                    rf.get("retentionDays"), 1, 36_500, "days", HistorySettings.Recordings.DEFAULT_RETENTION_DAYS);
            recordings = new HistorySettings.Recordings(record, days);
        }
        return new HistorySettings(enabled, dataDir, database, retention, nodeName, recordings);
    }

    private AriSettings ari(ConfigNode node) {
        Map<String, ConfigNode> f = node.fields(ARI);
        URI url = AriSettings.DEFAULT_URL;
        if (f.containsKey("url")) {
            String text = f.get("url").text();
            try {
                url = new URI(orEmpty(text));
                if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                    f.get("url").problem("'" + text + "' is not an http(s) URL such as http://127.0.0.1:8088");
                }
            } catch (URISyntaxException e) {
                f.get("url").problem("'" + text + "' is not a URL: " + e.getReason());
            }
        }
        String username = required(node, f, "username", "the user of Asterisk's ari.conf");
        String password = required(node, f, "password", "the password of that user, e.g. ${PARLEY_ARI_PASSWORD}");
        String app = f.containsKey("app") ? orEmpty(f.get("app").text()) : AriSettings.DEFAULT_APP;
        return new AriSettings(url, username, new Secret(password), app);
    }

    private MonitorSettings monitor(ConfigNode node) {
        Map<String, ConfigNode> f = node.fields(MONITOR);
        Optional<Secret> token =
                Optional.ofNullable(f.get("token")).filter(n -> !n.isNull()).map(n -> new Secret(orEmpty(n.text())));
        List<String> origins = new ArrayList<>();
        if (f.containsKey("allowedOrigins")) {
            for (ConfigNode o : f.get("allowedOrigins").items()) {
                origins.add(orEmpty(o.text()));
            }
        }
        return new MonitorSettings(token, origins);
    }

    private EngineSettings engines(ConfigNode node) {
        Map<String, ConfigNode> f = node.fields(ENGINES);
        Map<String, EngineChoice> stt = f.containsKey("stt") ? perLanguage(f.get("stt")) : EngineSettings.DEFAULT.stt();
        EngineChoice mt = f.containsKey("mt") ? choice(f.get("mt")) : EngineSettings.DEFAULT.mt();
        Map<String, EngineChoice> tts = f.containsKey("tts") ? perLanguage(f.get("tts")) : EngineSettings.DEFAULT.tts();
        return new EngineSettings(stt, mt, tts);
    }

    private Map<String, EngineChoice> perLanguage(ConfigNode node) {
        Map<String, EngineChoice> result = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> e : node.entries().entrySet()) {
            result.put(e.getKey(), choice(e.getValue()));
        }
        return result;
    }

    private EngineChoice choice(ConfigNode node) {
        Map<String, String> options = new LinkedHashMap<>();
        String engine = null;
        for (Map.Entry<String, ConfigNode> e : node.entries().entrySet()) {
            String value = orEmpty(e.getValue().text());
            if (e.getKey().equals("engine")) {
                engine = value;
            } else {
                options.put(e.getKey(), value);
            }
        }
        if (engine == null) {
            if (node.isMapping()) {
                node.problem("missing required field 'engine' (" + String.join(", ", EngineCatalog.names(node.path()))
                        + ")");
            }
            engine = "none";
        }
        return new EngineChoice(engine, options);
    }

    private Optional<BridgeConfig> bridge(ConfigNode node) {
        Map<String, ConfigNode> f = node.fields(BRIDGE);
        String name = required(node, f, "name", "a short name such as 3333-4444");
        Optional<Mode> mode = requiredChoice(node, f, "mode", Mode.class, Mode::key);
        Optional<Topology> topology = requiredChoice(node, f, "topology", Topology.class, Topology::key);
        OptionalInt dashboard = port(f.get("dashboard"));
        OptionalInt feed = port(f.get("feed"));
        JitterSettings jitter = f.containsKey("jitter") ? jitter(f.get("jitter")) : JitterSettings.DEFAULT;
        TranslationSettings translation =
                f.containsKey("translation") ? translation(f.get("translation")) : TranslationSettings.DEFAULT;
        List<LegConfig> legs = new ArrayList<>();
        ConfigNode legList = f.get("legs");
        if (legList == null) {
            node.problem("missing required field 'legs': a bridge has two legs");
        } else {
            List<ConfigNode> items = legList.items();
            if (legList.isSequence() && items.size() != 2) {
                legList.problem("a bridge has exactly two legs, this one has " + items.size());
            }
            for (ConfigNode leg : items) {
                topology.flatMap(t -> leg(leg, t)).ifPresent(legs::add);
            }
        }
        if (name == null || mode.isEmpty() || topology.isEmpty() || legs.size() != 2) {
            return Optional.empty();
        }
        return Optional.of(
                new BridgeConfig(name, mode.get(), topology.get(), legs, dashboard, feed, jitter, translation));
    }

    private Optional<LegConfig> leg(ConfigNode node, Topology topology) {
        Map<String, ConfigNode> f = node.fields(LEG);
        String extension = required(node, f, "extension", "the Asterisk extension, e.g. \"3333\"");
        String language = f.containsKey("language") ? orEmpty(f.get("language").text()) : "";
        Optional<Codec> codec = Optional.of(Codec.ULAW);
        if (f.containsKey("codec")) {
            codec = f.get("codec").choice(Codec.class, Codec::asteriskName);
        }
        Optional<LegPorts> ports = switch (topology) {
            case GATEWAY -> {
                rejectOthers(f, Set.of("rtp", "pcm"), "gateway");
                yield gatewayPorts(node, f);
            }
            case EXTERNALMEDIA -> {
                rejectOthers(f, Set.of("externalMedia"), "externalmedia");
                ConfigNode em = section(node, f, "externalMedia", "{media: PORT, translated: PORT}");
                if (em == null) {
                    yield Optional.empty();
                }
                Map<String, ConfigNode> p = em.fields(EXTERNAL_MEDIA);
                OptionalInt media = requiredPort(em, p, "media");
                OptionalInt translated = requiredPort(em, p, "translated");
                yield media.isPresent() && translated.isPresent()
                        ? Optional.of(new LegPorts.ExternalMedia(media.getAsInt(), translated.getAsInt()))
                        : Optional.empty();
            }
            case AUDIOSOCKET -> {
                rejectOthers(f, Set.of("audioSocket"), "audiosocket");
                ConfigNode as = section(node, f, "audioSocket", "{tcp: PORT}");
                if (as == null) {
                    yield Optional.empty();
                }
                OptionalInt tcp = requiredPort(as, as.fields(AUDIO_SOCKET), "tcp");
                yield tcp.isPresent() ? Optional.of(new LegPorts.AudioSocket(tcp.getAsInt())) : Optional.empty();
            }
        };
        Optional<SourcePin> remote = Optional.empty();
        boolean remoteValid = true;
        if (f.containsKey("remote")) {
            ConfigNode r = f.get("remote");
            String text = r.text();
            if (topology == Topology.AUDIOSOCKET && text != null) {
                r.problem("'remote' pins who may send RTP; an audiosocket leg takes Asterisk's TCP connection"
                        + " (limit who may reach its port with a firewall)");
                text = null;
            }
            String[] problem = new String[1];
            remote = text == null ? Optional.empty() : SourcePin.parse(text, problem);
            if (remote.isEmpty()) {
                remoteValid = false;
                if (text != null) {
                    r.problem(problem[0] + "; 'remote' pins who may send RTP to the leg");
                }
            }
        }
        ToneZone zone = ToneZone.forLanguage(language);
        boolean zoneValid = true;
        if (f.containsKey("tonezone")) {
            ConfigNode z = f.get("tonezone");
            String text = z.text();
            Optional<ToneZone> named = text == null ? Optional.empty() : ToneZone.named(text);
            if (named.isPresent()) {
                zone = named.get();
            } else {
                zoneValid = false;
                if (text != null) {
                    z.problem("unknown tone zone '" + text + "'; use one of " + ToneZone.names());
                }
            }
        }
        if (extension == null || codec.isEmpty() || ports.isEmpty() || !remoteValid || !zoneValid) {
            return Optional.empty();
        }
        return Optional.of(new LegConfig(extension, language, codec.get(), ports.get(), remote, zone));
    }

    private Optional<LegPorts> gatewayPorts(ConfigNode leg, Map<String, ConfigNode> f) {
        ConfigNode rtp = section(leg, f, "rtp", "{in: PORT, out: PORT}");
        ConfigNode pcm = section(leg, f, "pcm", "{toBridge: PORT, fromBridge: PORT}");
        if (rtp == null || pcm == null) {
            return Optional.empty();
        }
        Map<String, ConfigNode> r = rtp.fields(RTP);
        Map<String, ConfigNode> p = pcm.fields(PCM);
        OptionalInt in = requiredPort(rtp, r, "in");
        boolean symmetric =
                r.containsKey("symmetric") && r.get("symmetric").bool().orElse(false);
        OptionalInt out = OptionalInt.empty();
        if (symmetric) {
            if (r.containsKey("out")) {
                r.get("out")
                        .problem("a symmetric gateway sends from its 'in' port; remove 'out' or set symmetric: false");
            }
        } else {
            out = requiredPort(rtp, r, "out");
        }
        OptionalInt toBridge = requiredPort(pcm, p, "toBridge");
        OptionalInt fromBridge = requiredPort(pcm, p, "fromBridge");
        String gatewayHost = p.containsKey("gatewayHost")
                ? orEmpty(p.get("gatewayHost").text()).strip()
                : "";
        String bridgeHost = p.containsKey("bridgeHost")
                ? orEmpty(p.get("bridgeHost").text()).strip()
                : "";
        if (in.isEmpty() || (!symmetric && out.isEmpty()) || toBridge.isEmpty() || fromBridge.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((symmetric
                        ? LegPorts.Gateway.symmetric(in.getAsInt(), toBridge.getAsInt(), fromBridge.getAsInt())
                        : new LegPorts.Gateway(
                                in.getAsInt(), out.getAsInt(), false, toBridge.getAsInt(), fromBridge.getAsInt()))
                .at(gatewayHost, bridgeHost));
    }

    private static void rejectOthers(Map<String, ConfigNode> f, Set<String> wanted, String topology) {
        for (String section : List.of("rtp", "pcm", "externalMedia", "audioSocket")) {
            if (f.containsKey(section) && !wanted.contains(section)) {
                f.get(section)
                        .problem("'" + section + "' does not apply to topology " + topology + "; this topology takes "
                                + String.join(" and ", wanted));
            }
        }
    }

    private JitterSettings jitter(ConfigNode node) {
        Map<String, ConfigNode> f = node.fields(JITTER);
        JitterSettings d = JitterSettings.DEFAULT;
        int min = intOr(f.get("minMs"), 20, 1000, "milliseconds", d.minMillis());
        int initial = intOr(f.get("initialMs"), 20, 1000, "milliseconds", d.initialMillis());
        int max = intOr(f.get("maxMs"), 20, 1000, "milliseconds", d.maxMillis());
        return new JitterSettings(min, initial, max);
    }

    private TranslationSettings translation(ConfigNode node) {
        Map<String, ConfigNode> f = node.fields(TRANSLATION);
        TranslationSettings d = TranslationSettings.DEFAULT;
        TranslationSettings.Original original = f.containsKey("original")
                ? f.get("original")
                        .choice(
                                TranslationSettings.Original.class,
                                o -> o.name().toLowerCase())
                        .orElse(d.original())
                : d.original();
        double duck =
                f.containsKey("duckDb") ? f.get("duckDb").decimal(-60, 0, "dB").orElse(d.duckDb()) : d.duckDb();
        int lag = intOr(f.get("maxLagMs"), 500, 60_000, "milliseconds", d.maxLagMillis());
        int tail = intOr(f.get("echoTailMs"), 0, 5_000, "milliseconds", d.echoTailMillis());
        boolean bargeIn = f.containsKey("bargeIn") ? f.get("bargeIn").bool().orElse(d.bargeIn()) : d.bargeIn();
        int endOfSpeech = intOr(f.get("endOfSpeechMs"), 100, 2_000, "milliseconds", d.endOfSpeechMillis());
        return new TranslationSettings(original, duck, lag, tail, bargeIn, endOfSpeech);
    }

    private static int intOr(ConfigNode node, int min, int max, String unit, int fallback) {
        return node == null ? fallback : node.integer(min, max, unit).orElse(fallback);
    }

    private static OptionalInt port(ConfigNode node) {
        return node == null || node.isNull() ? OptionalInt.empty() : node.integer(1, 65535, "port");
    }

    private static OptionalInt requiredPort(ConfigNode parent, Map<String, ConfigNode> f, String key) {
        if (!f.containsKey(key)) {
            parent.problem("missing required port '" + key + "'");
            return OptionalInt.empty();
        }
        return port(f.get(key));
    }

    private static ConfigNode section(ConfigNode parent, Map<String, ConfigNode> f, String key, String shape) {
        if (!f.containsKey(key)) {
            parent.problem("missing required field '" + key + "': " + shape);
            return null;
        }
        return f.get(key);
    }

    private static String required(ConfigNode parent, Map<String, ConfigNode> f, String key, String what) {
        if (!f.containsKey(key)) {
            parent.problem("missing required field '" + key + "': " + what);
            return null;
        }
        return f.get(key).text();
    }

    private static <E extends Enum<E>> Optional<E> requiredChoice(
            ConfigNode parent, Map<String, ConfigNode> f, String key, Class<E> type, Function<E, String> keyOf) {
        if (!f.containsKey(key)) {
            List<String> keys = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                keys.add(keyOf.apply(e));
            }
            parent.problem("missing required field '" + key + "': one of " + String.join(", ", keys));
            return Optional.empty();
        }
        return f.get(key).choice(type, keyOf);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
