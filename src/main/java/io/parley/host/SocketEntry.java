package io.parley.host;

/**
 * One socket from {@code /proc/net/{udp,udp6,tcp,tcp6}}.
 *
 * @param protocol {@code udp} or {@code tcp}
 * @param listening for TCP, whether it is in LISTEN state; for UDP always true (bound)
 * @param drops    for UDP, datagrams the kernel dropped for this socket (its receive buffer was full);
 *                 0 for TCP
 */
public record SocketEntry(
        String protocol, String localAddress, int localPort, boolean listening, long inode, long drops) {}
