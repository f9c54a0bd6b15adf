package io.parley.cli;

import io.parley.speech.models.ModelCatalog;
import io.parley.speech.models.ModelInstallException;
import io.parley.speech.models.ModelInstaller;
import io.parley.speech.models.ModelSpec;
import io.parley.speech.models.ModelStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parley models}: speech models no package installs (French recognition), listed and fetched in one step. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = {
            "Speech models that no Debian package installs: list them, or download one, check its SHA-256"
                    + " and unpack it into the models directory ($" + ModelStore.ENVIRONMENT
                    + ", else $XDG_DATA_HOME/parley/models, else ~/.local/share/parley/models).",
            "Exit status: 0 done; 1 the download or a check failed (nothing installed); 2 invalid options."
        },
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Install.class})
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /** Options every subcommand shares. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--dir",
                paramLabel = "DIR",
                description = "The models directory (default: $" + ModelStore.ENVIRONMENT
                        + " or ~/.local/share/parley/models).")
        Path directory;

        ModelStore store() {
            return directory != null ? new ModelStore(directory) : ModelStore.standard();
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "The models parley can install, and which are installed.")
    static final class ListModels extends Base {
        @Override
        public Integer call() {
            ModelStore store = store();
            out().println("models directory: " + store.root());
            for (ModelSpec m : ModelCatalog.ALL) {
                Optional<Path> installed = store.installed(m);
                out().printf(
                                Locale.ROOT,
                                "  %-13s %-8s %s%n      %s%n      %s%n",
                                m.name(),
                                m.engine(),
                                m.description(),
                                m.source(),
                                installed
                                        .map(p -> "installed: " + p)
                                        .orElse("not installed: parley models install " + m.name()));
            }
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "install",
            mixinStandardHelpOptions = true,
            description = "Download a model from its official location, check its SHA-256, unpack it into the models"
                    + " directory and print the configuration line that uses it.")
    static final class Install extends Base {
        @Parameters(
                paramLabel = "NAME",
                description = "vosk-fr, whisper-base or whisper-tiny (see parley models list).")
        String name;

        @Option(
                names = "--file",
                paramLabel = "FILE",
                description = "Install from this file, downloaded already (it is checked the same way).")
        Path file;

        @Override
        public Integer call() {
            Optional<ModelSpec> found = ModelCatalog.named(name);
            if (found.isEmpty()) {
                err().println("no model '" + name + "'; parley can install "
                        + String.join(
                                ", ",
                                ModelCatalog.ALL.stream().map(ModelSpec::name).toList()));
                return ExitCodes.INVALID;
            }
            ModelSpec model = found.get();
            ModelStore store = store();
            ProgressLine progress = new ProgressLine(out());
            try {
                if (file == null) {
                    out().println("downloading " + model.name() + " from " + model.source());
                    out().flush();
                }
                ModelInstaller.Installed installed = file == null
                        ? new ModelInstaller(store).install(model, progress)
                        : new ModelInstaller(store).installFrom(model, file, progress);
                progress.done();
                out().println((installed.alreadyInstalled() ? "already installed: " : "installed: ")
                        + installed.path()
                        + (installed.alreadyInstalled() ? "" : " (SHA-256 checked: " + model.sha256() + ")"));
                out().println(
                                "to use it, put this in the configuration file (parley config --print-default writes one):");
                out().print(configuration(model, installed.path(), store));
                out().flush();
                return ExitCodes.OK;
            } catch (ModelInstallException e) {
                progress.done();
                out().flush();
                err().println(e.getMessage());
                return ExitCodes.FAILED;
            }
        }
    }

    /**
     * The {@code engines} section that uses an installed model: without the path when the engine
     * finds it by itself (the models directory of this environment), with it otherwise. English
     * is listed too because an {@code stt} section replaces the default one whole.
     */
    static String configuration(ModelSpec model, Path path, ModelStore store) {
        String language = model.speaks("fr") ? "fr" : model.languages();
        boolean findsItself = store.root().equals(ModelStore.standard().root());
        return "engines:\n  stt:\n    en: {engine: pocketsphinx}\n    " + language + ": {engine: " + model.engine()
                + (findsItself ? "" : ", model: " + path) + "}\n";
    }

    /** Prints the download's progress every 10%, or every 10 MB when the size is unknown. */
    static final class ProgressLine implements ModelInstaller.Progress {
        private final PrintWriter out;
        private long nextMark;
        private boolean printed;

        ProgressLine(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void bytes(long received, long total) {
            long step = total > 0 ? Math.max(1, total / 10) : 10_000_000L;
            if (received >= nextMark && received > 0) {
                out.print(
                        total > 0
                                ? String.format(
                                        Locale.ROOT,
                                        "  %3d%% %.1f of %.1f MB%n",
                                        received * 100 / total,
                                        received / 1e6,
                                        total / 1e6)
                                : String.format(Locale.ROOT, "  %.1f MB%n", received / 1e6));
                out.flush();
                nextMark = (received / step + 1) * step;
                printed = true;
            }
        }

        void done() {
            if (printed) {
                out.flush();
            }
        }
    }
}
