package io.parley.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where call history is kept and for how long.
 *
 * @param enabled       whether calls are recorded at all
 * @param dataDir       directory of the embedded SQLite database ({@code history.db}) and of recordings
 * @param database      a JDBC URL ({@code jdbc:postgresql://...} or {@code jdbc:sqlite:FILE}) instead of the
 *                      embedded database; a secret, since it may carry credentials
 * @param retentionDays calls older than this are deleted, once a day
 * @param node          the name this process writes into each call, so that several nodes can share one
 *                      database; empty means the host name
 * @param recordings    which legs are recorded, and for how long the recordings are kept
 */
public record HistorySettings(
        boolean enabled,
        Path dataDir,
        Optional<Secret> database,
        int retentionDays,
        String node,
        Recordings recordings) {

    public static final Path DEFAULT_DATA_DIR = Path.of("data");
    public static final int DEFAULT_RETENTION_DAYS = 90;
    public static final HistorySettings DEFAULT =
            new HistorySettings(true, DEFAULT_DATA_DIR, Optional.empty(), DEFAULT_RETENTION_DAYS, "", Recordings.NONE);
    /** History switched off (load runs, tests that do not look at it). */
    public static final HistorySettings DISABLED =
            new HistorySettings(false, DEFAULT_DATA_DIR, Optional.empty(), DEFAULT_RETENTION_DAYS, "", Recordings.NONE);

    /**
     * Recordings of what callers said and heard: off unless {@code record} names a bridge (both of its
     * legs) or a {@code bridge/extension} (one leg).
     */
    public record Recordings(List<String> record, int retentionDays) {
        public static final int DEFAULT_RETENTION_DAYS = 30;
        public static final Recordings NONE = new Recordings(List.of(), DEFAULT_RETENTION_DAYS);

        public Recordings {
            record = List.copyOf(record);
        }

        /** Whether the leg {@code extension} of {@code bridge} is recorded. */
        public boolean records(String bridge, String extension) {
            return record.contains(bridge) || record.contains(bridge + "/" + extension);
        }
    }

    /** The SQLite file used when no {@code database} URL is given. */
    public Path sqliteFile() {
        return dataDir.resolve("history.db");
    }

    /** The directory recordings are written to. */
    public Path recordingsDir() {
        return dataDir.resolve("recordings");
    }
}
