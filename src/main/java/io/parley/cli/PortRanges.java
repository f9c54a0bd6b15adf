package io.parley.cli;

import java.util.List;
import java.util.TreeSet;

/** Writes a set of ports compactly, consecutive ports as a range: {@code 4020-4023}, {@code 3020, 6211}. */
final class PortRanges {
    private PortRanges() {}

    static String of(List<Integer> ports) {
        TreeSet<Integer> sorted = new TreeSet<>(ports);
        StringBuilder s = new StringBuilder();
        Integer start = null;
        Integer prev = null;
        for (int p : sorted) {
            if (start == null) {
                start = p;
            } else if (p != prev + 1) {
                append(s, start, prev);
                start = p;
            }
            prev = p;
        }
        if (start != null) {
            append(s, start, prev);
        }
        return s.toString();
    }

    private static void append(StringBuilder s, int start, int end) {
        if (!s.isEmpty()) {
            s.append(", ");
        }
        s.append(start);
        if (end != start) {
            s.append(end == start + 1 ? ", " : "-").append(end);
        }
    }
}
