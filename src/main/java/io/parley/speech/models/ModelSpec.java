package io.parley.speech.models;

import java.net.URI;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A model parley can download.
 *
 * @param name          what the user types ({@code vosk-fr})
 * @param engine        the recognition engine that loads it ({@code vosk}, {@code whisper})
 * @param languages     the languages it recognises ({@code fr}), or {@code *} for a multilingual one
 * @param source        where it is published
 * @param sha256        the SHA-256 of the download, lower-case hex
 * @param bytes         the download's size, for progress before the server says it (0: unknown)
 * @param packaging     a zip holding one model directory, or a single model file
 * @param installedName the directory or file name it gets in the models directory
 * @param marker        for a directory, a file every good copy has (checked after unpacking); unused for a file
 * @param description   one line for {@code parley models list}
 */
public record ModelSpec(
        String name,
        String engine,
        String languages,
        URI source,
        String sha256,
        long bytes,
        Packaging packaging,
        String installedName,
        String marker,
        String description) {

    /** What the download is. */
    public enum Packaging {
        ZIP_DIRECTORY,
        FILE
    }

    public ModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(languages, "languages");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(packaging, "packaging");
        Objects.requireNonNull(installedName, "installedName");
        Objects.requireNonNull(marker, "marker");
        Objects.requireNonNull(description, "description");
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (HexFormat.of().parseHex(sha256).length != 32) {
            throw new IllegalArgumentException("model " + name + ": sha256 must be 64 hex digits, got " + sha256);
        }
        if (installedName.isBlank() || installedName.contains("/") || installedName.startsWith(".")) {
            throw new IllegalArgumentException(
                    "model " + name + ": installed name must be a plain name, got '" + installedName + "'");
        }
    }

    /** Whether it recognises {@code language} (ISO 639-1). */
    public boolean speaks(String language) {
        return languages.equals("*") || languages.equals(language);
    }

    /** The same model fetched from elsewhere (a mirror, or a test server). */
    public ModelSpec from(URI otherSource, String otherSha256, long otherBytes) {
        return new ModelSpec(
                name,
                engine,
                languages,
                otherSource,
                otherSha256,
                otherBytes,
                packaging,
                installedName,
                marker,
                description);
    }
}
