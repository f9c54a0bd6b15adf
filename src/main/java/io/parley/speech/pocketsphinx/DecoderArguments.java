package io.parley.speech.pocketsphinx;

import io.parley.speech.SpeechException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The command-line style arguments that configure one decoder, and the files they point to.
 *
 * <p>Two kinds of file are made in a private temporary directory, deleted on {@link #close()}:
 * <ul>
 *   <li>a copy of the model's {@code feat.params} with the caller's front-end options in it:
 *       {@code ps_init} parses {@code feat.params} after the caller's arguments and lets it win,
 *       so {@code -cmninit ...} passed directly would be silently replaced by the model's value;</li>
 *   <li>option values written {@code classpath:NAME} (such as the telephone adaptation shipped in
 *       parley's jar), copied out because the library reads files only.</li>
 * </ul>
 */
final class DecoderArguments implements AutoCloseable {
    static final String CLASSPATH = "classpath:";

    private final List<String> arguments;
    private final Path directory;
    private final float[] meanPrior;

    private DecoderArguments(List<String> arguments, Path directory, float[] meanPrior) {
        this.arguments = List.copyOf(arguments);
        this.directory = directory;
        this.meanPrior = meanPrior;
    }

    static DecoderArguments of(PocketSphinxSettings settings) throws SpeechException {
        PocketSphinxModel model = settings.model();
        Path directory;
        try {
            directory = Files.createTempDirectory("parley-pocketsphinx-");
        } catch (IOException e) {
            throw new SpeechException(
                    "pocketsphinx: cannot create a directory in " + System.getProperty("java.io.tmpdir") + ": "
                            + e.getMessage(),
                    e);
        }
        DecoderArguments result = new DecoderArguments(List.of(), directory, null);
        try {
            List<String> arguments = new ArrayList<>(List.of(
                    "-hmm", model.acousticModel().toString(),
                    "-dict", model.dictionary().toString(),
                    "-lm", model.languageModel().toString()));
            Map<String, String> features = new LinkedHashMap<>(model.featureParameters());
            boolean overridesFeatures = false;
            for (Map.Entry<String, String> option : settings.options().entrySet()) {
                String value = resolve(option.getValue(), directory);
                if (features.containsKey(option.getKey())) {
                    features.put(option.getKey(), value);
                    overridesFeatures = true;
                } else {
                    arguments.add("-" + option.getKey());
                    arguments.add(value);
                }
            }
            if (overridesFeatures) {
                StringBuilder text = new StringBuilder();
                features.forEach((key, value) ->
                        text.append('-').append(key).append(' ').append(value).append('\n'));
                Path file = directory.resolve("feat.params");
                Files.writeString(file, text, StandardCharsets.UTF_8);
                arguments.add("-featparams");
                arguments.add(file.toString());
            }
            String cmninit = settings.options().getOrDefault("cmninit", features.get("cmninit"));
            return new DecoderArguments(arguments, directory, cmninit == null ? null : vector(cmninit));
        } catch (IOException e) {
            result.close();
            throw new SpeechException(
                    "pocketsphinx: cannot write decoder files in " + directory + ": " + e.getMessage(), e);
        } catch (SpeechException | RuntimeException e) {
            result.close();
            throw e;
        }
    }

    private static String resolve(String value, Path directory) throws SpeechException, IOException {
        if (!value.startsWith(CLASSPATH)) {
            return value;
        }
        String name = value.substring(CLASSPATH.length());
        try (InputStream in = DecoderArguments.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new SpeechException("pocketsphinx: resource " + name + " is not in parley's class path"
                        + " (the jar is incomplete: rebuild it)");
            }
            Path file = directory.resolve(Path.of(name).getFileName());
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file.toString();
        }
    }

    List<String> arguments() {
        return arguments;
    }

    /** The initial cepstral mean ({@code cmninit}) the decoder will use, or {@code null} if none is set. */
    float[] meanPrior() {
        return meanPrior == null ? null : meanPrior.clone();
    }

    private static float[] vector(String commaSeparated) throws SpeechException {
        String[] parts = commaSeparated.split(",");
        float[] vector = new float[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                vector[i] = Float.parseFloat(parts[i].strip());
            }
        } catch (NumberFormatException e) {
            throw new SpeechException(
                    "pocketsphinx: cmninit must be comma-separated numbers, got '" + commaSeparated + "'", e);
        }
        return vector;
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a stale temp directory is harmless
        }
    }
}
