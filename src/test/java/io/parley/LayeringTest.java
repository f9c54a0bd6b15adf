package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packages' dependencies point one way, the way a frame travels up: {@code media}, {@code rtp}
 * and {@code audio} know nothing of legs; the legs ({@code leg}, then {@code rtpleg} and
 * {@code pcmlink}, joined by {@code gateway}) know nothing of bridges; {@code translation} knows
 * nothing of RTP; {@code bridge} composes them; {@code cli} wires everything. Read from the source
 * (imports and fully qualified names in code, not in comments or strings), so a new dependency
 * shows up here and has to be written into {@link #ALLOWED} on purpose.
 */
class LayeringTest {
    /** Which other parley packages each top-level package may use ({@code speech.*} counts as {@code speech}). */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("rtp", Set.of()),
            Map.entry("audio", Set.of()),
            Map.entry("media", Set.of()),
            Map.entry("event", Set.of()),
            Map.entry("config", Set.of()),
            Map.entry("log", Set.of()),
            Map.entry("host", Set.of()),
            Map.entry("speech", Set.of("audio", "config")),
            Map.entry("leg", Set.of("audio", "config", "event", "media", "rtp")),
            Map.entry("rtpleg", Set.of("leg", "audio", "config", "event", "media", "rtp")),
            Map.entry("pcmlink", Set.of("leg", "audio", "config", "event", "media", "rtp")),
            Map.entry("gateway", Set.of("leg", "rtpleg", "pcmlink", "config", "event", "media")),
            Map.entry("translation", Set.of("leg", "speech", "audio", "config", "event", "log", "media")),
            Map.entry(
                    "bridge",
                    Set.of(
                            "leg",
                            "rtpleg",
                            "pcmlink",
                            "gateway",
                            "translation",
                            "speech",
                            "audio",
                            "config",
                            "event",
                            "media")),
            Map.entry("ari", Set.of("leg", "audio", "config", "event", "log", "media")),
            Map.entry("history", Set.of("bridge", "leg", "audio", "config", "event", "log", "media")),
            Map.entry("monitor", Set.of("history", "config", "event", "log")),
            Map.entry("sim", Set.of("speech", "audio", "config", "media", "rtp")),
            Map.entry(
                    "cli",
                    Set.of(
                            "ari", "bridge", "history", "host", "leg", "monitor", "sim", "speech", "audio", "config",
                            "event", "log", "media")));

    /** An import, or a qualified name in code: the package is the lower-case run before a type name. */
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.parley\\.([a-z]\\w*(?:\\.[a-z]\\w*)*)\\.[A-Z]");

    @Test
    void everyPackageUsesOnlyThePackagesBelowIt() {
        List<String> violations = new ArrayList<>();
        dependencies().forEach((from, tos) -> {
            String top = top(from);
            Set<String> allowed = ALLOWED.get(top);
            if (allowed == null) {
                violations.add(from + " is a new top-level package: give it a row in LayeringTest.ALLOWED");
                return;
            }
            for (String to : tos) {
                if (!top(to).equals(top) && !allowed.contains(top(to))) {
                    violations.add(from + " uses " + to);
                }
            }
        });
        assertThat(violations).isEmpty();
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        Map<String, Set<String>> graph = dependencies();
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            List<String> path = new ArrayList<>();
            if (cycleFrom(start, start, graph, path, new TreeSet<>())) {
                cycles.add(start + " -> " + String.join(" -> ", path));
            }
        }
        assertThat(cycles).isEmpty();
    }

    /** The rule table itself has no cycle, so that no edit of it can allow one. */
    @Test
    void theAllowedTableRunsOneWay() {
        Map<String, Set<String>> table = new TreeMap<>(ALLOWED);
        for (String start : table.keySet()) {
            assertThat(cycleFrom(start, start, table, new ArrayList<>(), new TreeSet<>()))
                    .as("a cycle through %s in ALLOWED", start)
                    .isFalse();
        }
    }

    private static boolean cycleFrom(
            String start, String at, Map<String, Set<String>> graph, List<String> path, Set<String> seen) {
        for (String next : graph.getOrDefault(at, Set.of())) {
            path.add(next);
            if (next.equals(start)) {
                return true;
            }
            if (seen.add(next) && cycleFrom(start, next, graph, path, seen)) {
                return true;
            }
            path.removeLast();
        }
        return false;
    }

    private static String top(String pkg) {
        int dot = pkg.indexOf('.');
        return dot < 0 ? pkg : pkg.substring(0, dot);
    }

    /** Each package of src/main to the other parley packages its code names. */
    static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path f : JavaSources.files(JavaSources.MAIN)) {
            String source = JavaSources.read(f);
            String from = JavaSources.packageOf(source).substring("io.parley.".length());
            Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
            Matcher ref = REFERENCE.matcher(JavaSources.code(source));
            while (ref.find()) {
                if (!ref.group(1).equals(from)) {
                    to.add(ref.group(1));
                }
            }
        }
        return graph;
    }
}
