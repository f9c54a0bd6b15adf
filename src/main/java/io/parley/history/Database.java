package io.parley.history;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.parley.config.HistorySettings;
import io.parley.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The history's database: a small connection pool (HikariCP) on SQLite or PostgreSQL, and the
 * schema migrations (Flyway) that bring it to the version this build writes.
 *
 * <p>SQLite runs in WAL mode, so that the dashboards and {@code parley calls} read while the
 * writer writes; its migrations run under a file lock beside the database, since SQLite cannot
 * lock Flyway's history table and two processes may start at once. The pool never fails to open
 * for an absent server: the first use fails instead, and the writer retries.
 */
final class Database implements AutoCloseable {
    /** The schema version this build writes. */
    static final String VERSION = "2";

    private static final int POOL_SIZE = 4;
    private static final long CONNECTION_TIMEOUT_MILLIS = 3_000;

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final String description;
    private final Path sqliteFile;

    private Database(HikariDataSource pool, Dialect dialect, String description, Path sqliteFile) {
        this.pool = pool;
        this.dialect = dialect;
        this.description = description;
        this.sqliteFile = sqliteFile;
    }

    /**
     * Opens the pool for {@code settings}: its {@code database} URL, or SQLite in its data
     * directory (created if missing).
     *
     * @throws IOException when the data directory cannot be created
     */
    static Database open(HistorySettings settings) throws IOException {
        String url = settings.database().map(Secret::value).orElse(null);
        Path sqliteFile = null;
        if (url == null) {
            sqliteFile = settings.sqliteFile();
            url = "jdbc:sqlite:" + sqliteFile;
        } else if (url.startsWith("jdbc:sqlite:")) {
            sqliteFile = Path.of(url.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*", ""));
        }
        if (sqliteFile != null) {
            Path dir = sqliteFile.toAbsolutePath().getParent();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new IOException(
                        "history: cannot create the data directory " + dir + " (" + e.getMessage()
                                + "); set history.dataDir to a writable directory, or history.enabled: false",
                        e);
            }
        }
        Dialect dialect = Dialect.of(url);
        HikariConfig c = new HikariConfig();
        c.setPoolName("parley-history");
        c.setJdbcUrl(url);
        c.setMaximumPoolSize(POOL_SIZE);
        c.setMinimumIdle(1);
        c.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        c.setValidationTimeout(1_000);
        c.setInitializationFailTimeout(-1);
        if (dialect == Dialect.SQLITE) {
            c.setDriverClassName("org.sqlite.JDBC");
            c.addDataSourceProperty("journal_mode", "WAL");
            c.addDataSourceProperty("synchronous", "NORMAL");
            c.addDataSourceProperty("busy_timeout", "5000");
        } else {
            c.setDriverClassName("org.postgresql.Driver");
            // Fail fast when the server is away, rather than holding the writer for the driver's default 10 s.
            c.addDataSourceProperty("connectTimeout", "3");
            c.addDataSourceProperty("socketTimeout", "30");
            c.addDataSourceProperty("ApplicationName", "parley");
        }
        String description = dialect == Dialect.SQLITE ? "sqlite:" + sqliteFile : describePostgres(url);
        return new Database(new HikariDataSource(c), dialect, description, sqliteFile);
    }

    /** {@code postgresql://HOST:PORT/DB}: the URL without its parameters, which may hold credentials. */
    static String describePostgres(String url) {
        try {
            URI u = URI.create(url.substring("jdbc:".length()));
            return "postgresql://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + u.getPath();
        } catch (IllegalArgumentException e) {
            return "postgresql";
        }
    }

    /** Brings the schema to {@link #VERSION}: from an empty database, or from any earlier version. */
    void migrate() throws SQLException {
        migrate(MigrationVersion.LATEST);
    }

    /** Brings the schema to {@code target} (tests build a database of an earlier version with it). */
    void migrate(MigrationVersion target) throws SQLException {
        Flyway flyway = Flyway.configure(Database.class.getClassLoader())
                .dataSource(pool)
                .locations(dialect.migrations())
                .target(target)
                .load();
        if (sqliteFile == null) {
            runMigrations(flyway);
            return;
        }
        synchronized (Database.class) {
            Path lockFile = sqliteFile.resolveSibling(sqliteFile.getFileName() + ".migrate.lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                runMigrations(flyway);
            } catch (IOException e) {
                throw new SQLException("cannot lock " + lockFile + " to migrate the history: " + e.getMessage(), e);
            }
        }
    }

    private static void runMigrations(Flyway flyway) throws SQLException {
        try {
            flyway.migrate();
        } catch (RuntimeException e) {
            // Keep the SQL cause, if any, so that the writer can tell a missing server from a broken schema.
            Throwable sql = e;
            while (sql != null && !(sql instanceof SQLException)) {
                sql = sql.getCause();
            }
            throw new SQLException(
                    "migrating the history schema failed: " + e.getMessage(),
                    sql instanceof SQLException s ? s.getSQLState() : null,
                    sql != null ? sql : e);
        }
    }

    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Closes {@code c} for good rather than returning it to the pool (it failed mid-transaction). */
    void evict(Connection c) {
        pool.evictConnection(c);
    }

    DataSource dataSource() {
        return pool;
    }

    Dialect dialect() {
        return dialect;
    }

    /** Where history goes, without credentials. */
    String description() {
        return description;
    }

    @Override
    public void close() {
        pool.close();
    }
}
