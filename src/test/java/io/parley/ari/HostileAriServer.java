package io.parley.ari;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An ARI events endpoint that misbehaves on purpose: it completes each WebSocket handshake, sends
 * the frames it was given (raw bytes of text frames, valid or not), then drops the connection.
 * Written on a plain socket, because a real server would refuse to send invalid UTF-8.
 */
final class HostileAriServer implements AutoCloseable {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final List<byte[]> frames;
    private final AtomicInteger handshakes = new AtomicInteger();
    private final List<Long> handshakeNanos = new CopyOnWriteArrayList<>();
    private final Thread thread;

    /** @param frames payloads of the text frames sent after each handshake, before the drop */
    HostileAriServer(List<byte[]> frames) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.frames = frames;
        this.thread = Thread.ofPlatform().daemon().name("hostile-ari").start(this::serve);
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    int handshakes() {
        return handshakes.get();
    }

    /** When each upgrade request arrived ({@link System#nanoTime()}), in order. */
    List<Long> handshakeTimes() {
        return List.copyOf(handshakeNanos);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                String key = handshake(s.getInputStream());
                handshakeNanos.add(System.nanoTime());
                if (key == null) {
                    continue;
                }
                OutputStream out = s.getOutputStream();
                String accept = Base64.getEncoder()
                        .encodeToString(MessageDigest.getInstance("SHA-1")
                                .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                handshakes.incrementAndGet();
                for (byte[] payload : frames) {
                    out.write(textFrame(payload));
                }
                out.flush();
                s.shutdownOutput();
            } catch (IOException | NoSuchAlgorithmException e) {
                // closed, or the client went away
            }
        }
    }

    /** Reads the upgrade request; its Sec-WebSocket-Key, or null. */
    private static String handshake(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1; ) {
            head.write(b);
            String h = head.toString(StandardCharsets.US_ASCII);
            if (h.endsWith("\r\n\r\n")) {
                for (String line : h.split("\r\n")) {
                    if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                        return line.substring(line.indexOf(':') + 1).strip();
                    }
                }
                return null;
            }
        }
        return null;
    }

    static byte[] textFrame(byte[] payload) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x81); // FIN, text
        if (payload.length < 126) {
            f.write(payload.length);
        } else if (payload.length < 65_536) {
            f.write(126);
            f.write(payload.length >> 8);
            f.write(payload.length);
        } else {
            f.write(127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) ((long) payload.length >> (8 * i)));
            }
        }
        f.writeBytes(payload);
        return f.toByteArray();
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
