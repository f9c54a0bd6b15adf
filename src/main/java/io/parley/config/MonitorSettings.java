package io.parley.config;

import java.util.List;
import java.util.Optional;

/**
 * Access to dashboards, API and feed. A token is required when {@code bind} is not a loopback
 * address, and once configured it is required on loopback too; {@code allowedOrigins} are
 * WebSocket origins accepted besides the dashboard's own.
 */
public record MonitorSettings(Optional<Secret> token, List<String> allowedOrigins) {
    public static final MonitorSettings DEFAULT = new MonitorSettings(Optional.empty(), List.of());

    public MonitorSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
    }
}
