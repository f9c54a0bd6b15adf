package io.parley.speech;

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
 * Loads a native model once in a child JVM before parley loads it in its own process.
 *
 * <p>Why: native speech libraries end the process on some malformed model files instead of
 * returning an error: sphinxbase calls {@code exit(1)} on a truncated {@code means}, whisper.cpp's
 * ggml calls {@code abort()} on a damaged tensor header. In a child that costs a second; inside
 * parley it would end every call of every bridge. A model that loaded once is remembered for the
 * life of the process, keyed by the loader, its arguments and the sizes and dates of the model's
 * files.
 */
public final class ModelProbe {
    private static final long TIMEOUT_SECONDS = 120;
    private static final int EXIT_FAILED = 3;
    private static final Set<String> VERIFIED = ConcurrentHashMap.newKeySet();

    /** Loads a model in the child process; needs a public no-argument constructor. */
    public interface Loader {
        /** Loads and frees the model named by {@code arguments}; throws if it cannot. */
        void load(List<String> arguments) throws Exception;
    }

    private ModelProbe() {}

    /**
     * Runs {@code loader} on {@code arguments} in a child JVM unless this exact model already
     * loaded once in this process.
     *
     * @param identity what makes this load different from another of the same files (e.g. the
     *                 options), without temporary paths; part of the fingerprint
     * @param engine   the engine's name, first word of any error
     * @param model    the model file or directory (for the error message and the fingerprint)
     * @param hint     what the user should do when the model is broken
     */
    public static void verify(
            Class<? extends Loader> loader,
            List<String> arguments,
            String identity,
            String engine,
            Path model,
            String hint)
            throws SpeechException {
        String key = fingerprint(loader, identity, model);
        if (VERIFIED.contains(key)) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                // a crash in native code must end the child at once, leaving no hs_err file or core
                "-XX:+SuppressFatalErrorMessage",
                "-XX:-CreateCoredumpOnCrash",
                "-cp",
                System.getProperty("java.class.path"),
                ModelProbe.class.getName(),
                loader.getName()));
        command.addAll(arguments);
        Process child = null;
        Path output = null;
        try {
            output = Files.createTempFile("parley-model-check-", ".log");
            child = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            child.getOutputStream().close();
            if (!child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new SpeechException(engine + ": loading the model " + model + " in a test process took over "
                        + TIMEOUT_SECONDS + " s");
            }
            int status = child.exitValue();
            if (status != 0) {
                String what = status == EXIT_FAILED
                        ? "fails to load"
                        : "makes the native library end the process (exit status " + status + ")";
                throw new SpeechException(engine + ": the model " + model + " is broken: it " + what + ": "
                        + explanation(Files.readString(output, StandardCharsets.ISO_8859_1)) + "; " + hint);
            }
            VERIFIED.add(key);
        } catch (IOException e) {
            throw new SpeechException(
                    engine + ": cannot start a process to check the model " + model + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechException(engine + ": interrupted while checking the model " + model, e);
        } finally {
            if (child != null) {
                child.destroyForcibly();
            }
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a stale temp file is harmless
                }
            }
        }
    }

    /** Child side: {@code LOADER-CLASS ARGUMENT...}; exits 0 when the model loads, 3 when it fails cleanly. */
    public static void main(String[] args) {
        try {
            Loader loader = Class.forName(args[0])
                    .asSubclass(Loader.class)
                    .getConstructor()
                    .newInstance();
            loader.load(Arrays.asList(args).subList(1, args.length));
            System.out.flush();
            System.exit(0);
        } catch (Exception e) {
            System.out.println("\nERROR: " + e.getMessage());
            System.out.flush();
            System.exit(EXIT_FAILED);
        }
    }

    /** The lines of the child's output that say what went wrong, without debugger noise. */
    static String explanation(String output) {
        List<String> lines = output.lines()
                .map(String::strip)
                .filter(line -> line.matches("(?i).*(error|fatal|assert|failed|invalid|exception).*"))
                .filter(line -> !line.startsWith("INFO"))
                .filter(line -> !line.startsWith("#") && !line.startsWith("warning:") && !line.startsWith("["))
                .map(line -> line.replaceAll("[^\\x20-\\x7e]", "?"))
                .map(line -> line.length() > 240 ? line.substring(0, 240) + "..." : line)
                .distinct()
                .limit(3)
                .toList();
        return lines.isEmpty() ? "the library printed no message" : String.join(" | ", lines);
    }

    private static String fingerprint(Class<?> loader, String identity, Path model) throws SpeechException {
        StringBuilder key = new StringBuilder(loader.getName()).append('\u0000').append(identity);
        try (Stream<Path> files = Files.isDirectory(model) ? Files.walk(model) : Stream.of(model)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                key.append('\u0000')
                        .append(file)
                        .append(':')
                        .append(Files.size(file))
                        .append(':')
                        .append(Files.getLastModifiedTime(file).toMillis());
            }
        } catch (IOException e) {
            throw new SpeechException("cannot read the model " + model + ": " + e.getMessage(), e);
        }
        return key.toString();
    }
}
