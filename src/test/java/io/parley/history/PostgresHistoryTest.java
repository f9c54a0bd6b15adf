package io.parley.history;

import io.parley.config.HistorySettings;
import io.parley.config.Secret;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The history on a real PostgreSQL (Debian's package, its own cluster), one fresh database per test. */
class PostgresHistoryTest extends HistoryContract {
    private static PostgresServer server;
    private String url;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.create();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void freshDatabase() throws Exception {
        url = server.createDatabase();
    }

    @Override
    HistorySettings settings() {
        return new HistorySettings(
                true, dir, Optional.of(new Secret(url)), 90, "node-a", HistorySettings.Recordings.NONE);
    }
}
