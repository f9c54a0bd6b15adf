package io.parley.speech.apertium;

import io.parley.speech.SpeechException;
import io.parley.speech.process.ProgramPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An Apertium mode file ({@code /usr/share/apertium/modes/eng-spa.mode}) read as the stages of
 * a null-flush pipeline. A mode file is one shell pipeline:
 * <pre>
 * lt-proc 'eng-spa.automorf.bin' | apertium-tagger -g $2 'eng-spa.prob' | ... | lt-proc $1 'eng-spa.autogen.bin' | ...
 * </pre>
 * Reading it here, rather than running it through a shell, lets parley start the stage programs
 * itself and own their process handles. Each stage gets {@code -z} (flush on NUL); {@code $1},
 * the generator's mode, becomes {@code -n} (generate without the {@code *}, {@code #} and
 * {@code @} marks of unknown words); {@code $2}, an optional tagger flag, is dropped; word-blank
 * helper stages ({@code apertium-wblank-*}) are left out. Only words, single and double quotes,
 * backslash escapes and {@code |} are understood; anything else is refused with the file named.
 */
record ApertiumMode(String name, Path file, List<Stage> stages) {

    private static final String NULL_FLUSH = "-z";
    private static final String UNMARKED_GENERATION = "-n";
    private static final String PLACEHOLDER = "\u0000$";
    private static final Map<String, String> PACKAGE_OF_PROGRAM = Map.of(
            "lt-proc", "lttoolbox",
            "lrx-proc", "apertium-lex-tools",
            "cg-proc", "cg3",
            "vislcg3", "cg3");

    private static final Map<String, String> PACKAGE_OF_MODE = Map.of(
            "eng-spa", "apertium-eng-spa",
            "spa-eng", "apertium-eng-spa",
            "fr-es", "apertium-fr-es",
            "es-fr", "apertium-fr-es");

    ApertiumMode {
        stages = List.copyOf(stages);
    }

