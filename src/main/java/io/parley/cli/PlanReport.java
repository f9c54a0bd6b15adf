package io.parley.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.parley.config.BridgeConfig;
import io.parley.config.LegConfig;
import io.parley.config.ParleyConfig;
import io.parley.config.PlannedPort;
import io.parley.config.PortPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The port plan as {@code parley ports} prints it: per bridge and component, then the range summary. */
final class PlanReport {
    private final ParleyConfig config;
    private final PortPlan plan;

    PlanReport(ParleyConfig config) {
        this.config = config;
        this.plan = PortPlan.of(config);
    }

    /** One line of the range summary: a kind of port, a range, the bridge, and which leg uses what. */
    record Range(String kind, String range, String bridge, String detail) {}

    List<Range> summary() {
        List<Range> out = new ArrayList<>();
        for (PlannedPort.Kind kind : PlannedPort.Kind.values()) {
            for (BridgeConfig bridge : config.bridges()) {
                List<PlannedPort> rows = plan.of(bridge.name()).stream()
                        .filter(r -> r.kind() == kind && r.bound())
                        .toList();
                if (rows.isEmpty()) {
                    continue;
                }
                String range =
                        PortRanges.of(rows.stream().map(PlannedPort::port).toList());
                out.add(new Range(kind.title(), range, bridge.name(), detail(bridge, kind, rows)));
            }
        }
        return out;
    }

    private static String detail(BridgeConfig bridge, PlannedPort.Kind kind, List<PlannedPort> rows) {
        return switch (kind) {
            case RTP, EXTERNAL_MEDIA, AUDIO_SOCKET ->
                bridge.legs().stream()
                        .map(leg -> leg.extension() + " ("
                                + leg.ports().all().stream()
                                        .filter(p -> rows.stream().anyMatch(r -> r.port() == p))
                                        .map(String::valueOf)
                                        .collect(Collectors.joining("/"))
                                + ")")
                        .collect(Collectors.joining(", "));
            case PCM ->
                (bridge.mode().key().equals("translate") ? "Translation" : "Cross-patch") + " PCM ("
                        + bridge.legs().stream().map(LegConfig::extension).collect(Collectors.joining("/")) + ")";
            case DASHBOARD, FEED -> rows.getFirst().purpose();
        };
    }

    private static String title(BridgeConfig b) {
        String legs = b.legs().stream()
                .map(l -> l.language().isEmpty() ? l.extension() : l.extension() + " (" + l.language() + ")")
                .collect(Collectors.joining(" <-> "));
        return b.name() + ": " + legs + ", " + b.mode().key() + " over "
                + b.topology().key();
    }

    private Map<String, List<PlannedPort>> byComponent(BridgeConfig bridge) {
        Map<String, List<PlannedPort>> components = new LinkedHashMap<>();
        for (PlannedPort row : plan.of(bridge.name())) {
            components.computeIfAbsent(row.component(), c -> new ArrayList<>()).add(row);
        }
        return components;
    }

    String table() {
        StringBuilder s = new StringBuilder();
        for (BridgeConfig bridge : config.bridges()) {
            s.append(title(bridge)).append('\n');
            s.append(String.format(
                    "  %-22s %-6s %-8s %-9s %s%n", "COMPONENT", "PORT", "PROTOCOL", "DIRECTION", "PURPOSE"));
            byComponent(bridge)
                    .forEach((component, rows) -> rows.forEach(r -> s.append(String.format(
                            "  %-22s %-6d %-8s %-9s %s%n",
                            component, r.port(), r.protocol(), r.direction().text(), r.purpose()))));
            s.append('\n');
        }
        s.append("Port range summary\n");
        s.append(String.format("  %-18s %-12s %-10s %s%n", "KIND", "RANGE", "BRIDGE", "DETAIL"));
        for (Range r : summary()) {
            s.append(String.format("  %-18s %-12s %-10s %s%n", r.kind(), r.range(), r.bridge(), r.detail()));
        }
        return s.toString();
    }

    String markdown() {
        StringBuilder s = new StringBuilder("# parley port plan\n\nEverything binds ")
                .append(config.bind())
                .append(".\n");
        for (BridgeConfig bridge : config.bridges()) {
            s.append("\n## ").append(title(bridge)).append('\n');
            byComponent(bridge).forEach((component, rows) -> {
                s.append("\n#### ")
                        .append(component)
                        .append("\n| Port | Protocol | Direction | Purpose |\n")
                        .append("|------|----------|-----------|---------|\n");
                rows.forEach(r -> s.append("| ")
                        .append(r.port())
                        .append(" | ")
                        .append(r.protocol())
                        .append(" | ")
                        .append(r.direction().text())
                        .append(" | ")
                        .append(r.purpose())
                        .append(" |\n"));
            });
        }
        s.append("\n## Port Range Summary\n");
        String kind = null;
        for (Range r : summary()) {
            if (!r.kind().equals(kind)) {
                kind = r.kind();
                s.append("\n### ").append(kind).append("\n| Range | Bridge | Detail |\n|-------|--------|--------|\n");
            }
            s.append("| ")
                    .append(r.range())
                    .append(" | ")
                    .append(r.bridge())
                    .append(" | ")
                    .append(r.detail())
                    .append(" |\n");
        }
        return s.toString();
    }

    String json() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("bind", config.bind());
        List<Map<String, Object>> bridges = new ArrayList<>();
        for (BridgeConfig bridge : config.bridges()) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("name", bridge.name());
            b.put("mode", bridge.mode().key());
            b.put("topology", bridge.topology().key());
            List<Map<String, Object>> ports = new ArrayList<>();
            for (PlannedPort r : plan.of(bridge.name())) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("component", r.component());
                p.put("port", r.port());
                p.put("protocol", r.protocol().name());
                p.put("direction", r.direction().text());
                p.put("purpose", r.purpose());
                p.put("bound", r.bound());
                p.put("field", r.field());
                ports.add(p);
            }
            b.put("ports", ports);
            bridges.add(b);
        }
        doc.put("bridges", bridges);
        doc.put("summary", summary());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
