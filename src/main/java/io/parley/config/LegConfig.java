package io.parley.config;

import java.util.Optional;

/**
 * One side of a bridge: the Asterisk extension, the caller's language (ISO 639-1), the audio
 * format on the wire, the leg's ports, who may send it RTP, and the ringing tone its caller hears
 * while waiting for the other leg.
 *
 * @param remote   the address, address and port, or network the caller's RTP must come from; empty:
 *                 any source (an ARI-driven leg still takes only the address Asterisk gave for the call)
 * @param toneZone the waiting tone's zone; by default the zone of the leg's language
 */
public record LegConfig(
        String extension, String language, Codec codec, LegPorts ports, Optional<SourcePin> remote, ToneZone toneZone) {

    /** A leg open to any source, with the waiting tone of its language. */
    public LegConfig(String extension, String language, Codec codec, LegPorts ports) {
        this(extension, language, codec, ports, Optional.empty(), ToneZone.forLanguage(language));
    }

    /** The same leg on other ports. */
    public LegConfig withPorts(LegPorts other) {
        return new LegConfig(extension, language, codec, other, remote, toneZone);
    }

    /** The same leg with another codec. */
    public LegConfig withCodec(Codec other) {
        return new LegConfig(extension, language, other, ports, remote, toneZone);
    }
}
