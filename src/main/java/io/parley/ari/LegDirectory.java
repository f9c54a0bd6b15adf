package io.parley.ari;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The media side as the call flows see it; implemented by the bridges.
 *
 * <p>Threading: all three methods are called on the ARI event thread, one at a time; they must
 * return quickly (hand work to the media side, never block on it). They are never called from a
 * media thread.
 */
public interface LegDirectory {

    /** The leg that takes calls to {@code extension}, or empty when no bridge has that extension. */
    Optional<LegBinding> find(String extension);

    /**
     * A caller on {@code extension} is answered and their ExternalMedia channel exists: the leg takes
     * RTP from, and sends the caller's audio to, {@code media} (the channel's
     * {@code UNICASTRTP_LOCAL_ADDRESS}/{@code _PORT}) from now on, whether or not a packet has come;
     * empty when Asterisk did not say, and the leg learns the source from the RTP it receives. Until
     * its partner's leg is connected too, the bridge is WAITING: the caller hears the waiting tone.
     */
    void callerConnected(String extension, String channelId, Optional<InetSocketAddress> media);

    /** The caller on {@code extension} is gone (hung up, failed or lost); the leg takes the next call. */
    void callerGone(String extension);
}
