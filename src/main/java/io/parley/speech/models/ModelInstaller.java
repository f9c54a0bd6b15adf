package io.parley.speech.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Downloads a model, checks its SHA-256 and puts it in the {@link ModelStore}.
 *
 * <p>Nothing is installed unless every step passed: the download goes to a hidden file in the
 * store, a zip is unpacked into a hidden directory beside it, and only a checked model is renamed
 * to its final name. A checksum mismatch, a damaged archive, an entry that would be written
 * outside the directory (an absolute path or {@code ..}), an archive without the model's marker
 * file, an HTTP error or no connection each end the install with a message that names the model,
 * the address and the reason, and the temporary files are removed.
 */
public final class ModelInstaller {
    /** Unpacking stops past this many bytes: a zip that inflates without end is not a model. */
    static final long MAX_UNPACKED_BYTES = 8L << 30;

    private static final int BUFFER = 64 * 1024;

    /** Told of the download's progress; {@code total} is -1 when unknown. Called on the installing thread. */
    @FunctionalInterface
    public interface Progress {
        void bytes(long received, long total);

        Progress NONE = (received, total) -> {};
    }

    /** Where the model is, and whether it was already there. */
    public record Installed(Path path, boolean alreadyInstalled) {}

    private final HttpClient client;
    private final ModelStore store;
    private final Duration connectTimeout;

    public ModelInstaller(ModelStore store) {
        this(store, Duration.ofSeconds(20));
    }

