package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Code names a type by its simple name and imports it: a fully qualified name inline ({@code
 * java.util.Arrays.copyOf(...)}, {@code io.parley.audio.LevelMeter.FLOOR_DBFS}) hides what a file depends on
 * from its imports. Allowed only where the simple name is taken by another type the file imports or declares,
 * or by a class of its own package.
 */
class InlineNamesTest {
    private static final Pattern QUALIFIED =
            Pattern.compile("(?<![\\w.])((?:java|javax|jdk|io|org|com|picocli)(?:\\.[a-z_]\\w*)+)\\.([A-Z]\\w*)");
    private static final Pattern IMPORT = Pattern.compile("^import ([\\w.]+)\\.(\\w+);", Pattern.MULTILINE);
    private static final Pattern DECLARATION = Pattern.compile("\\b(?:class|interface|record|enum)\\s+(\\w+)");

    @Test
    void typesAreImportedNotQualifiedInline() {
        List<String> inline = new ArrayList<>();
        for (Path root : List.of(JavaSources.MAIN, JavaSources.TEST)) {
            for (Path file : JavaSources.files(root)) {
                inline.addAll(inlineNames(file));
            }
        }
        assertThat(inline).isEmpty();
    }

    @Test
    void theRuleSeesAQualifiedNameInCodeButNotInCommentsOrImports() {
        String source = "package io.parley.x;\n\nimport java.util.List;\n\n/** See {@link java.util.Arrays}. */\n"
                + "class A {\n    short[] b = java.util.Arrays.copyOf(new short[1], 2); // java.util.Map\n"
                + "    String s = \"java.util.Set\";\n}\n";
        assertThat(inlineNames(Path.of("A.java"), source)).containsExactly("A.java:7: java.util.Arrays");
    }

    private static List<String> inlineNames(Path file) {
        return inlineNames(file, JavaSources.read(file));
    }

    private static List<String> inlineNames(Path file, String source) {
        String code = JavaSources.code(source);
        String pkg = JavaSources.packageOf(source);
        Set<String> imported = new HashSet<>();
        Matcher i = IMPORT.matcher(source);
        while (i.find()) {
            imported.add(i.group(1) + "." + i.group(2));
        }
        Set<String> taken = new HashSet<>();
        imported.forEach(fq -> taken.add(fq.substring(fq.lastIndexOf('.') + 1)));
        Matcher d = DECLARATION.matcher(code);
        while (d.find()) {
            taken.add(d.group(1));
        }
        List<String> found = new ArrayList<>();
        String[] lines = code.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            if (lines[n].stripLeading().startsWith("import ")
                    || lines[n].stripLeading().startsWith("package ")) {
                continue;
            }
            Matcher q = QUALIFIED.matcher(lines[n]);
            while (q.find()) {
                String name = q.group(2);
                String fq = q.group(1) + "." + name;
                boolean clash = taken.contains(name) && !imported.contains(fq)
                        || !q.group(1).equals(pkg) && samePackageHas(file, pkg, name);
                if (!clash) {
                    found.add(file + ":" + (n + 1) + ": " + fq);
                }
            }
        }
        return found;
    }

    private static boolean samePackageHas(Path file, String pkg, String name) {
        String dir = pkg.replace('.', '/');
        return JavaSources.MAIN.resolve(dir).resolve(name + ".java").toFile().exists()
                || JavaSources.TEST
                        .resolve(dir)
                        .resolve(name + ".java")
                        .toFile()
                        .exists();
    }
}
