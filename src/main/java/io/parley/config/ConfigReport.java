package io.parley.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Collects the problems of one configuration source and remembers where each field was written,
 * so that checks made later on the model (by field path) can still point at a line and column.
 * Every value taken from the environment is treated as a secret: a message that would show it
 * shows the reference ({@code ${NAME}}) instead, whatever check wrote the message.
 */
final class ConfigReport {
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final String file;
    private final Map<String, String> env;
    private final Map<String, Mark> marks = new HashMap<>();
    private final List<ConfigProblem> problems = new ArrayList<>();
    /** Values substituted from the environment, longest first, with the reference that gave each. */
    private final Map<String, String> substituted =
            new TreeMap<>(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
    /** Per field that referred to the environment: its text as resolved and as written. */
    private final Map<String, String[]> written = new HashMap<>();

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

    /**
     * {@code message} about the field at {@code path} with every value that came from the
     * environment replaced by its reference: the field's own text as it was written, then any
     * value substituted anywhere. A value of one or two characters is replaced only where it
     * stands alone, so that it does not turn every digit of a message into a reference.
     */
    String mask(String path, String message) {
        String out = message;
        String[] field = written.get(path);
        if (field != null && !field[0].isEmpty()) {
            out = out.replace(field[0], field[1]);
        }
        for (Map.Entry<String, String> e : substituted.entrySet()) {
            String value = e.getKey();
            if (value.length() >= 3) {
                out = out.replace(value, e.getValue());
            } else {
                out = out.replaceAll(
                        "(?<![A-Za-z0-9])" + Pattern.quote(value) + "(?![A-Za-z0-9])",
                        Matcher.quoteReplacement(e.getValue()));
            }
        }
        return out;
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
            } else if (!value.isEmpty()) {
                substituted.putIfAbsent(value, m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        if (!out.toString().equals(text)) {
            written.put(at.path(), new String[] {out.toString(), text});
        }
        return out.toString();
    }

    boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** Every problem, in file order, with the values taken from the environment masked. */
    ConfigException exception() {
        List<ConfigProblem> sorted = new ArrayList<>();
        for (ConfigProblem p : problems) {
            sorted.add(new ConfigProblem(p.file(), p.line(), p.column(), p.path(), mask(p.path(), p.message())));
        }
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
