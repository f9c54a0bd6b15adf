package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's JDK search ({@code scripts/jdk.sh}), run by bash as {@code ./parley} and {@code ./build} run it. */
class LauncherTest {
    private static final Path REPO = Path.of(System.getProperty("parley.repo", "."));

    private record Result(int code, String out, String err) {}

    private static Result findJdk(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(
                        "bash", "-c", ". scripts/jdk.sh && parley_find_jdk && echo \"$JAVA_HOME\"")
                .directory(REPO.toFile());
        pb.environment().remove("JAVA_HOME");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, err);
    }

    /** A fake JDK home whose release file says {@code version}. */
    private static Path fakeJdk(Path root, String name, String version) throws IOException {
        Path home = Files.createDirectories(root.resolve(name).resolve("bin"));
        for (String tool : new String[] {"java", "javac"}) {
            Path exe = home.resolve(tool);
            Files.writeString(exe, "#!/bin/sh\nexit 0\n");
            exe.toFile().setExecutable(true);
        }
        Files.writeString(root.resolve(name).resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        return root.resolve(name);
    }

    @Test
    void skipsAnOldJavaHomeAndFindsTheNewestSuitableJdk(@TempDir Path jvms) throws Exception {
        Path old = fakeJdk(jvms, "java-17-openjdk-amd64", "17.0.15");
        fakeJdk(jvms, "temurin-25-jdk-amd64", "25.0.3");
        Result r = findJdk(
                Map.of("JAVA_HOME", old.toString(), "PARLEY_JVM_DIR", jvms.toString(), "PATH", "/nonexistent:/bin"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo(jvms.resolve("temurin-25-jdk-amd64").toString());
    }

    @Test
    void withoutASuitableJdkSaysWhatToInstallInOneLine(@TempDir Path jvms) throws Exception {
        fakeJdk(jvms, "java-17-openjdk-amd64", "17.0.15");
        Result r = findJdk(Map.of("PARLEY_JVM_DIR", jvms.toString(), "PATH", "/nonexistent:/bin"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("parley: no JDK 25 or newer found").contains("install one, e.g. Temurin 25");
    }
}
