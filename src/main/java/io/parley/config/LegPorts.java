package io.parley.config;

import java.util.List;

/** The ports of one leg; which ones depends on the bridge's topology. */
public sealed interface LegPorts {

    /** Every port of the leg, in plan order. */
    List<Integer> all();

    /**
     * A gateway: RTP from Asterisk arrives on {@code rtpIn}, RTP to Asterisk leaves from
     * {@code rtpOut} (or from {@code rtpIn} when {@code symmetric}); PCM goes to the bridge on
     * {@code pcmToBridge} and comes back on {@code pcmFromBridge}.
     *
     * @param gatewayHost the IP address the gateway runs at, where the bridge sends and the only one
     *                    it accepts PCM from; empty: the bind address
     * @param bridgeHost  the IP address the bridge runs at, for the gateway; empty: the bind address
     */
    record Gateway(
            int rtpIn,
            int rtpOut,
            boolean symmetric,
            int pcmToBridge,
            int pcmFromBridge,
            String gatewayHost,
            String bridgeHost)
            implements LegPorts {

        /** Gateway and bridge both at the bind address. */
        public Gateway(int rtpIn, int rtpOut, boolean symmetric, int pcmToBridge, int pcmFromBridge) {
            this(rtpIn, rtpOut, symmetric, pcmToBridge, pcmFromBridge, "", "");
        }

        /** A symmetric gateway sends from {@code rtpIn}; {@code rtpOut} is then 0 and not bound. */
        public static Gateway symmetric(int rtpIn, int pcmToBridge, int pcmFromBridge) {
            return new Gateway(rtpIn, 0, true, pcmToBridge, pcmFromBridge);
        }

        /** The same ports with the gateway and the bridge at these addresses (empty: the bind address). */
        public Gateway at(String gateway, String bridge) {
            return new Gateway(rtpIn, rtpOut, symmetric, pcmToBridge, pcmFromBridge, gateway, bridge);
        }

        /** The port RTP to Asterisk leaves from. */
        public int rtpSend() {
            return symmetric ? rtpIn : rtpOut;
        }

        @Override
        public List<Integer> all() {
            return symmetric
                    ? List.of(rtpIn, pcmToBridge, pcmFromBridge)
                    : List.of(rtpIn, rtpOut, pcmToBridge, pcmFromBridge);
        }
    }

    /**
     * Asterisk ExternalMedia straight into the bridge: {@code media} carries the caller's audio in
     * and what the caller hears out; {@code translated} carries only the translated speech for
     * this caller, to whatever RTP peer latches onto it (a recorder, a second channel).
     */
    record ExternalMedia(int media, int translated) implements LegPorts {
        @Override
        public List<Integer> all() {
            return List.of(media, translated);
        }
    }

    /** Asterisk's AudioSocket: parley listens on {@code tcp}; Asterisk connects. */
    record AudioSocket(int tcp) implements LegPorts {
        @Override
        public List<Integer> all() {
            return List.of(tcp);
        }
    }
}
