package io.parley.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /proc/net} as Linux writes it (lines of a 6.x kernel), read from a copy. */
class SocketTableTest {

    @Test
    void readsEachSocketsPortStateInodeAndTheDatagramsTheKernelDroppedForIt(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("net/udp"), """
                   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
                  123: 0100007F:0FB4 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4242 2 0000000000000000 17
                  124: 0100007F:0FB5 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4243 2 0000000000000000 0
                """);
        Files.writeString(proc.resolve("net/tcp"), """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 0100007F:0BCC 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5151 1 0000000000000000 100 0 0 10 0
                """);

        SocketTable table = SocketTable.read(proc);

        assertThat(table.find("udp", 4020)).hasValueSatisfying(s -> {
            assertThat(s.inode()).isEqualTo(4242);
            assertThat(s.drops()).isEqualTo(17);
        });
        assertThat(table.find("udp", 4021))
                .hasValueSatisfying(s -> assertThat(s.drops()).isZero());
        assertThat(table.find("tcp", 3020)).hasValueSatisfying(s -> {
            assertThat(s.listening()).isTrue();
            assertThat(s.drops()).as("no such column for TCP").isZero();
        });
        assertThat(table.find("udp", 9999)).isEmpty();
    }
}
