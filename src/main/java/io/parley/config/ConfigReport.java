package io.parley.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Collects the problems of one configuration source and remembers where each field was written,
 * so that checks made later on the model (by field path) can still point at a line and column.
 */
final class ConfigReport {
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final String file;
    private final Map<String, String> env;
    private final Map<String, Mark> marks = new HashMap<>();
    private final List<ConfigProblem> problems = new ArrayList<>();

    ConfigReport(String file, Map<String, String> env) {
        this.file = file;
        this.env = env;
    }

    void locate(String path, Node node) {
        marks.putIfAbsent(path, node.getStartMark());
    }

    void add(String path, Node node, String message) {
        add(path, node.getStartMark(), message);
    }

    void add(String path, Mark mark, String message) {
        if (mark == null) {
            problems.add(new ConfigProblem(file, 0, 0, path, message));
        } else {
            problems.add(new ConfigProblem(file, mark.getLine() + 1, mark.getColumn() + 1, path, message));
        }
    }

    /** A problem found on the model: located at the field, or at its nearest written parent. */
    void add(String path, String message) {
        String p = path;
        while (!p.isEmpty() && !marks.containsKey(p)) {
            p = parentOf(p);
        }
        add(path, marks.get(p), message);
    }

    /** Replaces every {@code ${VAR}} with the variable's value; reports variables that are not set. */
    String resolveEnv(String text, ConfigNode at) {
        Matcher m = ENV_REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null) {
                at.problem("environment variable " + m.group(1) + " is not set; export it or write the value here");
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    boolean hasProblems() {
        return !problems.isEmpty();
    }

    ConfigException exception() {
        List<ConfigProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
        return new ConfigException(sorted);
    }

    private static String parentOf(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
