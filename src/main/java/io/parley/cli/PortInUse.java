package io.parley.cli;

import io.parley.config.PlannedPort;
import io.parley.host.SocketTable;
import java.io.IOException;

/** A planned port that could not be bound, with what it was planned for and who holds it. */
final class PortInUse extends IOException {
    private static final long serialVersionUID = 1L;

    private PortInUse(String message, IOException cause) {
        super(message, cause);
    }

    static PortInUse of(PlannedPort row, IOException cause) {
        String holder = SocketTable.read()
                .holderOf(row.protocol().name().toLowerCase(), row.port())
                .map(h -> "is in use by " + h)
                .orElse("cannot be bound (" + cause.getMessage() + ")");
        return new PortInUse(
                "cannot start: " + row.protocol() + " " + row.port() + " (" + row.describe() + ") " + holder
                        + "; stop that process or change " + row.field(),
                cause);
    }
}
