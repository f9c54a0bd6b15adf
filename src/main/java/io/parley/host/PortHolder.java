package io.parley.host;

/**
 * The process holding a socket. {@code pid} is -1 when the socket exists but its process cannot
 * be seen (another user's, without the rights to read its file descriptors).
 */
public record PortHolder(long pid, String name, String commandLine) {

    public static PortHolder unknown() {
        return new PortHolder(-1, "unknown process", "");
    }

    /** Whether the holder is a parley process (the jar or its main class on the command line). */
    public boolean isParley() {
        return commandLine.contains("io.parley.cli.Main") || commandLine.contains("parley.jar");
    }

    @Override
    public String toString() {
        return pid < 0 ? name : name + " (pid " + pid + ")";
    }
}
