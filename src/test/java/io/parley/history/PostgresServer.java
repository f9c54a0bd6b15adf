package io.parley.history;

import io.parley.testing.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL from Debian's {@code postgresql} package, for tests: its own cluster in a
 * temporary directory (initdb), password authentication, listening on 127.0.0.1 on a free port,
 * stopped and deleted by {@link #close()}. PostgreSQL refuses to run as root, so under root the
 * server runs as the package's {@code postgres} user. {@link #create()} makes and starts one; {@link #stop()} and
 * {@link #start()} take it away and bring it back on the same port with the same data.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "parley";
    public static final String PASSWORD = "s3cret-for-tests";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path bin;
    private final Path root;
    private final Path data;
    private final int port;
    private final boolean asPostgres;

    private PostgresServer(Path bin, Path root, int port, boolean asPostgres) {
        this.bin = bin;
        this.root = root;
        this.data = root.resolve("data");
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** Creates a cluster and starts it. */
    public static PostgresServer create() throws IOException, InterruptedException {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("parley-pg-");
        PostgresServer server = new PostgresServer(bin, dir, FreePorts.tcp(), root);
        try {
            Files.writeString(dir.resolve("pw"), PASSWORD, StandardCharsets.UTF_8);
            if (root) {
                server.run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
            }
            server.run(
                    List.of(
                            bin.resolve("initdb").toString(),
                            "-D",
                            server.data.toString(),
                            "-U",
                            USER,
                            "--auth=scram-sha-256",
                            "--pwfile=" + dir.resolve("pw"),
                            "-E",
                            "UTF8",
                            "--locale=C.UTF-8",
                            "--no-sync"),
                    true);
            server.start();
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static Path binaries() throws IOException {
        Path base = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(base)) {
            try (Stream<Path> versions = Files.list(base)) {
                var newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(
                                v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", "0"))));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin");
                }
            }
        }
        throw new IOException("PostgreSQL is not installed: the history's PostgreSQL tests need Debian's postgresql"
                + " package (scripts/setup.sh test installs it)");
    }

    /** Starts the server again (after {@link #stop()}) and waits until it accepts connections. */
    public void start() throws IOException, InterruptedException {
        run(
                List.of(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-l",
                        root.resolve("log").toString(),
                        "-w",
                        "-t",
                        "60",
                        "-o",
                        "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1 -c fsync=off",
                        "start"),
                true);
    }

    /** Stops the server (fast shutdown: sessions are cut, committed data stays). */
    public void stop() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"), true);
    }

    public int port() {
        return port;
    }

    /** A new, empty database; returns its JDBC URL with the credentials as query parameters. */
    public String createDatabase() throws SQLException {
        String name = "history_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"));
                Statement s = c.createStatement()) {
            s.executeUpdate("CREATE DATABASE " + name);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER + "&password=" + PASSWORD;
    }

    private void run(List<String> command, boolean asServerUser) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asServerUser && asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            String log = Files.exists(root.resolve("log")) ? Files.readString(root.resolve("log")) : "";
            throw new IOException(String.join(" ", command) + " failed:\n" + output + "\n" + log);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                run(
                        List.of(
                                bin.resolve("pg_ctl").toString(),
                                "-D",
                                data.toString(),
                                "-m",
                                "immediate",
                                "-w",
                                "stop"),
                        true);
            } catch (IOException e) {
                // already stopped
            }
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
