package io.parley.speech.pocketsphinx;

import io.parley.speech.SpeechException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command-line style arguments that configure one decoder, plus the {@code feat.params} file
 * they may point to.
 *
 * <p>Why a file: {@code ps_init} parses the model's {@code feat.params} after the caller's
 * arguments and lets it win, so {@code -upperf 3800} passed directly is silently replaced by
 * the model's {@code 6800}. Front-end options that {@code feat.params} sets are therefore written
 * into a copy of it, which {@code -featparams} names; it is deleted on {@link #close()}.
 */
final class DecoderArguments implements AutoCloseable {
    private final List<String> arguments;
    private final Path featureFile;

    private DecoderArguments(List<String> arguments, Path featureFile) {
        this.arguments = List.copyOf(arguments);
        this.featureFile = featureFile;
    }

    static DecoderArguments of(PocketSphinxSettings settings) throws SpeechException {
        PocketSphinxModel model = settings.model();
        List<String> arguments = new ArrayList<>(List.of(
                "-hmm", model.acousticModel().toString(),
                "-dict", model.dictionary().toString(),
                "-lm", model.languageModel().toString()));
        Map<String, String> features = model.featureParameters();
        boolean overridesFeatures = false;
        for (Map.Entry<String, String> option : settings.options().entrySet()) {
            if (features.containsKey(option.getKey())) {
                overridesFeatures = true;
            } else {
                arguments.add("-" + option.getKey());
                arguments.add(option.getValue());
            }
        }
        Path featureFile = null;
        if (overridesFeatures) {
            Map<String, String> merged = new LinkedHashMap<>(features);
            settings.options().forEach((key, value) -> merged.replace(key, value));
            featureFile = writeFeatureFile(merged);
            arguments.add("-featparams");
            arguments.add(featureFile.toString());
        }
        return new DecoderArguments(arguments, featureFile);
    }

    List<String> arguments() {
        return arguments;
    }

    private static Path writeFeatureFile(Map<String, String> parameters) throws SpeechException {
        StringBuilder text = new StringBuilder();
        parameters.forEach((key, value) -> text.append('-').append(key).append(' ').append(value).append('\n'));
        try {
            Path file = Files.createTempFile("parley-feat-", ".params");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new SpeechException("pocketsphinx: cannot write a feat.params copy in "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (featureFile != null) {
            try {
                Files.deleteIfExists(featureFile);
            } catch (IOException ignored) {
                // a stale temp file is harmless
            }
        }
    }
}
