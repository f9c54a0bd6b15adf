package io.parley.speech.models;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The directory downloaded models live in, outside any repository: {@code $PARLEY_MODELS} when
 * set, else {@code $XDG_DATA_HOME/parley/models}, else {@code ~/.local/share/parley/models}.
 * A model is installed when its directory (with its marker file) or its file is there; downloads
 * in progress use hidden names, so a half-finished one is never taken for a model.
 */
public record ModelStore(Path root) {
    public static final String ENVIRONMENT = "PARLEY_MODELS";

    public ModelStore {
        Objects.requireNonNull(root, "root");
        root = root.toAbsolutePath().normalize();
    }

    /** The store this user's environment names (see the class comment). */
    public static ModelStore fromEnvironment(Map<String, String> environment, String userHome) {
        String explicit = environment.get(ENVIRONMENT);
        if (explicit != null && !explicit.isBlank()) {
            return new ModelStore(Path.of(explicit));
        }
        String data = environment.get("XDG_DATA_HOME");
        Path base = data != null && !data.isBlank() ? Path.of(data) : Path.of(userHome, ".local", "share");
        return new ModelStore(base.resolve("parley").resolve("models"));
    }

    /** The store of the current process's environment. */
    public static ModelStore standard() {
        return fromEnvironment(System.getenv(), System.getProperty("user.home"));
    }

    /** Where {@code model} goes (or is). */
    public Path path(ModelSpec model) {
        return root.resolve(model.installedName());
    }

    /** The installed copy of {@code model}, if there is a complete one. */
    public Optional<Path> installed(ModelSpec model) {
        Path path = path(model);
        boolean complete = switch (model.packaging()) {
            case ZIP_DIRECTORY -> Files.isDirectory(path) && Files.isRegularFile(path.resolve(model.marker()));
            case FILE -> Files.isRegularFile(path);
        };
        return complete ? Optional.of(path) : Optional.empty();
    }

    /** The first installed model {@code engine} can load for {@code language}, in the catalogue's order. */
    public Optional<Path> find(String engine, String language) {
        return ModelCatalog.forEngine(engine, language).stream()
                .map(this::installed)
                .flatMap(Optional::stream)
                .findFirst();
    }
}
