package io.parley.speech.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramPathTest {

    @Test
    void findsAProgramOnPath() {
        assertThat(ProgramPath.find("sh"))
                .hasValueSatisfying(p -> assertThat(p.getFileName()).isEqualTo(Path.of("sh")));
    }

    @Test
    void takesAnAbsolutePathAsItIs(@TempDir Path dir) throws IOException {
        Path plain = Files.createFile(
                dir.resolve("plain"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        assertThat(ProgramPath.find("/bin/sh")).contains(Path.of("/bin/sh"));
        assertThat(ProgramPath.find(plain.toString())).isEmpty();
        assertThat(ProgramPath.find("/bin")).isEmpty();
    }

    @Test
    void missingProgramsAreNotFound() {
        assertThat(ProgramPath.find("parley-no-such-program")).isEmpty();
        assertThat(ProgramPath.find("/nonexistent/espeak-ng")).isEmpty();
    }
}
