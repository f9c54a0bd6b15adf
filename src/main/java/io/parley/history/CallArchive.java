package io.parley.history;

import io.parley.config.HistorySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Reading the history: searches, one call, a recording's file. A running parley's dashboards
 * share its {@link History}'s pool; {@code parley calls} opens its own with {@link #open}.
 * Thread-safe.
 */
public final class CallArchive implements AutoCloseable {
    private final Database database;
    private final CallStore store;
    private final Path recordingsDir;
    private final boolean owned;

    CallArchive(Database database, Path recordingsDir, boolean owned) {
        this.database = database;
        this.store = new CallStore(database.dialect());
        this.recordingsDir = recordingsDir;
        this.owned = owned;
    }

    /**
     * Opens the history of {@code settings} for reading, bringing its schema up to date.
     *
     * @throws SQLException when the database cannot be reached or migrated
     */
    public static CallArchive open(HistorySettings settings) throws IOException, SQLException {
        if (settings.database().isEmpty() && !Files.exists(settings.sqliteFile())) {
            throw new IOException("no call history at " + settings.sqliteFile().toAbsolutePath() + ": parley keeps it"
                    + " there once it has run (./parley run or ./parley demo) in this directory; give --config with the"
                    + " configuration parley runs with, or set history.dataDir");
        }
        Database database = Database.open(settings);
        try {
            database.migrate();
        } catch (SQLException e) {
            database.close();
            throw new SQLException(
                    "cannot open the call history in " + database.description() + ": " + e.getMessage(),
                    e.getSQLState(),
                    e);
        }
        return new CallArchive(database, settings.recordingsDir(), true);
    }

    /** The calls {@code query} selects, newest first. */
    public List<CallSummary> search(CallQuery query) throws SQLException {
        try (Connection c = database.connection()) {
            return store.search(c, query);
        }
    }

    /** Everything about one call; empty when there is no call with this id. */
    public Optional<CallDetail> find(String id) throws SQLException {
        try (Connection c = database.connection()) {
            return store.find(c, id);
        }
    }

    /** The ids of calls that start with {@code prefix} (as lists show them shortened), at most {@code limit}. */
    public List<String> idsStartingWith(String prefix, int limit) throws SQLException {
        try (Connection c = database.connection()) {
            return store.idsStartingWith(c, prefix, limit);
        }
    }

    /**
     * The file of a recording of call {@code callId}, if this node has it (recordings stay on the
     * node that made them).
     */
    public Optional<Path> recordingFile(RecordingRow recording) {
        Path file = recordingsDir.resolve(recording.path()).normalize();
        if (!file.startsWith(recordingsDir.normalize()) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(file);
    }

    /** Where the history is kept, without credentials. */
    public String database() {
        return database.description();
    }

    @Override
    public void close() {
        if (owned) {
            database.close();
        }
    }
}
