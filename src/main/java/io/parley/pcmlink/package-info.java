/**
 * The PCM link between a gateway and its bridge in another process ({@code parley gateway} and
 * {@code parley bridge}): the datagram ({@link io.parley.pcmlink.PcmDatagram}, see
 * docs/pcm-protocol.md), its signature across hosts ({@link io.parley.pcmlink.PcmHmac}), each end's
 * rules for whom it hears ({@link io.parley.pcmlink.PcmLink}), the receiver that drops and counts
 * what breaks them ({@link io.parley.pcmlink.PcmReceiver}), the transmitter, and the bridge's end of
 * such a leg ({@link io.parley.pcmlink.PcmLegSide}). Uses {@code leg}, {@code audio} and
 * {@code media}; knows nothing of RTP legs or bridges.
 */
package io.parley.pcmlink;
