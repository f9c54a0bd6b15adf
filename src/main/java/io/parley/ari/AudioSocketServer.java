package io.parley.ari;

import io.parley.media.TimeSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for Asterisk's AudioSocket connections ({@code AudioSocket(uuid,host:port)} in the
 * dialplan, or ExternalMedia with {@code encapsulation=audiosocket}) and gives the media side one
 * {@link AudioSocketSession} per connection.
 *
 * <p>A connection must send its UUID within {@code handshake}; a malformed frame closes that
 * connection with a log line naming the fault, never the server. Each connection has a reading and
 * a writing virtual thread.
 */
public final class AudioSocketServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AudioSocketServer.class);

    /** What the media side hears of sessions. Called on the session's reading thread: return quickly. */
    public interface Listener {
        void opened(AudioSocketSession session);

        void closed(AudioSocketSession session, String reason);
    }

    private final InetSocketAddress bind;
    private final int sampleRate;
    private final int queueFrames;
    private final Duration handshake;
    private final Listener listener;
    private final TimeSource time;
    private final Set<AudioSocketSession> sessions = ConcurrentHashMap.newKeySet();
    private ServerSocket server;

    /**
     * @param sampleRate  8000 for the dialplan application (always slin), or the rate of the
     *                    ExternalMedia format (16000 for slin16)
     * @param queueFrames capacity of each direction's queue, in 20 ms frames
     */
    public AudioSocketServer(
            InetSocketAddress bind, int sampleRate, int queueFrames, Duration handshake, Listener listener) {
        this(bind, sampleRate, queueFrames, handshake, listener, TimeSource.SYSTEM);
    }

    /** The same with the time that paces the frames each session sends (virtual time in tests). */
    public AudioSocketServer(
            InetSocketAddress bind,
            int sampleRate,
            int queueFrames,
            Duration handshake,
            Listener listener,
            TimeSource time) {
        AudioSocketKind.audioAt(sampleRate);
        this.time = time;
        this.bind = bind;
        this.sampleRate = sampleRate;
        this.queueFrames = queueFrames;
        this.handshake = handshake;
        this.listener = listener;
    }

    public synchronized AudioSocketServer start() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(bind);
        server = s;
        Thread.ofVirtual().name("audiosocket-accept-" + s.getLocalPort()).start(this::acceptLoop);
        LOG.info("AudioSocket listening on {} ({} Hz)", s.getLocalSocketAddress(), sampleRate);
        return this;
    }

    public int port() {
        return server.getLocalPort();
    }

    public Set<AudioSocketSession> sessions() {
        return Set.copyOf(sessions);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().name("audiosocket-read").start(() -> serve(socket));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("AudioSocket accept on {} failed: {}", bind, e.toString());
                }
            }
        }
    }

    private void serve(Socket socket) {
        String peer = String.valueOf(socket.getRemoteSocketAddress());
        AudioSocketSession session = null;
        String reason;
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) handshake.toMillis());
            AudioSocketReader reader = new AudioSocketReader(socket.getInputStream());
            AudioSocketReader.Outcome first = reader.next();
            if (first != AudioSocketReader.Outcome.FRAME) {
                LOG.warn(
                        "AudioSocket connection from {} closed: {}",
                        peer,
                        first == AudioSocketReader.Outcome.END ? "it ended before sending its UUID" : reader.problem());
                return;
            }
            ByteBuffer id = ByteBuffer.wrap(reader.payload(), 0, 16);
            session =
                    new AudioSocketSession(new UUID(id.getLong(), id.getLong()), socket, sampleRate, queueFrames, time);
            socket.setSoTimeout(0);
            sessions.add(session);
            listener.opened(session);
            Thread.ofVirtual().name("audiosocket-write-" + session.uuid()).start(session::writeLoop);
            reason = readLoop(reader, session);
            session.closeWith(reason); // before the socket closes, so that the writer's failure is not the reason
        } catch (SocketTimeoutException e) {
            reason = "no UUID within " + handshake.toMillis() + " ms";
            LOG.warn("AudioSocket connection from {} closed: {}", peer, reason);
        } catch (SocketException e) {
            reason = session != null && !session.open() ? session.closeReason() : "connection lost: " + e.getMessage();
        } catch (IOException e) {
            reason = "connection lost: " + e.getMessage();
            LOG.warn("AudioSocket connection from {} closed: {}", peer, reason);
        }
        if (session != null) {
            session.closeWith(reason);
            sessions.remove(session);
            listener.closed(session, session.closeReason());
        }
    }

    private String readLoop(AudioSocketReader reader, AudioSocketSession session) throws IOException {
        while (true) {
            switch (reader.next()) {
                case END -> {
                    return "Asterisk closed the connection";
                }
                case MALFORMED -> {
                    String reason = "malformed frame: " + reader.problem();
                    LOG.warn("{} closed: {}", session, reason);
                    return reason;
                }
                case FRAME -> {
                    AudioSocketKind kind = reader.kind();
                    if (kind == AudioSocketKind.HANGUP) {
                        return "Asterisk hung up";
                    }
                    if (kind == AudioSocketKind.ERROR) {
                        int code = reader.length() > 0 ? reader.payload()[0] & 0xff : 0;
                        return String.format(
                                "Asterisk reported error 0x%02x (0x01 caller hung up, 0x02 frame forwarding,"
                                        + " 0x04 memory)",
                                code);
                    }
                    if (kind == AudioSocketKind.DTMF) {
                        session.receivedDtmf(reader.payload()[0]);
                    } else if (kind.audio()) {
                        session.received(reader.payload(), reader.length());
                    }
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // Closing is best effort.
        }
        for (AudioSocketSession s : sessions) {
            s.close();
        }
    }
}
