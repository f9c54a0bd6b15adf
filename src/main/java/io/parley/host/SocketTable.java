package io.parley.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of the host's sockets and their owning processes, read from {@code /proc}.
 * Taken once per check; cheap enough for a command, never used on a media path.
 */
public final class SocketTable {
    private static final String TCP_LISTEN = "0A";

    private final List<SocketEntry> sockets;
    private final Map<Long, PortHolder> holders;

    SocketTable(List<SocketEntry> sockets, Map<Long, PortHolder> holders) {
        this.sockets = List.copyOf(sockets);
        this.holders = Map.copyOf(holders);
    }

    /** Reads {@code /proc/net} and every visible process's file descriptors. */
    public static SocketTable read() {
        return read(Path.of("/proc"));
    }

    static SocketTable read(Path proc) {
        List<SocketEntry> sockets = new ArrayList<>();
        for (String file : List.of("udp", "udp6", "tcp", "tcp6")) {
            parse(proc.resolve("net").resolve(file), file.startsWith("udp") ? "udp" : "tcp", sockets);
        }
        return new SocketTable(sockets, owners(proc));
    }

    /** The socket bound to {@code port} for {@code protocol} (for TCP: listening), if any. */
    public Optional<SocketEntry> find(String protocol, int port) {
        return sockets.stream()
                .filter(s -> s.protocol().equals(protocol) && s.localPort() == port && s.listening())
                .findFirst();
    }

    /** Who holds the socket, or {@link PortHolder#unknown()} when its process is not visible. */
    public PortHolder holderOf(SocketEntry socket) {
        return holders.getOrDefault(socket.inode(), PortHolder.unknown());
    }

    /** Who holds {@code port}, if anyone. */
    public Optional<PortHolder> holderOf(String protocol, int port) {
        return find(protocol, port).map(this::holderOf);
    }

    private static void parse(Path file, String protocol, List<SocketEntry> out) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return; // no IPv6, or not Linux: nothing bound there
        }
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            String[] local = f[1].split(":");
            int port = Integer.parseInt(local[1], 16);
            boolean listening = protocol.equals("udp") || TCP_LISTEN.equals(f[3]);
            long drops = protocol.equals("udp") && f.length > 12 ? Long.parseLong(f[12]) : 0;
            out.add(new SocketEntry(protocol, local[0], port, listening, Long.parseLong(f[9]), drops));
        }
    }

    private static Map<Long, PortHolder> owners(Path proc) {
        Map<Long, PortHolder> owners = new HashMap<>();
        try (DirectoryStream<Path> pids =
                Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path pidDir : pids) {
                PortHolder holder = null;
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(pidDir.resolve("fd"))) {
                    for (Path fd : fds) {
                        String target;
                        try {
                            target = Files.readSymbolicLink(fd).toString();
                        } catch (IOException e) {
                            continue;
                        }
                        if (target.startsWith("socket:[")) {
                            if (holder == null) {
                                holder = describe(pidDir);
                            }
                            owners.put(Long.parseLong(target.substring(8, target.length() - 1)), holder);
                        }
                    }
                } catch (IOException | SecurityException e) {
                    // another user's process, or it just exited
                }
            }
        } catch (IOException e) {
            return owners;
        }
        return owners;
    }

    private static PortHolder describe(Path pidDir) {
        long pid = Long.parseLong(pidDir.getFileName().toString());
        String name = readText(pidDir.resolve("comm")).strip();
        String cmdline = readText(pidDir.resolve("cmdline")).replace('\0', ' ').strip();
        return new PortHolder(pid, name.isEmpty() ? "pid " + pid : name, cmdline);
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