    public ModelInstaller(ModelStore store, Duration connectTimeout) {
        this.store = Objects.requireNonNull(store, "store");
        this.connectTimeout = connectTimeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** Installs {@code model} unless a complete copy is already in the store. */
    public Installed install(ModelSpec model, Progress progress) throws ModelInstallException {
        var existing = store.installed(model);
        if (existing.isPresent()) {
            return new Installed(existing.get(), true);
        }
        Path download = temporaryFile(model);
        try {
            fetch(model, download, progress);
            return new Installed(putInPlace(download, model), false);
        } finally {
            deleteQuietly(download);
        }
    }

    /** A hidden file in the store for a download in progress. */
    private Path temporaryFile(ModelSpec model) throws ModelInstallException {
        try {
            Files.createDirectories(store.root());
            return Files.createTempFile(store.root(), "." + model.name() + "-", ".download");
        } catch (IOException e) {
            throw new ModelInstallException(
                    "cannot write in the models directory " + store.root() + " (" + e + "); set "
                            + ModelStore.ENVIRONMENT + " to a directory you can write",
                    e);
        }
    }

    private Path putInPlace(Path checked, ModelSpec model) throws ModelInstallException {
        return switch (model.packaging()) {
            case FILE -> place(checked, model);
            case ZIP_DIRECTORY -> unpack(checked, model);
        };
    }

    private void fetch(ModelSpec model, Path target, Progress progress) throws ModelInstallException {
        URI source = model.source();
        HttpRequest request = HttpRequest.newBuilder(source)
                .timeout(connectTimeout.multipliedBy(3))
                .GET()
                .build();
        MessageDigest digest = sha256();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new ModelInstallException("cannot download " + model.name() + ": " + source
                            + " answered HTTP " + response.statusCode() + "; nothing was installed");
                }
                long total = response.headers()
                        .firstValueAsLong("Content-Length")
                        .orElse(model.bytes() > 0 ? model.bytes() : -1);
                copy(in, target, digest, progress, total);
            }
        } catch (HttpConnectTimeoutException | ConnectException | UnknownHostException e) {
            throw new ModelInstallException(
                    "cannot download " + model.name() + ": no connection to " + source.getHost()
                            + (source.getPort() > 0 ? ":" + source.getPort() : "") + " (" + describe(e)
                            + "); check the network"
                            + " connection, or download " + source + " yourself and give the file to --file",
                    e);
        } catch (HttpTimeoutException e) {
            throw new ModelInstallException(
                    "cannot download " + model.name() + ": " + source + " did not answer in time (" + describe(e)
                            + "); nothing was installed",
                    e);
        } catch (IOException e) {
            throw new ModelInstallException(
                    "cannot download " + model.name() + " from " + source + ": " + describe(e)
                            + "; nothing was installed",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelInstallException("download of " + model.name() + " interrupted; nothing was installed", e);
        }
        verify(model, HexFormat.of().formatHex(digest.digest()), source.toString());
    }

    /** Installs from a file the user downloaded: the same checks as a download. */
    public Installed installFrom(ModelSpec model, Path file, Progress progress) throws ModelInstallException {
        var existing = store.installed(model);
        if (existing.isPresent()) {
            return new Installed(existing.get(), true);
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelInstallException("cannot install " + model.name() + " from " + file + ": no such file");
        }
        Path copy = temporaryFile(model);
        try {
            MessageDigest digest = sha256();
            try (InputStream in = Files.newInputStream(file)) {
                copy(in, copy, digest, progress, Files.size(file));
            } catch (IOException e) {
                throw new ModelInstallException("cannot read " + file + ": " + describe(e), e);
            }
            verify(model, HexFormat.of().formatHex(digest.digest()), file.toString());
            return new Installed(putInPlace(copy, model), false);
        } finally {
            deleteQuietly(copy);
        }
    }

    private static void copy(InputStream in, Path target, MessageDigest digest, Progress progress, long total)
            throws IOException {
        byte[] buffer = new byte[BUFFER];
        long received = 0;
        progress.bytes(0, total);
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
                received += n;
                progress.bytes(received, total);
            }
        }
    }

    private static void verify(ModelSpec model, String actual, String from) throws ModelInstallException {
        if (!actual.equals(model.sha256())) {
            throw new ModelInstallException("checksum mismatch for " + model.name() + " from " + from
                    + ": SHA-256 " + actual + ", expected " + model.sha256()
                    + "; the download is damaged or not the published file; nothing was installed");
        }
    }

    private Path place(Path download, ModelSpec model) throws ModelInstallException {
        Path target = store.path(model);
        try {
            Files.move(download, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new ModelInstallException("cannot move " + model.name() + " into place at " + target + ": " + e, e);
        }
    }

    private Path unpack(Path archive, ModelSpec model) throws ModelInstallException {
        Path staging;
        try {
            staging = Files.createTempDirectory(store.root(), "." + model.name() + "-");
        } catch (IOException e) {
            throw new ModelInstallException("cannot write in the models directory " + store.root() + ": " + e, e);
        }
        try {
            extract(archive, staging, model);
            Path modelRoot = modelRoot(staging, model);
            Path target = store.path(model);
            if (Files.exists(target)) {
                deleteRecursively(target); // an incomplete copy (no marker file): store.installed said so
            }
            Files.move(modelRoot, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new ModelInstallException(
                    "cannot unpack " + model.name() + " into " + store.root() + ": " + e + "; nothing was installed",
                    e);
        } finally {
            deleteRecursively(staging);
        }
    }

    private static void extract(Path archive, Path staging, ModelSpec model) throws ModelInstallException, IOException {
        long written = 0;
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = inside(staging, entry.getName(), model);
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry);
                        OutputStream out = Files.newOutputStream(target)) {
                    byte[] buffer = new byte[BUFFER];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        written += n;
                        if (written > MAX_UNPACKED_BYTES) {
                            throw new ModelInstallException("the archive of " + model.name() + " unpacks to more than "
                                    + (MAX_UNPACKED_BYTES >> 30) + " GiB: refused, nothing was installed");
                        }
                        out.write(buffer, 0, n);
                    }
                }
            }
        } catch (ZipException e) {
            throw new ModelInstallException(
                    "the download of " + model.name() + " is not a valid zip archive (" + e.getMessage()
                            + "); nothing was installed",
                    e);
        }
    }

    /** Where an entry goes, refusing names that leave the directory. */
    private static Path inside(Path staging, String name, ModelSpec model) throws ModelInstallException {
        String unified = name.replace('\\', '/');
        Path relative = Path.of(unified);
        Path target = staging.resolve(relative).normalize();
        if (unified.startsWith("/") || relative.isAbsolute() || !target.startsWith(staging)) {
            throw new ModelInstallException("the archive of " + model.name() + " has an entry '" + name
                    + "' that would be written outside its directory: refused, nothing was installed");
        }
        return target;
    }

    /** The unpacked model: the staging directory itself, or the one directory the zip wrapped it in. */
    private static Path modelRoot(Path staging, ModelSpec model) throws ModelInstallException, IOException {
        if (Files.isRegularFile(staging.resolve(model.marker()))) {
            return staging;
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> list = Files.newDirectoryStream(staging)) {
            list.forEach(children::add);
        }
        if (children.size() == 1 && Files.isRegularFile(children.getFirst().resolve(model.marker()))) {
            return children.getFirst();
        }
        throw new ModelInstallException("the archive of " + model.name() + " does not hold a " + model.engine()
                + " model (no " + model.marker() + " in it or in its one top directory); nothing was installed");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a hidden leftover in the models directory is harmless and never taken for a model
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // as above
        }
    }
}
