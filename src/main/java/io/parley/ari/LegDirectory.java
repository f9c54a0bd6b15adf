package io.parley.ari;

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
     * A caller on {@code extension} is now bridged to the leg's media port: RTP can flow. Until its
     * partner's leg is connected too, the bridge is WAITING and translates nothing.
     */
    void callerConnected(String extension, String channelId);

    /** The caller on {@code extension} is gone (hung up, failed or lost); the leg takes the next call. */
    void callerGone(String extension);
}
