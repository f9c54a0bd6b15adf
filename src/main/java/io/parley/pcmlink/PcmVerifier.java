package io.parley.pcmlink;

/**
 * Decides whether a well-formed PCM datagram is authentic: on a link with a secret it checks the
 * signed trailer and the replay window ({@link PcmHmac}); on a link without one it refuses signed
 * datagrams, which mean the two ends were configured differently.
 *
 * <p>Threading contract: one receiving thread (the socket's reactor thread).
 */
@FunctionalInterface
public interface PcmVerifier {
    /** A link without a secret: unsigned datagrams pass, signed ones are refused. */
    PcmVerifier NONE = view -> view.signed() ? PcmDatagram.Problem.UNEXPECTED_SIGNATURE : null;

    /** Null when the datagram {@code view} was just parsed from is to be played, else why not. */
    PcmDatagram.Problem verify(PcmDatagram view);
}
