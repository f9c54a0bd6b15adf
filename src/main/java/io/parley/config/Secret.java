package io.parley.config;

/** A password, token or API key from the configuration. Never printed: {@link #toString()} masks it. */
public record Secret(String value) {
    @Override
    public String toString() {
        return value.isEmpty() ? "" : "****";
    }
}
