package io.parley.monitor;

import io.parley.config.MonitorSettings;
import io.parley.config.Secret;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may read the dashboards, the status API, the WebSocket and the TCP feed.
 *
 * <p>The rules: a configured token is always required (also on loopback, so the check itself can
 * be tested there); without a token the monitor must bind a loopback address, and then it also
 * refuses requests whose {@code Host} is not a loopback name, which keeps a web page on another
 * site from reaching it through DNS rebinding. A browser's WebSocket must come from the
 * dashboard's own origin or from one of {@link MonitorSettings#allowedOrigins()}.
 */
public final class AccessPolicy {
    /** How long a feed client has, in all, to send its {@code AUTH} line. */
    public static final int FEED_AUTH_SECONDS = 5;

    /** The outcome of a check, with the HTTP status that goes with a refusal. */
    public enum Decision {
        ALLOW(200, ""),
        MISSING_TOKEN(401, "a token is required: send 'Authorization: Bearer <token>' or add ?token=<token>"),
        FEED_MISSING_TOKEN(
                401,
                "a token is required: send 'AUTH <token>' and a newline as the first line, within " + FEED_AUTH_SECONDS
                        + " s of connecting"),
        WRONG_TOKEN(401, "the token does not match monitor.token"),
        FOREIGN_HOST(403, "Host is not a loopback name; without a token the monitor answers only on loopback names"),
        FOREIGN_ORIGIN(403, "WebSocket Origin is neither this dashboard nor one of monitor.allowedOrigins");

        private final int status;
        private final String reason;

        Decision(int status, String reason) {
            this.status = status;
            this.reason = reason;
        }

        public int status() {
            return status;
        }

        public String reason() {
            return reason;
        }

        public boolean allowed() {
            return this == ALLOW;
        }
    }

    private final String bind;
    private final Optional<byte[]> token;
    private final List<String> allowedOrigins;

    private AccessPolicy(String bind, Optional<byte[]> token, List<String> allowedOrigins) {
        this.bind = bind;
        this.token = token;
        this.allowedOrigins = allowedOrigins;
    }

    /**
     * The policy for a monitor bound to {@code bind}.
     *
     * @throws MonitorStartException when {@code bind} is not a loopback address and no token is
     *                               configured, or when {@code bind} does not resolve
     */
    public static AccessPolicy of(String bind, MonitorSettings settings) {
        Optional<byte[]> token = settings.token()
                .map(Secret::value)
                .filter(v -> !v.isBlank())
                .map(v -> v.getBytes(StandardCharsets.UTF_8));
        if (token.isEmpty() && !isLoopback(bind)) {
            throw new MonitorStartException("monitor: bind is " + bind + ", which is not a loopback address, and"
                    + " monitor.token is not set: dashboards, /status, /metrics and the feeds would be open to the"
                    + " network. Set monitor.token (clients send 'Authorization: Bearer <token>', ?token=<token>,"
                    + " or 'AUTH <token>' on the feed), or bind 127.0.0.1.");
        }
        List<String> origins = settings.allowedOrigins().stream()
                .map(AccessPolicy::normaliseOrigin)
                .toList();
        return new AccessPolicy(bind, token, origins);
    }

    public boolean tokenRequired() {
        return token.isPresent();
    }

    /** Checks a page or API request. {@code authorization} and {@code tokenParam} may be null. */
    public Decision checkHttp(String host, String authorization, String tokenParam) {
        if (token.isEmpty()) {
            return isLoopbackHost(host) ? Decision.ALLOW : Decision.FOREIGN_HOST;
        }
        String presented = bearer(authorization);
        if (presented == null) {
            presented = tokenParam;
        }
        if (presented == null || presented.isEmpty()) {
            return Decision.MISSING_TOKEN;
        }
        return matches(presented) ? Decision.ALLOW : Decision.WRONG_TOKEN;
    }

    /** Checks a WebSocket upgrade: as {@link #checkHttp}, and the browser's {@code Origin} if it sent one. */
    public Decision checkWebSocket(String host, String origin, String authorization, String tokenParam) {
        Decision d = checkHttp(host, authorization, tokenParam);
        if (!d.allowed()) {
            return d;
        }
        // Non-browser clients send no Origin; they hold the token (or run on this host) anyway.
        if (origin == null || origin.isEmpty()) {
            return Decision.ALLOW;
        }
        String o = normaliseOrigin(origin);
        if (host != null
                && (o.equals("http://" + host.toLowerCase(Locale.ROOT))
                        || o.equals("https://" + host.toLowerCase(Locale.ROOT)))) {
            return Decision.ALLOW;
        }
        return allowedOrigins.contains(o) ? Decision.ALLOW : Decision.FOREIGN_ORIGIN;
    }

    /** Checks the first line a feed client sent ({@code AUTH <token>}), or null if it sent none in time. */
    public Decision checkFeed(String firstLine) {
        if (token.isEmpty()) {
            return Decision.ALLOW;
        }
        if (firstLine == null || !firstLine.startsWith("AUTH ")) {
            return Decision.FEED_MISSING_TOKEN;
        }
        return matches(firstLine.substring(5).strip()) ? Decision.ALLOW : Decision.WRONG_TOKEN;
    }

    private boolean matches(String presented) {
        return MessageDigest.isEqual(token.orElseThrow(), presented.getBytes(StandardCharsets.UTF_8));
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).strip();
    }

    private boolean isLoopbackHost(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty()) {
            return true; // HTTP/1.0 without Host: not a browser, so not a rebinding attack
        }
        String name = hostName(hostHeader);
        if (name.equals("localhost") || name.endsWith(".localhost") || name.equalsIgnoreCase(bind)) {
            return true;
        }
        return isLiteralLoopback(name);
    }

    private static String hostName(String hostHeader) {
        String h = hostHeader.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    /** Only literal addresses: a Host name is never resolved, since resolving it is what rebinding abuses. */
    private static boolean isLiteralLoopback(String name) {
        return name.matches("127(\\.\\d{1,3}){3}") || name.equals("::1") || name.equals("0:0:0:0:0:0:0:1");
    }

    /** Whether {@code bind} names a loopback address (127.0.0.0/8, ::1, localhost). */
    public static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new MonitorStartException(
                    "monitor: bind address '" + bind + "' does not resolve: " + e.getMessage()
                            + "; use an IP address such as 127.0.0.1",
                    e);
        }
    }

    private static String normaliseOrigin(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        while (o.endsWith("/")) {
            o = o.substring(0, o.length() - 1);
        }
        try {
            URI u = URI.create(o);
            // Browsers omit default ports in Origin; do the same for configured ones.
            if (("http".equals(u.getScheme()) && u.getPort() == 80)
                    || ("https".equals(u.getScheme()) && u.getPort() == 443)) {
                return u.getScheme() + "://" + u.getHost();
            }
        } catch (IllegalArgumentException e) {
            return o;
        }
        return o;
    }
}
