package io.parley.config;

/**
 * One row of the port plan: a component uses a port with a protocol in a direction for a purpose.
 *
 * @param bridge    the bridge the component belongs to
 * @param component e.g. {@code gateway 3333} or {@code translation bridge}
 * @param label     a short name for messages, e.g. {@code RTP in}
 * @param field     the configuration field that sets the port, e.g. {@code bridges[0].legs[0].rtp.in}
 * @param bound     whether this component binds the port; rows with {@code false} describe the
 *                  component sending to a port its peer binds (the plan lists both ends, so each
 *                  side of a link shows what it talks to)
 */
public record PlannedPort(
        int port,
        Protocol protocol,
        Direction direction,
        Kind kind,
        String bridge,
        String component,
        String label,
        String purpose,
        String field,
        boolean bound) {

    public enum Protocol {
        UDP,
        TCP
    }

    /** What the port carries: the groups of the plan's range summary, and what a firewall rule names. */
    public enum Kind {
        RTP("Asterisk RTP"),
        PCM("PCM UDP"),
        EXTERNAL_MEDIA("ExternalMedia UDP"),
        AUDIO_SOCKET("AudioSocket TCP"),
        DASHBOARD("HTTP/WebSocket"),
        FEED("TCP metrics feed");

        private final String title;

        Kind(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    public enum Direction {
        IN("IN"),
        OUT("OUT"),
        IN_OUT("IN/OUT"),
        LISTEN("Listen");

        private final String text;

        Direction(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** How messages name this row: {@code bridges[0] (3333-4444) gateway 3333 RTP in}. */
    public String describe() {
        int cut = field.indexOf('.');
        String owner = cut < 0 ? field : field.substring(0, cut);
        return owner + " (" + bridge + ") " + component + " " + label;
    }
}
