package io.parley.speech.pocketsphinx;

import io.parley.speech.SpeechException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Loads a model once in a child JVM before parley loads it in its own process.
 *
 * <p>Why: sphinxbase ends the process with {@code exit(1)} on some malformed model files (a
 * truncated {@code means}, a damaged {@code mdef}); in a child that costs about a second, inside
 * parley it would end every call of every bridge. A model that loaded once is remembered for the
 * life of the process (keyed by the arguments and the files' sizes and dates).
 */
public final class ModelProbe {
    private static final long TIMEOUT_SECONDS = 60;
    private static final Set<String> VERIFIED = ConcurrentHashMap.newKeySet();

    private ModelProbe() {
    }

    static void verify(PocketSphinxModel model, List<String> arguments) throws SpeechException {
        String key = fingerprint(model, arguments);
        if (VERIFIED.contains(key)) {
            return;
        }
        Path log = null;
        Process child = null;
        try {
            log = Files.createTempFile("parley-probe-", ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Xmx64m", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"),
                    ModelProbe.class.getName(), log.toString()));
            command.addAll(arguments);
            child = new ProcessBuilder(command).redirectErrorStream(true).start();
            child.getOutputStream().close();
            byte[] output = child.getInputStream().readAllBytes();
            if (!child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new SpeechException("pocketsphinx: loading the model (" + model + ") in a test process"
                        + " took over " + TIMEOUT_SECONDS + " s");
            }
            if (child.exitValue() != 0) {
                String reason = new String(output, StandardCharsets.UTF_8).strip();
                if (reason.isEmpty()) {
                    reason = errorLines(log);
                }
                throw new SpeechException("pocketsphinx: the model (" + model + ") is broken: " + reason
                        + "; " + "fix or replace the files named above (Debian's model: apt-get install --reinstall "
                        + PocketSphinxModel.DEBIAN_PACKAGE + ")");
            }
            VERIFIED.add(key);
        } catch (IOException e) {
            throw new SpeechException("pocketsphinx: cannot start a process to check the model " + model + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechException("pocketsphinx: interrupted while checking the model " + model, e);
        } finally {
            if (child != null) {
                child.destroyForcibly();
            }
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a stale temp file is harmless
                }
            }
        }
    }

    /** Child side: {@code LOGFILE ARGUMENT...}; exits 0 when a decoder loads. */
    public static void main(String[] args) {
        try {
            PocketSphinxLibrary library = PocketSphinxLibrary.load(Path.of(args[0]));
            new Decoder(library, Arrays.asList(args).subList(1, args.length), "the model").close();
            System.exit(0);
        } catch (SpeechException e) {
            System.out.println(e.getMessage());
            System.exit(3);
        }
    }

    private static String errorLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream()
                    .filter(line -> line.startsWith("ERROR") || line.startsWith("FATAL"))
                    .map(line -> line.replaceAll("[^\\x20-\\x7e]", "?"))
                    .map(line -> line.length() > 200 ? line.substring(0, 200) + "..." : line)
                    .toList();
            return lines.isEmpty() ? "the library ended the process without an error message"
                    : String.join("; ", lines);
        } catch (IOException e) {
            return "the library ended the process (its log is unreadable: " + e.getMessage() + ")";
        }
    }

    private static String fingerprint(PocketSphinxModel model, List<String> arguments) throws SpeechException {
        StringBuilder key = new StringBuilder(String.join("\u0000", arguments));
        try (Stream<Path> files = Files.list(model.acousticModel())) {
            for (Path file : Stream.concat(files, Stream.of(model.dictionary(), model.languageModel()))
                    .sorted().toList()) {
                key.append('\u0000').append(file).append(':').append(Files.size(file)).append(':')
                        .append(Files.getLastModifiedTime(file).toMillis());
            }
        } catch (IOException e) {
            throw new SpeechException("pocketsphinx: cannot read the model " + model + ": " + e.getMessage(), e);
        }
        return key.toString();
    }
}
