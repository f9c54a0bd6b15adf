package io.parley.asterisk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.audio.AudioClip;
import io.parley.audio.WavFile;
import io.parley.testing.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A real Asterisk 22 as a child process of the test, built by {@code scripts/asterisk.sh} (once, into
 * a cache outside the repository) and configured from {@code docs/asterisk/}: the files a user is
 * told to copy are the files under test. Only the HTTP port (a free one, so that parallel runs never
 * collide) and the ARI password are substituted; the test adds its own {@code [test]} dialplan
 * context and the directories of this run.
 *
 * <p>Calls come in through Local channels: {@code Local/EXT@parley-in/n} runs the docs' routing into
 * {@code Stasis(parley,EXT)} on one half (the "caller" parley sees), while the other half runs a
 * {@code [test]} extension that is the phone: it plays a file, records what it hears with
 * {@code MixMonitor(..., r(heard))}, or stays silent. Asterisk itself records, so a test asserts what a
 * caller actually heard.
 */
public final class RealAsterisk implements AutoCloseable {
    public static final String USER = "parley";
    public static final String VERSION = "22.10.1";
    /** Where the docs' dialplan routes calls into parley. */
    public static final String PARLEY_CONTEXT = "parley-in";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY = Duration.ofSeconds(30);
    /** How long a test call rings unanswered before Asterisk gives up (ARI's own default). */
    private static final Duration RING = Duration.ofSeconds(30);
    /** Bytes before the audio in the WAV files Asterisk writes (RIFF, fmt and data chunk headers). */
    private static final int WAV_HEADER = 44;

    private static final AtomicInteger CALLS = new AtomicInteger();
    private static volatile Path prefix;

    private final Path home;
    private final Path etc;
    private final Path sounds;
    private final Path recordings;
    private final Path log;
    private final String password = "test-" + UUID.randomUUID();
    private final String extraDialplan;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread reaper = new Thread(this::kill, "asterisk-reaper");
    private int httpPort;
    private Process process;

    private RealAsterisk(Path home, String extraDialplan) {
        this.home = home;
        this.etc = home.resolve("etc");
        this.sounds = home.resolve("sounds");
        this.recordings = home.resolve("recordings");
        this.log = home.resolve("log");
        this.extraDialplan = extraDialplan;
    }

    /** Starts an Asterisk configured from {@code docs/asterisk} plus the {@code [test]} context. */
    public static RealAsterisk start() {
        return start("");
    }

