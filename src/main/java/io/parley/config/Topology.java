package io.parley.config;

/** How a bridge's legs reach Asterisk. */
public enum Topology {
    /** RTP to a gateway per leg, PCM over UDP between gateways and the bridge (the default plan's 3333/4444 and 5555/6666). */
    GATEWAY("gateway"),
    /** Asterisk ExternalMedia RTP straight into the bridge (the default plan's 7777/8888). */
    EXTERNALMEDIA("externalmedia"),
    /** Asterisk AudioSocket over TCP, parley listening. */
    AUDIOSOCKET("audiosocket");

    private final String key;

    Topology(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
