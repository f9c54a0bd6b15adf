package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's promises that can drift: the port plan it prints and the quick start. */
class ReadmeTest {
    private static String readme() throws IOException {
        return Files.readString(Path.of(System.getProperty("parley.repo", "."), "README.md"));
    }

    @Test
    void portPlanSectionIsWhatPortsPrints() throws IOException {
        String readme = readme();
        String block = readme.substring(
                readme.indexOf("<!-- ports:begin -->\n") + "<!-- ports:begin -->\n".length(),
                readme.indexOf("<!-- ports:end -->"));
        assertThat(block).isEqualTo(Cli.run("ports", "--format", "markdown").out());
    }

    @Test
    void ciRunsTheReadmesTestCommand() throws IOException {
        String readme = readme();
        String quickStart = readme.substring(readme.indexOf("## Quick start"), readme.indexOf("## Commands"));
        assertThat(quickStart).contains("./build test");
        assertThat(Files.readString(Path.of(System.getProperty("parley.repo", "."), ".ci", "run")))
                .contains("exec ./build test");
    }
}
