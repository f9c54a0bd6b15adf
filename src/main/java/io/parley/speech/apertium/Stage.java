package io.parley.speech.apertium;

import java.nio.file.Path;
import java.util.List;

/** One program of an Apertium pipeline with its arguments, e.g. {@code lt-proc -z eng-spa.automorf.bin}. */
record Stage(List<String> command) {

    Stage {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a stage needs a program");
        }
    }

    String program() {
        return command.getFirst();
    }

    /** The program and its last file argument, short enough for a log line. */
    String describe() {
        String last = command.getLast();
        return last.startsWith("/") && command.size() > 1
                ? program() + " " + Path.of(last).getFileName()
                : program();
    }
}
