package io.parley.history;

import io.parley.config.HistorySettings;
import java.util.Optional;

/** The history on the real embedded engine: SQLite files in a temporary directory. */
class SqliteHistoryTest extends HistoryContract {

    @Override
    HistorySettings settings() {
        return new HistorySettings(true, dir, Optional.empty(), 90, "node-a", HistorySettings.Recordings.NONE);
    }
}
