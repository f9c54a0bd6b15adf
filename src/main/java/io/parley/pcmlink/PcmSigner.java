package io.parley.pcmlink;

/**
 * Makes a written PCM datagram ready to send on its link: on a link with a secret it appends the
 * signed trailer ({@link PcmHmac}); on a link without one it leaves the datagram as it is.
 *
 * <p>Threading contract: one sending thread at a time, like the transmitter that owns it.
 */
@FunctionalInterface
public interface PcmSigner {
    /** Leaves datagrams unsigned: the link has no secret. */
    PcmSigner NONE = (datagram, length) -> length;

    /**
     * Signs the datagram of {@code length} bytes at the start of {@code datagram}, which has room
     * for {@link PcmDatagram#TRAILER} more, and returns the length to send.
     */
    int sign(byte[] datagram, int length);
}
