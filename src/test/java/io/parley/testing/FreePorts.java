package io.parley.testing;

import io.parley.config.BridgeConfig;
import io.parley.config.ConfigException;
import io.parley.config.ConfigLoader;
import io.parley.config.HistorySettings;
import io.parley.config.LegConfig;
import io.parley.config.LegPorts;
import io.parley.config.ParleyConfig;
import io.parley.config.PlannedPort;
import io.parley.config.PortPlan;
import io.parley.config.Topology;
import io.parley.sim.LoadPlan;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ports the system says are free now, and configurations moved onto them, so that two test JVMs,
 * or a suite and a running {@code parley}, never collide. Only the tests of the default port plan
 * itself (SeedPlanTest, PortsCommandTest, RunAndCheckTest's default-plan test) bind its ports.
 *
 * <p>A port handed out is often bound seconds later (by a {@code parley} process that is still
 * starting, a database after {@code initdb}). So ports come from below the kernel's ephemeral range,
 * which the kernel never hands to a socket bound to port 0 or to an outgoing connection, and each
 * surefire fork ({@code parley.test.fork}) takes them from a slice of its own: nothing but the test
 * that asked can take one in between. Within a slice they are handed out in turn, from a random
 * start, and a port is used again only after the whole slice went round; each is probed free first.
 */
public final class FreePorts {
    /** Above Asterisk's RTP ports (10000-20000) and the ports {@code parley load} plans from 20000. */
    private static final int LOWEST = 21_000;

    private static final int SLICE = 3_500;
    private static final int[] RANGE = range();
    private static int next = RANGE[0] + new SplittableRandom().nextInt(RANGE[1] - RANGE[0]);

    /** The port fields of a configuration file: {@code dashboard}, {@code feed}, {@code audioSocket.tcp} are TCP. */
    private static final Pattern PORT_FIELD =
            Pattern.compile("\\b(in|out|toBridge|fromBridge|media|translated|tcp|dashboard|feed):(\\s*)(\\d+)");

    private static final Set<String> TCP_FIELDS = Set.of("tcp", "dashboard", "feed");

    private FreePorts() {}

    /** A UDP port on the loopback address that no socket holds now. */
    public static synchronized int udp() {
        return take(1, true, false);
    }

    /** A TCP port on the loopback address that no socket listens on now. */
    public static synchronized int tcp() {
        return take(1, false, true);
    }

    /** {@code n} distinct free UDP ports. */
    public static int[] udp(int n) {
        int[] ports = new int[n];
        for (int i = 0; i < n; i++) {
            ports[i] = udp();
        }
        return ports;
    }

    /**
     * The first of {@code n} consecutive ports, each free now for both UDP and TCP: for a command
     * that takes a base port rather than a configuration ({@code parley load --base-port}).
     */
    public static synchronized int block(int n) {
        return take(n, true, true);
    }

    /** The first of the next {@code n} consecutive ports of this fork's slice free for the protocols asked. */
    private static int take(int n, boolean udp, boolean tcp) {
        int size = RANGE[1] - RANGE[0];
        for (int tried = 0; tried < size; tried++) {
            if (next + n > RANGE[1]) {
                next = RANGE[0];
            }
            int base = next++;
            if (free(base, n, udp, tcp)) {
                next = base + n;
                return base;
            }
        }
        throw new IllegalStateException(
                "no " + n + " consecutive free ports in " + RANGE[0] + "-" + (RANGE[1] - 1) + " on 127.0.0.1");
    }

    private static boolean free(int base, int n, boolean udp, boolean tcp) {
        List<AutoCloseable> held = new ArrayList<>();
        try {
            for (int p = base; p < base + n; p++) {
                InetAddress loopback = InetAddress.getLoopbackAddress();
                if (udp) {
                    held.add(new DatagramSocket(new InetSocketAddress(loopback, p)));
                }
                if (tcp) {
                    ServerSocket s = new ServerSocket();
                    held.add(s);
                    s.bind(new InetSocketAddress(loopback, p), 1);
                }
            }
            return true;
        } catch (IOException taken) {
            return false;
        } finally {
            for (AutoCloseable c : held) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // a probe
                }
            }
        }
    }

    /**
     * This JVM's slice {@code [from, to)}: the fork's own below the ephemeral range, or all of
     * {@code LOWEST} up to the ephemeral range outside surefire's forks.
     */
    private static int[] range() {
        int ephemeral = ephemeralLow();
        int fork = Integer.getInteger("parley.test.fork", 0);
        int from = LOWEST + (fork - 1) * SLICE;
        if (fork >= 1 && from + SLICE <= ephemeral) {
            return new int[] {from, from + SLICE};
        }
        if (ephemeral - LOWEST < 1_000) {
            throw new IllegalStateException("the kernel's ephemeral ports start at " + ephemeral
                    + " (net.ipv4.ip_local_port_range): the tests need " + LOWEST + "-" + (LOWEST + 1_000)
                    + " outside it");
        }
        return new int[] {LOWEST, ephemeral};
    }

    private static int ephemeralLow() {
        try {
            // readString would trust the size /proc reports (0) and read a single byte
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .getFirst();
            return Integer.parseInt(range.trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768; // Linux's default
        }
    }

    /**
     * {@code config} with every planned port (UDP and TCP) replaced by a free one, and its transcripts
     * and history (when on) kept under {@code dir}; everything else as it was.
     */
    public static ParleyConfig plan(ParleyConfig config, Path dir) {
        List<BridgeConfig> bridges =
                config.bridges().stream().map(FreePorts::bridge).toList();
        HistorySettings h = config.history();
        return new ParleyConfig(
                config.bind(),
                config.ari(),
                config.monitor(),
                config.engines(),
                bridges,
                dir.resolve("transcripts"),
                config.pcm(),
                new HistorySettings(
                        h.enabled(), dir.resolve("data"), h.database(), h.retentionDays(), h.node(), h.recordings()));
    }

    /** The built-in default plan (bridges, engines, history) on free ports, writing under {@code dir}. */
    public static ParleyConfig defaultPlan(Path dir) {
        return plan(new ConfigLoader(Map.of()).loadDefault(), dir);
    }

    /**
     * A configuration file's text with every port replaced by a free one (its {@code in}, {@code out},
     * {@code toBridge}, {@code fromBridge}, {@code media}, {@code translated}, {@code tcp},
     * {@code dashboard} and {@code feed} fields), and its transcripts and history under {@code dir}:
     * for a {@code parley} started as a process with {@code --config}. Checked: the result loads and
     * shares no port with the original.
     */
    public static String yaml(String yaml, Path dir) {
        Matcher m = PORT_FIELD.matcher(yaml);
        StringBuilder moved = new StringBuilder(yaml.length() + 64);
        while (m.find()) {
            int port = TCP_FIELDS.contains(m.group(1)) ? tcp() : udp();
            m.appendReplacement(moved, m.group(1) + ":" + m.group(2) + port);
        }
        m.appendTail(moved);
        String text = moved.toString();
        text = replaceOrAppend(text, "(?m)^transcripts:.*$", "transcripts: " + dir.resolve("transcripts"));
        String data = dir.resolve("data").toString();
        text = Pattern.compile("(?m)^history:").matcher(text).find()
                ? text.replaceAll("(?m)^(\\s+)dataDir:.*$", "$1dataDir: " + Matcher.quoteReplacement(data))
                : text + "\nhistory:\n  dataDir: " + data + "\n";
        try {
            ConfigLoader loader = new ConfigLoader(Map.of());
            Set<Integer> before = ports(loader.parse(yaml, "original"));
            Set<Integer> after = ports(loader.parse(text, "moved"));
            before.retainAll(after);
            if (!before.isEmpty()) {
                throw new IllegalArgumentException(
                        "ports " + before + " were not moved: a port field this does not know?");
            }
        } catch (ConfigException e) {
            throw new IllegalArgumentException("the configuration does not load: " + e.getMessage(), e);
        }
        return text;
    }

    /**
     * {@code pairs} cross-patched bridges over {@code topology} as {@code parley load} plans them
     * ({@link LoadPlan}: ulaw legs, no history, a dashboard on the first bridge) on free ports.
     */
    public static String loadPlan(int pairs, Topology topology, Path dir) {
        return yaml(new LoadPlan(pairs, topology, 20_000).yaml(), dir);
    }

    private static Set<Integer> ports(ParleyConfig config) {
        Set<Integer> ports = new HashSet<>();
        for (PlannedPort p : PortPlan.of(config).bound()) {
            ports.add(p.port());
        }
        return ports;
    }

    private static String replaceOrAppend(String text, String regex, String line) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.replaceFirst(Matcher.quoteReplacement(line)) : text + "\n" + line + "\n";
    }

    private static BridgeConfig bridge(BridgeConfig b) {
        List<LegConfig> legs =
                b.legs().stream().map(l -> l.withPorts(ports(l.ports()))).toList();
        return new BridgeConfig(
                b.name(), b.mode(), b.topology(), legs, tcp(b.dashboard()), tcp(b.feed()), b.jitter(), b.translation());
    }

    private static LegPorts ports(LegPorts ports) {
        return switch (ports) {
            case LegPorts.Gateway g ->
                new LegPorts.Gateway(
                        udp(), g.symmetric() ? 0 : udp(), g.symmetric(), udp(), udp(), g.gatewayHost(), g.bridgeHost());
            case LegPorts.ExternalMedia e -> new LegPorts.ExternalMedia(udp(), udp());
            case LegPorts.AudioSocket a -> new LegPorts.AudioSocket(tcp());
        };
    }

    private static OptionalInt tcp(OptionalInt port) {
        return port.isPresent() && port.getAsInt() != 0 ? OptionalInt.of(tcp()) : port;
    }
}