    /** The same with more dialplan appended (contexts of the test's own). */
    public static RealAsterisk start(String extraDialplan) {
        try {
            Path home = Files.createTempDirectory("parley-ast-");
            RealAsterisk asterisk = new RealAsterisk(home, extraDialplan);
            asterisk.configure();
            Runtime.getRuntime().addShutdownHook(asterisk.reaper);
            asterisk.launch();
            return asterisk;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The installation {@code scripts/asterisk.sh build} made (building it if the cache does not hold it). */
    public static synchronized Path prefix() {
        if (prefix == null) {
            Path repo = Path.of(System.getProperty("parley.repo", ".")).toAbsolutePath();
            Path script = repo.resolve("scripts/asterisk.sh");
            try {
                Path errors = Files.createTempFile("parley-asterisk-build", ".log");
                Process build = new ProcessBuilder(script.toString(), "build")
                        .redirectError(errors.toFile())
                        .start();
                String out = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (build.waitFor() != 0) {
                    throw new IllegalStateException(
                            script + " build failed (exit " + build.exitValue() + "):\n" + Files.readString(errors));
                }
                Files.deleteIfExists(errors);
                prefix = Path.of(out.lines().toList().getLast().strip());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + script, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return prefix;
    }

    private static Path docs(String file) {
        return Path.of(System.getProperty("parley.repo", "."))
                .toAbsolutePath()
                .resolve("docs/asterisk")
                .resolve(file);
    }

    private void configure() throws IOException {
        Path p = prefix();
        for (Path d : List.of(
                etc, sounds, recordings, log, home.resolve("run"), home.resolve("spool"), home.resolve("lib"))) {
            Files.createDirectories(d);
        }
        httpPort = FreePorts.tcp();
        Files.writeString(etc.resolve("asterisk.conf"), """
                [directories]
                astetcdir => %1$s/etc
                astmoddir => %2$s/lib/asterisk/modules
                astvarlibdir => %1$s/lib
                astdbdir => %1$s/lib
                astkeydir => %2$s/var/lib/asterisk
                astdatadir => %2$s/var/lib/asterisk
                astagidir => %2$s/var/lib/asterisk/agi-bin
                astspooldir => %1$s/spool
                astrundir => %1$s/run
                astlogdir => %1$s/log
                astsbindir => %2$s/sbin

                [options]
                """.formatted(home, p));
        Files.writeString(etc.resolve("modules.conf"), "[modules]\nautoload = yes\n");
        Files.writeString(etc.resolve("logger.conf"), """
                [general]
                dateformat = %F %T.%3q

                [logfiles]
                messages.log => notice,warning,error,verbose(3)
                """);
        Files.copy(p.resolve("share/asterisk-samples/indications.conf.sample"), etc.resolve("indications.conf"));
        Files.writeString(
                etc.resolve("http.conf"),
                substitute(Files.readString(docs("http.conf")), "bindport = 8088", "bindport = " + httpPort));
        Files.writeString(
                etc.resolve("ari.conf"),
                substitute(Files.readString(docs("ari.conf")), "password = change-me", "password = " + password));
        Files.copy(docs("rtp.conf"), etc.resolve("rtp.conf"));
        Files.writeString(
                etc.resolve("extensions.conf"),
                Files.readString(docs("extensions.conf")) + TEST_CONTEXT + extraDialplan);
    }

    private static String substitute(String text, String from, String to) {
        if (!text.contains(from)) {
            throw new IllegalStateException("docs/asterisk no longer holds '" + from + "': update the test fixture");
        }
        return text.replace(from, to);
    }

    /**
     * The phone half of each test call. Variables come with the originate: {@code REC} (path of the
     * recording without extension), {@code SOUND} (a file to play, absolute, without extension),
     * {@code LEAD} and {@code TAIL} (seconds to wait before and after it), {@code LINE} (the id of the
     * line half) and {@code CUED} ({@code yes}: play only once the test has cued the call).
     */
    static final String TEST_CONTEXT = """

            ; ---- added by the tests: the phone half of each call ----
            [test]
            ; plays SOUND after LEAD seconds (with CUED=yes, not before the test cues the call), then stays
            ; TAIL seconds; records what it hears
            exten => talk,1,MixMonitor(${REC}-both.wav,r(${REC}.wav))
             same => n,Wait(${LEAD})
             same => n,GosubIf($["${CUED}" = "yes"]?cue,1)
             same => n,Playback(${SOUND})
             same => n,Wait(${TAIL})
             same => n,Hangup()
            ; says nothing (no audio at all) for TAIL seconds; records what it hears
            exten => silent,1,MixMonitor(${REC}-both.wav,r(${REC}.wav))
             same => n,Wait(${TAIL})
             same => n,Hangup()
            ; like silent, but plays SOUND (digital silence) after LEAD seconds so that the recording keeps
            ; time; the test mutes the line half, so that the bridge still gets no audio at all from it, and
            ; cues the call once the mute is in place
            exten => listen,1,MixMonitor(${REC}-both.wav,r(${REC}.wav))
             same => n,Wait(${LEAD})
             same => n,Gosub(cue,1)
             same => n,Playback(${SOUND})
             same => n,Hangup()
            ; waits until the test cues the call: sets CUE on its line half (the channel in Stasis); says
            ; in the log when no cue came within 30 s
            exten => cue,1,WaitForCondition(#,#["#{IMPORT(${LINE},CUE)}" = "yes"],30,0.02)
             same => n,GotoIf($["${WAITFORCONDITIONSTATUS}" = "TRUE"]?cued)
             same => n,Log(WARNING,test call ${LINE} was not cued within 30 s)
             same => n(cued),Return()
            ; an extension no bridge has, routed into parley as the docs route theirs
            exten => 9999,1,Stasis(parley,${EXTEN})
             same => n,Hangup()
            """;

    private void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                prefix().resolve("sbin/asterisk").toString(),
                "-C",
                etc.resolve("asterisk.conf").toString(),
                "-f",
                "-n"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-U", "root", "-G", "root"));
        }
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.resolve("console.log").toFile())
                .start();
        try {
            Awaitility.await()
                    .atMost(READY)
                    .pollInterval(Duration.ofMillis(50))
                    .alias("Asterisk answers GET /ari/asterisk/info on port " + httpPort)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("Asterisk exited with " + process.exitValue() + ":\n"
                                    + tail(log.resolve("console.log")) + tail(log.resolve("messages.log")));
                        }
                        return status("GET", "/ari/asterisk/info") == 200;
                    });
        } catch (RuntimeException e) {
            kill();
            throw e;
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())) + "\n";
        } catch (IOException e) {
            return "";
        }
    }

    // ---- what tests use ----

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public String password() {
        return password;
    }

    public Path home() {
        return home;
    }

    /** Writes 8 kHz mono 16-bit samples as {@code NAME.wav} for Playback; returns the path to play (no extension). */
    public String sound(String name, short[] samples8k) {
        try {
            Path file = sounds.resolve(name + ".wav");
            WavFile.write(file, samples8k, 0, samples8k.length, 8000);
            return sounds.resolve(name).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Dials {@code extension} through the docs' routing ({@code Local/EXT@parley-in/n}); the phone half
     * runs {@code [test]} extension {@code phone} with {@code variables}. The recording of what this
     * caller hears is at {@link Call#recording()}.
     */
    public Call dial(String extension, String phone, Map<String, String> variables) {
        return dial(extension, PARLEY_CONTEXT, phone, variables);
    }

    public Call dial(String extension, String context, String phone, Map<String, String> variables) {
        return dial(extension, context, phone, variables, RING);
    }

    /**
     * The same, ringing for {@code ring} at most: a call that parley neither answers nor hangs up is
     * gone after that.
     */
    public Call dial(String extension, String context, String phone, Map<String, String> variables, Duration ring) {
        int n = CALLS.incrementAndGet();
        String id = "test-" + n + "-" + extension;
        Path recording = recordings.resolve(id);
        Map<String, String> vars = new LinkedHashMap<>(variables);
        vars.putIfAbsent("REC", recording.toString());
        vars.putIfAbsent("LEAD", "0");
        vars.putIfAbsent("TAIL", "0");
        vars.put("LINE", id + "-line");
        ObjectNode body = JSON.createObjectNode();
        ObjectNode v = body.putObject("variables");
        vars.forEach(v::put);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("endpoint", "Local/" + extension + "@" + context + "/n");
        query.put("context", "test");
        query.put("extension", phone);
        query.put("priority", "1");
        query.put("timeout", Long.toString(ring.toSeconds()));
        query.put("callerId", "\"test " + n + "\" <10" + n + ">");
        query.put("channelId", id + "-phone");
        query.put("otherChannelId", id + "-line");
        request("POST", "/ari/channels", query, body.toString());
        return new Call(this, id + "-phone", id + "-line", Path.of(recording + ".wav"));
    }

    /** The phone half of a call: plays {@code sound} after {@code leadSeconds}, stays {@code tailSeconds} more. */
    public Call talk(String extension, String sound, double leadSeconds, double tailSeconds) {
        return dial(
                extension, "talk", Map.of("SOUND", sound, "LEAD", seconds(leadSeconds), "TAIL", seconds(tailSeconds)));
    }

    /**
     * Like {@link #talk}, but the phone plays {@code sound} no sooner than {@link Call#cue()}: the test
     * cues it once parley has set up the legs that carry the sound, so that however long parley takes
     * to set them up, none of the sound is lost to it.
     */
    public Call talkOnCue(String extension, String sound, double leadSeconds, double tailSeconds) {
        return dial(
                extension,
                "talk",
                Map.of("SOUND", sound, "LEAD", seconds(leadSeconds), "TAIL", seconds(tailSeconds), "CUED", "yes"));
    }

    /** A caller who says nothing at all for {@code seconds}: Asterisk sends no RTP for them. */
    public Call silent(String extension, double seconds) {
        return dial(extension, "silent", Map.of("TAIL", seconds(seconds)));
    }

    /**
     * A caller who says nothing at all (Asterisk sends parley no RTP for them) and whose recording keeps
     * real time: the line half, the caller parley sees, is muted towards its bridge (ARI {@code
     * mute?direction=in}), and the phone half plays digital silence for {@code seconds} once the mute
     * is in place (a second in, unless the mute took longer). A gap in what parley sends is then a gap
     * in the recording, so times between sounds can be measured.
     */
    public Call listen(String extension, double seconds) {
        String silence = sound("silence-" + Math.round(seconds * 1000), new short[(int) (seconds * 8000)]);
        Call call = dial(extension, "listen", Map.of("SOUND", silence, "LEAD", "1"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .alias(call.lineId() + " in Stasis")
                .until(() -> status("GET", "/ari/channels/" + call.lineId()) == 200
                        && "Stasis"
                                .equals(get("/ari/channels/" + call.lineId())
                                        .path("dialplan")
                                        .path("app_name")
                                        .asText()));
        // Asterisk queues the mute on the channel's command queue and answers at once; setting a
        // variable waits for its turn on that queue, so the cue lands after the mute did.
        request("POST", "/ari/channels/" + call.lineId() + "/mute", Map.of("direction", "in"), null);
        call.cue();
        return call;
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }

    /** One test call: the phone half (the test's) and the line half (the caller parley sees). */
    public record Call(RealAsterisk asterisk, String phoneId, String lineId, Path recording) {
        /** The phone hangs up. */
        public void hangUp() {
            asterisk.request("DELETE", "/ari/channels/" + phoneId, Map.of(), null);
        }

        /**
         * Lets a phone half that waits for its cue ({@link #talkOnCue}, {@link #listen}) play: sets
         * {@code CUE} on the line half, which must be in Stasis.
         */
        public void cue() {
            asterisk.request(
                    "POST", "/ari/channels/" + lineId + "/variable", Map.of("variable", "CUE", "value", "yes"), null);
        }

        public boolean gone() {
            List<String> ids = asterisk.channelIds();
            return !ids.contains(phoneId) && !ids.contains(lineId);
        }

        /** Waits until the call is over and Asterisk has closed the recording; returns what the caller heard. */
        public AudioClip heard(Duration timeout) {
            Awaitility.await()
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(100))
                    .alias("call " + phoneId + " ended and its recording was closed")
                    .until(() -> gone() && closed(recording));
            try {
                return WavFile.read(recording);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Whether Asterisk has closed the WAV file {@code file}: it writes the RIFF and data chunk sizes
         * (zero until then) when it closes the file, after the last of the audio.
         */
        static boolean closed(Path file) throws IOException {
            if (!Files.exists(file)) {
                return false;
            }
            long size = Files.size(file);
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(WAV_HEADER);
            }
            ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            return bytes.length == WAV_HEADER && header.getInt(4) == size - 8 && header.getInt(40) == size - WAV_HEADER;
        }
    }

    /** {@code GET /ari/channels}: every channel Asterisk has now. */
    public List<JsonNode> channels() {
        return list(get("/ari/channels"));
    }

    public List<String> channelIds() {
        return channels().stream().map(c -> c.path("id").asText()).toList();
    }

    /** {@code GET /ari/bridges}. */
    public List<JsonNode> bridges() {
        return list(get("/ari/bridges"));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    public JsonNode get(String path) {
        String body = request("GET", path, Map.of(), null);
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A REST request with the ARI user's credentials; returns the body, or throws with Asterisk's answer. */
    public String request(String method, String path, Map<String, String> query, String jsonBody) {
        HttpResponse<String> response = send(method, path, query, jsonBody);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    method + " " + path + " " + query + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** The HTTP status of a request, or -1 when Asterisk does not answer. */
    public int status(String method, String path) {
        try {
            return send(method, path, Map.of(), null).statusCode();
        } catch (IllegalStateException e) {
            return -1;
        }
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> query, String jsonBody) {
        StringBuilder uri = new StringBuilder(url()).append(path);
        String sep = "?";
        for (Map.Entry<String, String> q : query.entrySet()) {
            uri.append(sep).append(enc(q.getKey())).append('=').append(enc(q.getValue()));
            sep = "&";
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri.toString()))
                .timeout(Duration.ofSeconds(5))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8)));
        if (jsonBody != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Runs an Asterisk CLI command ({@code asterisk -rx}) and returns its output. */
    public String cli(String command) {
        try {
            Process p = new ProcessBuilder(
                            prefix().resolve("sbin/asterisk").toString(),
                            "-C",
                            etc.resolve("asterisk.conf").toString(),
                            "-rx",
                            command)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("asterisk -rx '" + command + "' did not finish");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Where Asterisk's log is now: {@link #logSince} returns what it writes after this. */
    public long logMark() {
        try {
            Path messages = log.resolve("messages.log");
            return Files.exists(messages) ? Files.size(messages) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of Asterisk's log (notices, warnings, errors, verbose 3) written after {@code mark}. */
    public List<String> logSince(long mark) {
        try {
            byte[] all = Files.readAllBytes(log.resolve("messages.log"));
            return new String(
                            all,
                            (int) Math.min(mark, all.length),
                            all.length - (int) Math.min(mark, all.length),
                            StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The WARNING and ERROR lines written after {@code mark}. */
    public List<String> problemsSince(long mark) {
        return logSince(mark).stream()
                .filter(l -> l.contains("WARNING[") || l.contains("ERROR["))
                .toList();
    }

    /** Stops Asterisk (every channel and bridge is lost) and starts it again on the same port. */
    public void restart() {
        stop();
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops Asterisk at once, as a crash or {@code core stop now} would: calls in progress are lost. */
    public void stop() {
        if (process != null && process.isAlive()) {
            cli("core stop now");
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop();
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        deleteQuietly(home);
    }

    private static void deleteQuietly(Path dir) {
        if (Boolean.getBoolean("parley.keepAsterisk")) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
