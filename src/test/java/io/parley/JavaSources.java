package io.parley;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The project's Java sources as the source-reading tests see them: code with comments and literals blanked. */
final class JavaSources {
    static final Path MAIN = Path.of("src/main/java");
    static final Path TEST = Path.of("src/test/java");

    private static final Pattern COMMENT_OR_LITERAL = Pattern.compile(
            "/\\*.*?\\*/|//[^\\n]*|\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\])'", Pattern.DOTALL);
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

    private JavaSources() {}

    /** Every .java file under {@code root}. */
    static List<Path> files(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code source} with every comment, string and character literal blanked, line breaks kept. */
    static String code(String source) {
        Matcher m = COMMENT_OR_LITERAL.matcher(source);
        StringBuilder out = new StringBuilder(source.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group().replaceAll("[^\\n]", " ")));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The file's package, e.g. {@code io.parley.rtp}. */
    static String packageOf(String source) {
        Matcher m = PACKAGE.matcher(source);
        if (!m.find()) {
            throw new IllegalArgumentException("no package line");
        }
        return m.group(1);
    }
}
