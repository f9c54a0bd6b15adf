package io.parley.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node with its field path, read field by field. Every mistake (unknown key, wrong type,
 * missing field, bad value) is reported to {@link ConfigReport} with the node's position, and the
 * reader carries on with a fallback so that one pass finds every problem.
 */
final class ConfigNode {
    private final Node node;
    private final String path;
    private final ConfigReport report;

    ConfigNode(Node node, String path, ConfigReport report) {
        this.node = node;
        this.path = path;
        this.report = report;
        report.locate(path, node);
    }

    String path() {
        return path;
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    boolean isSequence() {
        return node instanceof SequenceNode;
    }

    /** Reports a problem at this node. */
    void problem(String message) {
        report.add(path, node, message);
    }

    /** The entries of a mapping, in file order; reports and returns nothing when this is not one. */
    Map<String, ConfigNode> entries() {
        if (!(node instanceof MappingNode mapping)) {
            problem("expected a mapping (key: value lines), got " + describe(node));
            return Map.of();
        }
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                report.add(path, tuple.getKeyNode(), "keys must be plain names");
                continue;
            }
            String key = keyNode.getValue();
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (entries.containsKey(key)) {
                report.add(childPath, keyNode, "'" + key + "' is given twice; keep one");
                continue;
            }
            entries.put(key, new ConfigNode(tuple.getValueNode(), childPath, report));
        }
        return entries;
    }

    /** Reports every key not in {@code allowed}, suggesting the nearest allowed one. */
    Map<String, ConfigNode> fields(Set<String> allowed) {
        Map<String, ConfigNode> entries = entries();
        for (Map.Entry<String, ConfigNode> e : entries.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                e.getValue()
                        .report
                        .add(
                                e.getValue().path,
                                keyMark(e.getKey()),
                                "unknown key '" + e.getKey() + "'" + suggestion(e.getKey(), allowed));
            }
        }
        return entries;
    }

    private Node keyMark(String key) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple t : mapping.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return k;
                }
            }
        }
        return node;
    }

    List<ConfigNode> items() {
        if (!(node instanceof SequenceNode sequence)) {
            problem("expected a list (lines starting with '- '), got " + describe(node));
            return List.of();
        }
        List<ConfigNode> items = new ArrayList<>();
        List<Node> values = sequence.getValue();
        for (int i = 0; i < values.size(); i++) {
            items.add(new ConfigNode(values.get(i), path + "[" + i + "]", report));
        }
        return items;
    }

    /** The scalar text with {@code ${VAR}} references resolved; null (after reporting) when this is not a scalar. */
    String text() {
        if (!(node instanceof ScalarNode scalar)) {
            problem("expected a single value, got " + describe(node));
            return null;
        }
        return report.resolveEnv(scalar.getValue(), this);
    }

    boolean isNull() {
        return node instanceof ScalarNode s && s.getTag().getValue().endsWith(":null");
    }

    OptionalInt integer(int min, int max, String unit) {
        String text = text();
        if (text == null) {
            return OptionalInt.empty();
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < min || value > max) {
                problem(unit + " " + value + " is out of range; use " + min + " to " + max);
                return OptionalInt.empty();
            }
            return OptionalInt.of(value);
        } catch (NumberFormatException e) {
            problem("expected a whole number (" + unit + "), got '" + text + "'");
            return OptionalInt.empty();
        }
    }

    Optional<Double> decimal(double min, double max, String unit) {
        String text = text();
        if (text == null) {
            return Optional.empty();
        }
        try {
            double value = Double.parseDouble(text.strip());
            if (!(value >= min && value <= max)) {
                problem(unit + " " + text + " is out of range; use " + min + " to " + max);
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            problem("expected a number (" + unit + "), got '" + text + "'");
            return Optional.empty();
        }
    }

    Optional<Boolean> bool() {
        String text = text();
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.strip()) {
            case "true", "yes", "on" -> Optional.of(true);
            case "false", "no", "off" -> Optional.of(false);
            default -> {
                problem("expected true or false, got '" + text + "'");
                yield Optional.empty();
            }
        };
    }

    /** One of a fixed set of words, e.g. {@code crosspatch}; reports the choices otherwise. */
    <E extends Enum<E>> Optional<E> choice(Class<E> type, Function<E, String> key) {
        String text = text();
        if (text == null) {
            return Optional.empty();
        }
        Set<String> keys = new LinkedHashSet<>();
        for (E e : type.getEnumConstants()) {
            keys.add(key.apply(e));
            if (key.apply(e).equals(text.strip())) {
                return Optional.of(e);
            }
        }
        problem("'" + text + "' is not one of " + String.join(", ", keys) + suggestion(text, keys));
        return Optional.empty();
    }

    static String describe(Node node) {
        return switch (node) {
            case MappingNode m -> "a mapping";
            case SequenceNode s -> "a list";
            case ScalarNode s -> "'" + s.getValue() + "'";
            default -> node.getNodeId().name();
        };
    }

    static String suggestion(String given, Set<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = editDistance(given.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        if (best != null && bestDistance <= Math.max(2, given.length() / 3)) {
            return "; did you mean '" + best + "'?";
        }
        return allowed.isEmpty() ? "" : " (expected one of: " + String.join(", ", allowed) + ")";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