    /**
     * Reads mode {@code name} from {@code modesDir} and checks that its programs and data files exist.
     *
     * @throws SpeechException naming the missing mode, program or file and the Debian package that has it
     */
    static ApertiumMode read(Path modesDir, String name) throws SpeechException {
        Path file = modesDir.resolve(name + ".mode");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SpeechException(
                    "apertium: cannot read mode '" + name + "' at " + file + " (" + e
                            + "); install the Debian package "
                            + PACKAGE_OF_MODE.getOrDefault(name, "of that language pair")
                            + " or set the option 'modes' to the directory holding the .mode files",
                    e);
        }
        ApertiumMode mode = new ApertiumMode(name, file, parse(text, file));
        mode.checkInstalled();
        return mode;
    }

    /** Splits a mode file's pipeline into null-flush stages without word-blank helpers. */
    static List<Stage> parse(String pipeline, Path file) throws SpeechException {
        List<Stage> stages = new ArrayList<>();
        for (List<String> words : split(pipeline.strip(), file)) {
            if (words.isEmpty()) {
                throw new SpeechException("apertium: empty stage in the pipeline of " + file);
            }
            if (Path.of(words.getFirst()).getFileName().toString().startsWith("apertium-wblank")) {
                continue;
            }
            List<String> command = new ArrayList<>();
            command.add(words.getFirst());
            if (!words.contains(NULL_FLUSH) && !words.contains("--null-flush")) {
                command.add(NULL_FLUSH);
            }
            for (String word : words.subList(1, words.size())) {
                switch (word) {
                    case PLACEHOLDER + "1" -> command.add(UNMARKED_GENERATION);
                    case PLACEHOLDER + "2" -> {}
                    default -> command.add(word);
                }
            }
            stages.add(new Stage(command));
        }
        if (stages.isEmpty()) {
            throw new SpeechException("apertium: no stages in " + file);
        }
        return stages;
    }

    /** Shell words grouped by {@code |}; {@code $1}/{@code $2} come back as placeholders. */
    private static List<List<String>> split(String pipeline, Path file) throws SpeechException {
        return new ShellWords(pipeline, file).read();
    }

    /** Reads a pipeline one character at a time into words, grouped into stages at each {@code |}. */
    private static final class ShellWords {
        private final String pipeline;
        private final Path file;
        private final List<List<String>> stages = new ArrayList<>();
        private List<String> words = new ArrayList<>();
        private final StringBuilder word = new StringBuilder();
        private boolean inWord;
        /** The character being read. */
        private int i;

        ShellWords(String pipeline, Path file) {
            this.pipeline = pipeline;
            this.file = file;
        }

        List<List<String>> read() throws SpeechException {
            for (i = 0; i < pipeline.length(); i++) {
                char c = pipeline.charAt(i);
                switch (c) {
                    case ' ', '\t', '\n', '\r' -> endWord();
                    case '|' -> {
                        endWord();
                        endStage();
                    }
                    case '\'' -> singleQuoted();
                    case '"' -> doubleQuoted();
                    case '\\' -> escaped();
                    case '$' -> placeholder();
                    case ';', '&', '<', '>', '`', '(', ')', '{', '}', '*', '?', '~', '#' ->
                        throw unsupported(file, i, "shell syntax '" + c + "'");
                    default -> append(c);
                }
            }
            endWord();
            endStage();
            return stages;
        }

        private void append(char c) {
            word.append(c);
            inWord = true;
        }

        private void endWord() {
            if (inWord) {
                words.add(word.toString());
                word.setLength(0);
                inWord = false;
            }
        }

        private void endStage() {
            stages.add(words);
            words = new ArrayList<>();
        }

        /** Appends the body of the single-quoted string opening here, taken as it is. */
        private void singleQuoted() throws SpeechException {
            int end = pipeline.indexOf('\'', i + 1);
            if (end < 0) {
                throw unsupported(file, i, "unterminated single quote");
            }
            word.append(pipeline, i + 1, end);
            inWord = true;
            i = end;
        }

        /** Appends the body of the double-quoted string opening here, with its backslash escapes. */
        private void doubleQuoted() throws SpeechException {
            int open = i;
            for (i = open + 1; i < pipeline.length(); i++) {
                char c = pipeline.charAt(i);
                if (c == '"') {
                    inWord = true;
                    return;
                }
                if (c == '$' || c == '`') {
                    throw unsupported(file, i, "expansion inside double quotes");
                }
                if (c == '\\' && i + 1 < pipeline.length() && "\"\\$`".indexOf(pipeline.charAt(i + 1)) >= 0) {
                    c = pipeline.charAt(++i);
                }
                word.append(c);
            }
            throw unsupported(file, open, "unterminated double quote");
        }

        private void escaped() throws SpeechException {
            if (i + 1 >= pipeline.length()) {
                throw unsupported(file, i, "backslash at the end");
            }
            append(pipeline.charAt(++i));
        }

        /** {@code $1} or {@code $2} standing alone as a word; any other variable is refused. */
        private void placeholder() throws SpeechException {
            boolean placeholder = !inWord
                    && i + 1 < pipeline.length()
                    && (pipeline.charAt(i + 1) == '1' || pipeline.charAt(i + 1) == '2')
                    && (i + 2 == pipeline.length() || " \t|".indexOf(pipeline.charAt(i + 2)) >= 0);
            if (!placeholder) {
                throw unsupported(file, i, "variable other than $1 or $2");
            }
            word.append(PLACEHOLDER).append(pipeline.charAt(++i));
            inWord = true;
        }
    }

    private static SpeechException unsupported(Path file, int at, String what) {
        return new SpeechException("apertium: cannot read the pipeline in " + file + ": " + what + " at character " + at
                + "; parley understands plain words, quotes and '|' only");
    }

    private void checkInstalled() throws SpeechException {
        for (Stage stage : stages) {
            String program = stage.program();
            if (ProgramPath.find(program).isEmpty()) {
                String pkg = PACKAGE_OF_PROGRAM.getOrDefault(
                        Path.of(program).getFileName().toString(), "apertium");
                throw new SpeechException("apertium: program '" + program + "' of mode " + name + " (" + file
                        + ") is not on PATH; install the Debian package " + pkg);
            }
            for (String arg : stage.command()) {
                Path path = Path.of(arg);
                if (arg.startsWith("/") && !Files.isReadable(path)) {
                    Path dir = path.getParent();
                    String pkg = dir != null && dir.getFileName() != null
                            ? dir.getFileName().toString()
                            : "?";
                    throw new SpeechException("apertium: data file " + arg + " of mode " + name + " (" + file
                            + ") is missing or unreadable; reinstall the Debian package " + pkg);
                }
            }
        }
    }
}
