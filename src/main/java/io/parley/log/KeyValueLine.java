package io.parley.log;

/**
 * A log line of {@code key=value} pairs (logfmt), easy to grep and to parse: values with spaces,
 * quotes or equals signs are double-quoted with backslash escapes, and an empty value is {@code ""}.
 * Every event line parley logs is written with it, so that a value (an error message, a file name)
 * can never break the line apart.
 */
public final class KeyValueLine {
    private final StringBuilder line = new StringBuilder(160);

    public KeyValueLine add(String key, Object value) {
        if (!line.isEmpty()) {
            line.append(' ');
        }
        line.append(key).append('=');
        String v = String.valueOf(value);
        if (!v.isEmpty() && v.chars().noneMatch(c -> c <= ' ' || c == '"' || c == '=' || c == '\\')) {
            line.append(v);
            return this;
        }
        line.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> line.append(c);
            }
        }
        line.append('"');
        return this;
    }

    @Override
    public String toString() {
        return line.toString();
    }
}
