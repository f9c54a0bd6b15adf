package io.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Free ports come from below the kernel's ephemeral range, from this fork's slice, distinct and bindable. */
class FreePortsTest {

    @Test
    void portsAreDistinctBindableAndOutsideTheEphemeralRange() throws Exception {
        int ephemeral = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                .getFirst()
                .trim()
                .split("\\s+")[0]);
        if (System.getProperty("parley.repo") != null) {
            assertThat(Integer.getInteger("parley.test.fork"))
                    .as("the pom tells each test JVM its fork number: " + System.getProperty("parley.test.fork"))
                    .isBetween(1, 64);
        }
        int fork = Integer.getInteger("parley.test.fork", 0);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int udp = FreePorts.udp();
            int tcp = FreePorts.tcp();
            for (int port : new int[] {udp, tcp}) {
                assertThat(seen.add(port)).as("port %d handed out once", port).isTrue();
                assertThat(port).as("below the ephemeral range").isBetween(21_000, ephemeral - 1);
                if (fork >= 1 && fork <= 3) {
                    int from = 21_000 + (fork - 1) * 3_500;
                    assertThat(port).as("in fork %d's slice", fork).isBetween(from, from + 3_499);
                }
            }
            try (DatagramSocket u = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), udp));
                    ServerSocket t = new ServerSocket(tcp, 1, InetAddress.getLoopbackAddress())) {
                assertThat(u.getLocalPort()).isEqualTo(udp);
                assertThat(t.getLocalPort()).isEqualTo(tcp);
            }
        }
    }

    @Test
    void aPortSomeoneHoldsIsNotHandedOut() throws Exception {
        int first = FreePorts.udp();
        // The next ports in turn, held: none of them may come back.
        Set<DatagramSocket> held = new HashSet<>();
        try {
            for (int p = first + 1; p < first + 6; p++) {
                held.add(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), p)));
            }
            int next = FreePorts.udp();
            assertThat(next < first + 1 || next > first + 5)
                    .as("%d is none of the held %d-%d", next, first + 1, first + 5)
                    .isTrue();
        } finally {
            held.forEach(DatagramSocket::close);
        }
    }

    @Test
    void aBlockIsFreeForBothProtocols() throws Exception {
        int base = FreePorts.block(8);
        for (int p = base; p < base + 8; p++) {
            try (DatagramSocket u = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
                    ServerSocket t = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                assertThat(u.getLocalPort()).isEqualTo(t.getLocalPort());
            }
        }
    }
}
