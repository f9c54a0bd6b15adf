package io.parley.speech;

import java.util.Objects;

/**
 * What asking for an engine gave: the engine, or why there is none and how to enable it.
 * Meant for a {@code switch}: {@code case Available(var engine) -> ...; case Unavailable(var reason) -> ...}.
 */
public sealed interface Availability<T> {

    static <T> Availability<T> of(T engine) {
        return new Available<>(engine);
    }

    static <T> Availability<T> unavailable(String reason) {
        return new Unavailable<>(reason);
    }

    /** The engine, started and ready. The caller owns it and closes it. */
    record Available<T>(T engine) implements Availability<T> {
        public Available {
            Objects.requireNonNull(engine, "engine");
        }
    }

    /** No engine: {@code reason} says what is missing (a file, a program, a package) and how to fix it. */
    record Unavailable<T>(String reason) implements Availability<T> {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
