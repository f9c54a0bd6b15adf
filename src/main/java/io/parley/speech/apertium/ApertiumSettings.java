package io.parley.speech.apertium;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to run Apertium.
 *
 * @param modesDir     where the {@code .mode} files are ({@code /usr/share/apertium/modes} on Debian)
 * @param routes       the language routes to start, each a persistent pipeline
 * @param timeout      a sentence whose translation takes longer fails and its pipeline is restarted
 * @param startTimeout how long a new pipeline may take to answer its first sentence (loading data)
 */
public record ApertiumSettings(Path modesDir, List<ApertiumRoute> routes, Duration timeout, Duration startTimeout) {

    public static final Path DEBIAN_MODES = Path.of("/usr/share/apertium/modes");

    /** en<->fr through Spanish from Debian's modes, 2 s per sentence, 10 s to start. */
    public static final ApertiumSettings DEFAULT = new ApertiumSettings(
            DEBIAN_MODES,
            List.of(ApertiumRoute.EN_FR, ApertiumRoute.FR_EN),
            Duration.ofSeconds(2),
            Duration.ofSeconds(10));

    public ApertiumSettings {
        routes = List.copyOf(routes);
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("apertium needs at least one route");
        }
        if (timeout.isNegative() || timeout.isZero() || startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("apertium timeouts must be positive: " + timeout + ", " + startTimeout);
        }
    }

    public ApertiumSettings withTimeout(Duration perSentence) {
        return new ApertiumSettings(modesDir, routes, perSentence, startTimeout);
    }
}
