package io.parley.monitor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: every line must be
 * a HELP, TYPE or comment line or a well-formed sample; a family's TYPE comes before its samples
 * and at most once; a family's samples are contiguous; histogram buckets are cumulative and end
 * with {@code le="+Inf"} equal to {@code _count}. Violations fail with the line number.
 */
final class PrometheusText {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE =
            Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL =
            Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final List<String> SUFFIXES = List.of("_total", "_created", "_bucket", "_count", "_sum", "");

    record Sample(String name, Map<String, String> labels, double value) {}

    final Map<String, String> types = new LinkedHashMap<>();
    final List<Sample> samples = new ArrayList<>();

    static PrometheusText parse(String text) {
        PrometheusText p = new PrometheusText();
        p.read(text);
        return p;
    }

    private void read(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("exposition does not end with a newline");
        }
        Set<String> closedFamilies = new HashSet<>();
        String currentFamily = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            int n = i + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher t = TYPE.matcher(line);
                if (t.matches()) {
                    if (types.put(t.group(1), t.group(2)) != null) {
                        throw new AssertionError("line " + n + ": second TYPE for " + t.group(1));
                    }
                    continue;
                }
                if (line.startsWith("# HELP") && !HELP.matcher(line).matches()) {
                    throw new AssertionError("line " + n + ": malformed HELP: " + line);
                }
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("line " + n + ": not a sample: " + line);
            }
            String name = m.group(1);
            String family = familyOf(name);
            if (family == null) {
                throw new AssertionError("line " + n + ": sample " + name + " has no TYPE before it");
            }
            if (!family.equals(currentFamily)) {
                if (!closedFamilies.add(family)) {
                    throw new AssertionError("line " + n + ": samples of " + family + " are not contiguous");
                }
                currentFamily = family;
            }
            samples.add(new Sample(name, labels(m.group(3), n), value(m.group(4), n)));
        }
        checkHistograms();
    }

    private String familyOf(String name) {
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                if (types.containsKey(base)) {
                    return base;
                }
            }
        }
        return null;
    }

    private static Map<String, String> labels(String body, int n) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return labels;
        }
        Matcher m = LABEL.matcher(body);
        int pos = 0;
        while (pos < body.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new AssertionError("line " + n + ": malformed labels at column " + pos + ": {" + body + "}");
            }
            if (labels.put(
                            m.group(1),
                            m.group(2)
                                    .replace("\\\"", "\"")
                                    .replace("\\n", "\n")
                                    .replace("\\\\", "\\"))
                    != null) {
                throw new AssertionError("line " + n + ": label " + m.group(1) + " twice");
            }
            pos = m.end();
        }
        return labels;
    }

    private static double value(String v, int n) {
        return switch (v) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new AssertionError("line " + n + ": value is not a number: " + v);
                }
            }
        };
    }

    private void checkHistograms() {
        types.forEach((family, type) -> {
            if (!type.equals("histogram")) {
                return;
            }
            Map<Map<String, String>, List<Sample>> bySeries = new LinkedHashMap<>();
            for (Sample s : samples) {
                if (s.name().equals(family + "_bucket")) {
                    Map<String, String> series = new LinkedHashMap<>(s.labels());
                    series.remove("le");
                    bySeries.computeIfAbsent(series, k -> new ArrayList<>()).add(s);
                }
            }
            bySeries.forEach((series, buckets) -> {
                double previous = 0;
                for (Sample b : buckets) {
                    if (b.value() < previous) {
                        throw new AssertionError(family + series + ": buckets are not cumulative");
                    }
                    previous = b.value();
                }
                Sample last = buckets.getLast();
                if (!"+Inf".equals(last.labels().get("le"))) {
                    throw new AssertionError(family + series + ": last bucket is not le=\"+Inf\"");
                }
                double count = value(family + "_count", series);
                if (count != last.value()) {
                    throw new AssertionError(family + series + ": _count " + count + " != +Inf bucket " + last.value());
                }
            });
        });
    }

    /** The value of the one sample with this name and exactly these labels. */
    double value(String name, Map<String, String> labels) {
        List<Sample> found = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one sample " + name + labels + ", found " + found.size());
        }
        return found.getFirst().value();
    }
}
