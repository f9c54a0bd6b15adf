package io.parley.monitor;

/**
 * A log line of {@code key=value} pairs, easy to grep and to parse: values with spaces, quotes
 * or equals signs are double-quoted with backslash escapes, and an empty value is {@code ""}.
 */
final class KeyValueLine {
    private final StringBuilder line = new StringBuilder(160);

    KeyValueLine add(String key, Object value) {
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
