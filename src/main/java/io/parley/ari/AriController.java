package io.parley.ari;

import io.parley.config.AriSettings;
import io.parley.event.EventBus;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * parley's side of ARI, assembled: the REST client, the events WebSocket (kept open, reconnecting
 * with backoff) and the switchboard that puts callers into the legs of {@code legs}. Connection
 * state is published on {@code bus} as {@code AriState}, calls as {@code CallEvent}.
 *
 * <pre>{@code
 * try (AriController ari = AriController.start(settings, legs, bus)) { ... }
 * }</pre>
 */
public final class AriController implements AutoCloseable {
    /** Timeout of each REST request and of the WebSocket handshake. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    public static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final AriEventStream stream;
    private final AriClient client;

    private AriController(AriClient client, AriEventStream stream) {
        this.client = client;
        this.stream = stream;
    }

    /** Connects (in the background: Asterisk may come later) and starts taking calls. */
    public static AriController start(AriSettings settings, LegDirectory legs, EventBus bus) {
        return start(settings, legs, bus, Backoff.standard(), TIMEOUT, KEEP_ALIVE);
    }

    public static AriController start(
            AriSettings settings,
            LegDirectory legs,
            EventBus bus,
            Backoff backoff,
            Duration timeout,
            Duration keepAlive) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        AriClient client = new AriClient(settings, http, timeout);
        Switchboard switchboard = new Switchboard(client, legs, bus);
        AriEventStream stream = new AriEventStream(settings, http, timeout, keepAlive, backoff, bus, switchboard);
        stream.start();
        return new AriController(client, stream);
    }

    public AriClient client() {
        return client;
    }

    public boolean connected() {
        return stream.connected();
    }

    /** Stops listening. Calls in progress are left to Asterisk; the next start cleans them up. */
    @Override
    public void close() {
        stream.close();
    }
}
