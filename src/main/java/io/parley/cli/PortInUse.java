package io.parley.cli;

import io.parley.config.PlannedPort;
import io.parley.host.SocketTable;
import java.io.IOException;

/** Turns a failed bind into a message naming the port, what it was planned for, and who holds it. */
final class PortInUse {
    private PortInUse() {
    }

    static StartupException of(PlannedPort row, IOException cause) {
        String holder = SocketTable.read().holderOf(row.protocol().name().toLowerCase(), row.port())
                .map(h -> "is in use by " + h)
                .orElse("cannot be bound (" + cause.getMessage() + ")");
        return new StartupException("cannot start: " + row.protocol() + " " + row.port() + " (" + row.describe()
                + ") " + holder + "; stop that process or change " + row.field(), cause);
    }
}
