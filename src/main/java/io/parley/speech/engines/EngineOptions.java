package io.parley.speech.engines;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * An engine's string options from the configuration, read with clear errors: a misspelt key or
 * a word where a number belongs is refused, naming the engine, the key and what is expected.
 */
record EngineOptions(String engine, Map<String, String> values) {

    EngineOptions {
        values = Map.copyOf(values);
    }

    /** Refuses keys outside {@code known}, which a typo would otherwise silently ignore. */
    EngineOptions allow(Set<String> known) {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(engine + ": unknown option '" + key + "'; known options: "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
        return this;
    }

    String text(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    Path path(String key, Path fallback) {
        return values.containsKey(key) ? Path.of(values.get(key)) : fallback;
    }

    OptionalInt number(String key, String unit) {
        String value = values.get(key);
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    engine + ": option '" + key + "' must be a whole number of " + unit + ", not '" + value + "'", e);
        }
    }

    int number(String key, String unit, int fallback) {
        return number(key, unit).orElse(fallback);
    }

    Duration millis(String key, Duration fallback) {
        OptionalInt ms = number(key, "milliseconds");
        if (ms.isPresent() && ms.getAsInt() <= 0) {
            throw new IllegalArgumentException(engine + ": option '" + key + "' must be positive: " + ms.getAsInt());
        }
        return ms.isPresent() ? Duration.ofMillis(ms.getAsInt()) : fallback;
    }
}
