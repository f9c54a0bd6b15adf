package io.parley.ari;

import io.parley.config.Codec;

/**
 * Where the media of one extension goes: the leg that takes the calls to {@code extension}.
 *
 * @param bridge       name of the bridge the leg belongs to
 * @param extension    the extension callers dial, e.g. {@code 3333}
 * @param externalHost {@code host:port} that Asterisk sends the caller's RTP to: the gateway's RTP
 *                     in port (4000-4003, 4020-4023) or the ExternalMedia bridge's media port (7000, 7002)
 * @param codec        the format on the wire both ways; Asterisk's name of it is the {@code format}
 * @param partner      the extension of the other leg of the same bridge
 * @throws IllegalArgumentException for slin16: Asterisk silently drops slin16 RTP it receives on
 *                                  ExternalMedia (asterisk/documentation issue #142), so the caller would hear nothing
 */
public record LegBinding(String bridge, String extension, String externalHost, Codec codec, String partner) {

    public LegBinding {
        if (!codec.asteriskAcceptsInbound()) {
            throw new IllegalArgumentException(
                    "leg " + extension + " of bridge '" + bridge + "' sends " + codec.asteriskName()
                            + " to Asterisk, which drops " + codec.asteriskName()
                            + " RTP received on ExternalMedia (the caller would"
                            + " hear nothing): set the leg's codec to ulaw, alaw or slin");
        }
        int colon = externalHost.lastIndexOf(':');
        if (colon <= 0 || colon == externalHost.length() - 1) {
            throw new IllegalArgumentException("leg " + extension + " of bridge '" + bridge + "': external host '"
                    + externalHost + "' must be host:port, e.g. 127.0.0.1:4020");
        }
    }

    /** The ExternalMedia {@code format} parameter. */
    public String format() {
        return codec.asteriskName();
    }
}
