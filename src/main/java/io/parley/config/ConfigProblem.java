package io.parley.config;

/**
 * One thing wrong with a configuration, located as precisely as the source allows.
 *
 * @param file   file name as the user gave it, or {@code <built-in default>}
 * @param line   1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param path   the field, e.g. {@code bridges[1].legs[0].rtp.in}; empty for the document itself
 * @param message what is wrong and what would fix it
 */
public record ConfigProblem(String file, int line, int column, String path, String message) {

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(':').append(line).append(':').append(column);
        }
        s.append(' ');
        if (!path.isEmpty()) {
            s.append(path).append(": ");
        }
        return s.append(message).toString();
    }
}
