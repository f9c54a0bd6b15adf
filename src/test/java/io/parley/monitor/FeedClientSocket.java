package io.parley.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A plain socket client of a TCP metrics feed, as a user's script would be. */
final class FeedClientSocket implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    final Socket socket;
    final BufferedReader in;
    /** Raw lines read by {@link #readInBackground}; parsing waits for the assertions, to keep up with the feed. */
    final List<String> received = new CopyOnWriteArrayList<>();

    private Thread reader;

    FeedClientSocket(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(5000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    FeedClientSocket(int port) throws IOException {
        this(port, 0);
    }

    void send(String line) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next line as JSON; fails on timeout or end of stream. */
    JsonNode next() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("feed closed the connection");
        }
        return JSON.readTree(line);
    }

    /** Reads every line on a thread of its own into {@link #received}, until the feed closes. */
    void readInBackground() {
        reader = Thread.ofVirtual().start(() -> {
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    received.add(line);
                }
            } catch (IOException e) {
                // closed
            }
        });
    }

    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("feed sent a line that is not JSON: " + line, e);
        }
    }

    /** Reads until the feed closes the connection; returns how many bytes came before the end. */
    long drainToEnd() throws IOException {
        long n = 0;
        var raw = socket.getInputStream();
        byte[] buf = new byte[64 * 1024];
        for (int r; (r = raw.read(buf)) != -1; ) {
            n += r;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        if (reader != null) {
            reader.interrupt();
        }
    }
}
