package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.config.ConfigLoader;
import io.parley.config.PortPlan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The default plan against the seed document itself: its component tables, with the merger it
 * describes applied (STTTTSserver takes over conf-server's PCM ports 6120-6123, keeps 3020 and
 * 6211, and 3021 goes away), must match parley's plan port for port. A test of the default port
 * plan itself: it reads the seed's port numbers and binds none of them.
 */
class SeedPlanTest {
    private static final String SEED = "000_d43a02f1d5dae3f4.txt";
    private static final Pattern PROJECT = Pattern.compile("^## .*PROJECT \\d+: (\\S+)");
    private static final Pattern COMPONENT = Pattern.compile("^#### (.+)$");
    private static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\| (UDP|TCP) \\| ([A-Za-z/]+) \\| (.+) \\|$");

    /** A port as one component of the seed uses it. */
    record Use(String bridge, String component, int port, String protocol, String direction)
            implements Comparable<Use> {
        @Override
        public int compareTo(Use o) {
            return toString().compareTo(o.toString());
        }
    }

    static String seedText() throws IOException {
        try (InputStream in = SeedPlanTest.class.getResourceAsStream("/seed/" + SEED)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void repositoryCopyIsTheSeedItself() throws IOException {
        Path shared = Path.of(System.getProperty("parley.repo", "."), "..", "shared", "seeds", SEED);
        if (Files.exists(shared)) {
            assertThat(seedText()).isEqualTo(Files.readString(shared));
        }
        assertThat(seedText()).contains("After Merger (Target State)");
    }

    /** Every component table of the seed, before the merger. */
    static List<Use> seedTables(String text) {
        List<Use> uses = new ArrayList<>();
        String project = null;
        String component = null;
        for (String line : text.lines().toList()) {
            Matcher m;
            if ((m = PROJECT.matcher(line)).find()) {
                project = m.group(1);
                component = null;
            } else if (line.startsWith("## ")) {
                project = null; // the summary and verification sections repeat ports: not component tables
            } else if ((m = COMPONENT.matcher(line)).find()) {
                component = m.group(1).trim();
            } else if (project != null && component != null && (m = ROW.matcher(line.trim())).find()) {
                uses.add(new Use(project, component, Integer.parseInt(m.group(1)), m.group(2), m.group(3)));
            }
        }
        return uses;
    }

    /** The seed's "After Merger (Target State)", in parley's names. */
    static Set<Use> seedTarget(String text) {
        Map<String, String> bridges = Map.of(
                "3333_4444__Operational",
                "3333-4444",
                "5555-6666-pcm-crossover",
                "5555-6666",
                "7777-8888-stack",
                "7777-8888");
        Set<Use> target = new TreeSet<>();
        for (Use u : seedTables(text)) {
            String bridge = bridges.get(u.bridge());
            String c = u.component();
            String component;
            if (c.startsWith("gateway-") && c.matches("gateway-\\d{4}-.*")) {
                component = "gateway " + c.substring(8, 12);
            } else if (c.startsWith("conf-server-phase1.js")) {
                if (bridge.equals("3333-4444")) {
                    if (u.protocol().equals("TCP")) {
                        continue; // 3021: "Will be freed (conf-server WebSocket not merged)"
                    }
                    component = "translation bridge"; // "UDP PCM 6120-6123 (conf-server) -> (STTTTSserver)"
                } else {
                    component = "cross-patch bridge";
                }
            } else if (c.startsWith("STTTTSserver.js")) {
                if (u.port() == 3010) {
                    continue; // its default when PORT is unset; the target runs it with PORT=3020
                }
                component = "translation bridge";
            } else if (c.startsWith("Monitoring Dashboard")) {
                component = "translation bridge"; // the temporary 3020 server is STTTTSserver's 3020 after the merger
            } else if (c.startsWith("conference-server-externalmedia.js") || c.startsWith("Dashboard HTTP Server")) {
                component = "ExternalMedia bridge";
            } else {
                throw new AssertionError("seed component not mapped: " + c);
            }
            target.add(new Use(bridge, component, u.port(), u.protocol(), u.direction()));
        }
        return target;
    }

    @Test
    void defaultPlanMatchesTheSeedsTargetStatePortForPort() throws IOException {
        String text = seedText();
        assertThat(text)
                .containsPattern(
                        "\\| WebSocket Monitoring \\| 3021 \\(conf-server\\) \\| .* Not merged \\(removed\\) \\|")
                .contains("| UDP PCM | 6120-6123 (conf-server) | 6120-6123 (STTTTSserver) |");
        Set<Use> seed = seedTarget(text);
        Set<Use> parley = PortPlan.of(new ConfigLoader(Map.of()).loadDefault()).rows().stream()
                .map(r -> new Use(
                        r.bridge(),
                        r.component(),
                        r.port(),
                        r.protocol().name(),
                        r.direction().text()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(parley).containsExactlyElementsOf(seed);
        assertThat(seed).hasSize(31);
        assertThat(seed).noneMatch(u -> u.port() == 3021 || u.port() == 3010);
    }
}
