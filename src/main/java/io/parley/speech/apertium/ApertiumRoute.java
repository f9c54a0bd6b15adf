package io.parley.speech.apertium;

import java.util.List;

/**
 * A way from one language to another through Apertium modes run one after the other, e.g.
 * en->fr through {@code eng-spa} then {@code es-fr}: there is no English-French pair in Debian.
 */
public record ApertiumRoute(String from, String to, List<String> modes) {

    /** English to French, pivoting through Spanish. */
    public static final ApertiumRoute EN_FR = new ApertiumRoute("en", "fr", List.of("eng-spa", "es-fr"));
    /** French to English, pivoting through Spanish. */
    public static final ApertiumRoute FR_EN = new ApertiumRoute("fr", "en", List.of("fr-es", "spa-eng"));

    public ApertiumRoute {
        modes = List.copyOf(modes);
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("route " + from + "->" + to + " needs at least one mode");
        }
    }

    String name() {
        return from + "->" + to;
    }
}
