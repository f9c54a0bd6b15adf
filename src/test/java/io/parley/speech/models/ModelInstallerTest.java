package io.parley.speech.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.parley.speech.models.ModelSpec.Packaging;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installing models from a local HTTP server (the JDK's) that serves archives built here: the
 * download, its checksum, unpacking, and every way it can fail without leaving anything behind.
 */
class ModelInstallerTest {
    @TempDir
    Path home;

    private HttpServer server;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private ModelStore store;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = files.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        store = new ModelStore(home.resolve("models"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The French Vosk model as the catalogue knows it, served from here with this body's checksum. */
    private ModelSpec voskServed(String path, byte[] body) {
        files.put(path, body);
        return ModelCatalog.VOSK_FR.from(url(path), sha256(body), body.length);
    }

    static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                if (e.getValue() != null) {
                    zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                }
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] voskArchive() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("vosk-model-small-fr-0.22/", null);
        entries.put("vosk-model-small-fr-0.22/am/final.mdl", "acoustic model");
        entries.put("vosk-model-small-fr-0.22/conf/model.conf", "--sample-frequency=16000\n");
        entries.put("vosk-model-small-fr-0.22/graph/HCLr.fst", "x".repeat(200_000));
        return zip(entries);
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything in the models directory, hidden files included. */
    private List<String> leftovers() throws IOException {
        if (!Files.exists(store.root())) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(store.root())) {
            return all.filter(p -> !p.equals(store.root()))
                    .map(p -> store.root().relativize(p).toString())
                    .toList();
        }
    }

    @Test
    void downloadsChecksUnpacksAndReportsProgress() throws Exception {
        byte[] archive = voskArchive();
        ModelSpec model = voskServed("/vosk-model-small-fr-0.22.zip", archive);
        List<long[]> progress = new ArrayList<>();

        ModelInstaller.Installed installed = new ModelInstaller(store)
                .install(model, (received, total) -> progress.add(new long[] {received, total}));

        assertThat(installed.alreadyInstalled()).isFalse();
        assertThat(installed.path()).isEqualTo(store.root().resolve("vosk-model-small-fr-0.22"));
        assertThat(installed.path().resolve("am/final.mdl")).hasContent("acoustic model");
        assertThat(installed.path().resolve("graph/HCLr.fst")).hasSize(200_000);
        assertThat(store.find("vosk", "fr")).contains(installed.path());
        assertThat(leftovers()).allMatch(p -> p.startsWith("vosk-model-small-fr-0.22"));
        assertThat(progress.getFirst()).containsExactly(0, archive.length);
        assertThat(progress.getLast()).containsExactly(archive.length, archive.length);
        assertThat(progress).extracting(p -> p[0]).isSorted();
    }

    @Test
    void aSecondInstallUsesTheCopyAlreadyThere() throws Exception {
        ModelSpec model = voskServed("/m.zip", voskArchive());
        new ModelInstaller(store).install(model, ModelInstaller.Progress.NONE);
        int before = requests.get();

        ModelInstaller.Installed again = new ModelInstaller(store).install(model, ModelInstaller.Progress.NONE);

        assertThat(again.alreadyInstalled()).isTrue();
        assertThat(requests.get()).isEqualTo(before);
    }

    @Test
    void aChecksumMismatchInstallsNothing() throws Exception {
        byte[] archive = voskArchive();
        files.put("/m.zip", archive);
        ModelSpec model = ModelCatalog.VOSK_FR.from(url("/m.zip"), sha256("something else".getBytes()), 0);

        assertThatThrownBy(() -> new ModelInstaller(store).install(model, ModelInstaller.Progress.NONE))
                .isInstanceOf(ModelInstallException.class)
                .hasMessageContaining("checksum mismatch for vosk-fr from " + url("/m.zip"))
                .hasMessageContaining("SHA-256 " + sha256(archive))
                .hasMessageContaining("nothing was installed");
        assertThat(leftovers()).isEmpty();
        assertThat(store.find("vosk", "fr")).isEmpty();
    }

    @Test
    void aDamagedArchiveInstallsNothing() throws Exception {
        byte[] damaged = Arrays.copyOf(voskArchive(), 300);
        ModelSpec model = voskServed("/m.zip", damaged);

        assertThatThrownBy(() -> new ModelInstaller(store).install(model, ModelInstaller.Progress.NONE))
                .isInstanceOf(ModelInstallException.class)
                .hasMessageContaining("the download of vosk-fr is not a valid zip archive");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void anArchiveWithoutTheModelInstallsNothing() throws Exception {
        ModelSpec model = voskServed("/m.zip", zip(Map.of("readme.txt", "hello")));

        assertThatThrownBy(() -> new ModelInstaller(store).install(model, ModelInstaller.Progress.NONE))
                .isInstanceOf(ModelInstallException.class)
                .hasMessageContaining("does not hold a vosk model (no am/final.mdl");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void anEntryThatLeavesTheDirectoryIsRefused() throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("vosk-model-small-fr-0.22/am/final.mdl", "model");
        entries.put("../../escaped.txt", "owned");
        ModelSpec model = voskServed("/m.zip", zip(entries));

        assertThatThrownBy(() -> new ModelInstaller(store).install(model, ModelInstaller.Progress.NONE))
                .isInstanceOf(ModelInstallException.class)
                .hasMessageContaining("entry '../../escaped.txt' that would be written outside its directory");
        assertThat(home.resolve("escaped.txt")).doesNotExist();
        assertThat(store.root().resolve("escaped.txt")).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void anAbsoluteEntryIsRefused() throws Exception {
        Path outside = home.resolve("absolute.txt");
        ModelSpec model = voskServed("/m.zip", zip(Map.of(outside.toString(), "owned")));

        assertThatThrownBy(() -> new ModelInstaller(store).install(model, ModelInstaller.Progress.NONE))
                .hasMessageContaining("would be written outside its directory");
        assertThat(outside).doesNotExist();
    }

    @Test
    void noConnectionSaysSoAndInstallsNothing() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ModelSpec model = ModelCatalog.VOSK_FR.from(
                URI.create("http://127.0.0.1:" + closedPort + "/m.zip"), sha256(new byte[1]), 0);

        assertThatThrownBy(() ->
                        new ModelInstaller(store, Duration.ofSeconds(5)).install(model, ModelInstaller.Progress.NONE))
                .isInstanceOf(ModelInstallException.class)
                .hasMessageContaining("cannot download vosk-fr: no connection to 127.0.0.1:" + closedPort)
                .hasMessageContaining("--file");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void anHttpErrorSaysWhichAndInstallsNothing() throws Exception {
        ModelSpec model = ModelCatalog.VOSK_FR.from(url("/gone.zip"), sha256(new byte[1]), 0);

        assertThatThrownBy(() -> new ModelInstaller(store).install(model, ModelInstaller.Progress.NONE))
                .hasMessageContaining(url("/gone.zip") + " answered HTTP 404");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aSingleFileModelIsPlacedAsIs() throws Exception {
        byte[] ggml = "lmgg fake whisper weights".getBytes(StandardCharsets.US_ASCII);
        files.put("/ggml-base.bin", ggml);
        ModelSpec model = ModelCatalog.WHISPER_BASE.from(url("/ggml-base.bin"), sha256(ggml), ggml.length);

        ModelInstaller.Installed installed = new ModelInstaller(store).install(model, ModelInstaller.Progress.NONE);

        assertThat(installed.path())
                .isEqualTo(store.root().resolve("ggml-base.bin"))
                .hasBinaryContent(ggml);
        assertThat(store.find("whisper", "fr")).contains(installed.path());
        assertThat(leftovers()).containsExactly("ggml-base.bin");
    }

    @Test
    void aFileDownloadedByHandGetsTheSameChecks(@TempDir Path downloads) throws Exception {
        byte[] archive = voskArchive();
        Path file = Files.write(downloads.resolve("vosk.zip"), archive);
        ModelSpec right = ModelCatalog.VOSK_FR.from(URI.create("https://example.invalid/"), sha256(archive), 0);

        assertThatThrownBy(() ->
                        new ModelInstaller(store).installFrom(ModelCatalog.VOSK_FR, file, ModelInstaller.Progress.NONE))
                .hasMessageContaining("checksum mismatch for vosk-fr from " + file);
        assertThat(new ModelInstaller(store)
                        .installFrom(right, file, ModelInstaller.Progress.NONE)
                        .path()
                        .resolve("am/final.mdl"))
                .exists();
    }

    @Test
    void theCatalogueNamesOfficialLocations() {
        assertThat(ModelCatalog.VOSK_FR.source().toString())
                .isEqualTo("https://alphacephei.com/vosk/models/vosk-model-small-fr-0.22.zip");
        assertThat(ModelCatalog.WHISPER_BASE.source().getHost()).isEqualTo("huggingface.co");
        assertThat(ModelCatalog.installCommand("vosk", "fr")).contains("parley models install vosk-fr");
        assertThat(ModelCatalog.installCommand("vosk", "de")).isEmpty();
        assertThat(ModelCatalog.installCommand("whisper", "fr")).contains("parley models install whisper-base");
    }

    @Test
    void theStoreFollowsTheEnvironment() {
        assertThat(ModelStore.fromEnvironment(Map.of("PARLEY_MODELS", "/srv/models"), "/home/u")
                        .root())
                .isEqualTo(Path.of("/srv/models"));
        assertThat(ModelStore.fromEnvironment(Map.of("XDG_DATA_HOME", "/d"), "/home/u")
                        .root())
                .isEqualTo(Path.of("/d/parley/models"));
        assertThat(ModelStore.fromEnvironment(Map.of(), "/home/u").root())
                .isEqualTo(Path.of("/home/u/.local/share/parley/models"));
    }

    @Test
    void aPlainNameIsRequiredForWhereAModelGoes() {
        assertThatThrownBy(() -> new ModelSpec(
                        "x", "vosk", "fr", URI.create("http://h/"), "00".repeat(32), 0, Packaging.FILE, "../x", "", ""))
                .hasMessageContaining("plain name");
    }
}
