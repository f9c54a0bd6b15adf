package io.parley.config;

import java.util.Optional;

/**
 * The gateway-bridge PCM links (see {@code docs/pcm-protocol.md}). With a {@code secret} every
 * datagram is signed and checked (required when a gateway and its bridge are on different hosts,
 * or when parley binds a non-loopback address); without one the links rely on the address check
 * alone, which is enough on loopback.
 */
public record PcmSettings(Optional<Secret> secret) {
    public static final PcmSettings DEFAULT = new PcmSettings(Optional.empty());
    /** Shorter secrets are refused: an HMAC key should carry at least 128 bits. */
    public static final int MIN_SECRET_BYTES = 16;
}
