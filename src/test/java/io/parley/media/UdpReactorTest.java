package io.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class UdpReactorTest {
    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    @Test
    void deliversDatagramsFromManySocketsWithTheirSources() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        try (UdpReactor reactor = new UdpReactor("test", 2);
                DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            UdpEndpoint a = reactor.bind(
                    ANY_LOOPBACK,
                    (d, from, t) -> got.add("a:" + new String(d.array(), 0, d.limit()) + "@" + from.getPort()));
            UdpEndpoint b = reactor.bind(
                    ANY_LOOPBACK,
                    (d, from, t) -> got.add("b:" + new String(d.array(), 0, d.limit()) + "@" + from.getPort()));
            for (int i = 0; i < 100; i++) {
                peer.send(new DatagramPacket(("x" + i).getBytes(), ("x" + i).length(), a.localAddress()));
                peer.send(new DatagramPacket(("y" + i).getBytes(), ("y" + i).length(), b.localAddress()));
            }
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 200);
            assertThat(got).contains("a:x0@" + peer.getLocalPort(), "b:y99@" + peer.getLocalPort());
            a.close();
            b.close();
        }
    }

    @Test
    void sendsFromTheBoundPortSoRepliesReachIt() throws Exception {
        try (UdpReactor reactor = new UdpReactor("test", 1);
                DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            UdpEndpoint e = reactor.bind(ANY_LOOPBACK, (d, from, t) -> {});
            assertThat(e.send(ByteBuffer.wrap("hello".getBytes()), (InetSocketAddress) peer.getLocalSocketAddress()))
                    .isTrue();
            DatagramPacket p = new DatagramPacket(new byte[100], 100);
            peer.setSoTimeout(5000);
            peer.receive(p);
            assertThat(new String(p.getData(), 0, p.getLength())).isEqualTo("hello");
            assertThat(p.getPort()).isEqualTo(e.localAddress().getPort());
        }
    }

    @Test
    void aThrowingReceiverLosesOnlyThatDatagram() throws Exception {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        try (UdpReactor reactor = new UdpReactor("test", 1);
                DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            UdpEndpoint e = reactor.bind(ANY_LOOPBACK, (d, from, t) -> {
                if (d.limit() == 1) {
                    throw new IllegalArgumentException("bad");
                }
                sizes.add(d.limit());
            });
            peer.send(new DatagramPacket(new byte[1], 1, e.localAddress()));
            peer.send(new DatagramPacket(new byte[5], 5, e.localAddress()));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sizes.contains(5));
            assertThat(e.receiverFailures()).isEqualTo(1);
        }
    }

    @Test
    void bindingATakenPortFailsAndLeavesNothingOpen() throws Exception {
        try (UdpReactor reactor = new UdpReactor("test", 1);
                DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Assertions.assertThatThrownBy(() ->
                            reactor.bind(new InetSocketAddress("127.0.0.1", taken.getLocalPort()), (d, f, t) -> {}))
                    .isInstanceOf(BindException.class);
        }
    }
}
