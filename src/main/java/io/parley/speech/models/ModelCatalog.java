package io.parley.speech.models;

import io.parley.speech.models.ModelSpec.Packaging;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The models {@code parley models install} knows, with their official download locations and
 * pinned SHA-256 values:
 * <ul>
 *   <li>{@code vosk-fr}: Alpha Cephei's small French Vosk model from its models page. The page
 *       publishes no checksum; the value pinned is the SHA-256 that the Rhasspy project's unchanged
 *       mirror of the same zip records (its Git LFS pointer on Hugging Face).</li>
 *   <li>{@code whisper-base}, {@code whisper-tiny}: the multilingual whisper.cpp ggml models from
 *       the whisper.cpp repository on Hugging Face, with the SHA-256 its Git LFS pointers record.</li>
 * </ul>
 */
public final class ModelCatalog {
    public static final ModelSpec VOSK_FR = new ModelSpec(
            "vosk-fr",
            "vosk",
            "fr",
            URI.create("https://alphacephei.com/vosk/models/vosk-model-small-fr-0.22.zip"),
            "cabf6180e177eb9b3a9a9d43a437bd5e549f3a7d09525e5d69a3fed787be12ad",
            42_200_000L,
            Packaging.ZIP_DIRECTORY,
            "vosk-model-small-fr-0.22",
            "am/final.mdl",
            "French, Vosk small model 0.22 (Alpha Cephei, Apache 2.0), 41 MB zip, streaming");
    public static final ModelSpec WHISPER_BASE = new ModelSpec(
            "whisper-base",
            "whisper",
            "*",
            URI.create("https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-base.bin"),
            "60ed5bc3dd14eea856493d334349b405782ddcaf0028d4b5df4088345fba2efe",
            147_951_465L,
            Packaging.FILE,
            "ggml-base.bin",
            "",
            "multilingual (French included), whisper.cpp base (OpenAI Whisper, MIT), 142 MiB");
    public static final ModelSpec WHISPER_TINY = new ModelSpec(
            "whisper-tiny",
            "whisper",
            "*",
            URI.create("https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-tiny.bin"),
            "be07e048e1e599ad46341c8d2a135645097a538221678b7acdd1b1919c6e1b21",
            77_691_713L,
            Packaging.FILE,
            "ggml-tiny.bin",
            "",
            "multilingual, whisper.cpp tiny (OpenAI Whisper, MIT), 74 MiB: faster, less accurate than base");

    /** In the order an engine prefers them when several are installed. */
    public static final List<ModelSpec> ALL = List.of(VOSK_FR, WHISPER_BASE, WHISPER_TINY);

    private ModelCatalog() {}

    public static Optional<ModelSpec> named(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The models {@code engine} can load for {@code language}, preferred first. */
    public static List<ModelSpec> forEngine(String engine, String language) {
        return ALL.stream()
                .filter(m -> m.engine().equals(engine) && m.speaks(language))
                .toList();
    }

    /** The command that installs the first model {@code engine} can use for {@code language}, if any. */
    public static Optional<String> installCommand(String engine, String language) {
        return forEngine(engine, language).stream().findFirst().map(m -> "parley models install " + m.name());
    }
}
