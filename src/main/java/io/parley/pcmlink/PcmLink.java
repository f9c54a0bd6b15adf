package io.parley.pcmlink;

import io.parley.config.BridgeConfig;
import io.parley.config.LegConfig;
import io.parley.config.LegPorts;
import io.parley.config.PcmSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;

/**
 * One end of a leg's gateway-bridge PCM link: the peer it sends to, which is also the only
 * address and port it accepts PCM from, and the keys of both directions when the configuration
 * has a secret ({@code pcm.secret}). See {@code docs/pcm-protocol.md}.
 */
public record PcmLink(InetSocketAddress peer, Optional<SecretKeySpec> sendKey, Optional<SecretKeySpec> receiveKey) {

    /** The bridge's end: it hears the gateway's {@code pcm.fromBridge} socket and sends to it. */
    public static PcmLink bridgeEnd(BridgeConfig bridge, LegConfig leg, String bind, PcmSettings settings) {
        LegPorts.Gateway p = (LegPorts.Gateway) leg.ports();
        return of(
                bridge,
                leg,
                address(p.gatewayHost(), bind, p.pcmFromBridge()),
                settings,
                PcmHmac.Direction.FROM_BRIDGE,
                PcmHmac.Direction.TO_BRIDGE);
    }

    /** The gateway's end: it hears the bridge's {@code pcm.toBridge} socket and sends to it. */
    public static PcmLink gatewayEnd(BridgeConfig bridge, LegConfig leg, String bind, PcmSettings settings) {
        LegPorts.Gateway p = (LegPorts.Gateway) leg.ports();
        return of(
                bridge,
                leg,
                address(p.bridgeHost(), bind, p.pcmToBridge()),
                settings,
                PcmHmac.Direction.TO_BRIDGE,
                PcmHmac.Direction.FROM_BRIDGE);
    }

    /** An unsigned link to {@code peer}. */
    public static PcmLink unsigned(InetSocketAddress peer) {
        return new PcmLink(peer, Optional.empty(), Optional.empty());
    }

    private static PcmLink of(
            BridgeConfig bridge,
            LegConfig leg,
            InetSocketAddress peer,
            PcmSettings settings,
            PcmHmac.Direction send,
            PcmHmac.Direction receive) {
        return new PcmLink(
                peer,
                settings.secret().map(s -> PcmHmac.derive(s.value(), bridge.name(), leg.extension(), send)),
                settings.secret().map(s -> PcmHmac.derive(s.value(), bridge.name(), leg.extension(), receive)));
    }

    /**
     * The peer's address: the configured host, else this process's bind address; a wildcard bind
     * sends over loopback (and datagrams sent that way arrive from 127.0.0.1).
     */
    static InetSocketAddress address(String host, String bind, int port) {
        String h = host.isEmpty() ? bind : host;
        try {
            InetAddress a = InetAddress.getByName(h); // the configuration holds IP literals: no lookup
            return new InetSocketAddress(a.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : a, port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("PCM peer '" + h + "' is not an IP address", e);
        }
    }

    /** Whether datagrams are signed (the configuration has a secret). */
    public boolean signed() {
        return sendKey.isPresent();
    }

    /** A new signer for this end's sending direction. */
    public PcmSigner signer() {
        return sendKey.map(PcmHmac::signer).orElse(PcmSigner.NONE);
    }

    /** A new verifier for this end's receiving direction. */
    public PcmVerifier verifier() {
        return receiveKey.map(PcmHmac::verifier).orElse(PcmVerifier.NONE);
    }

    @Override
    public String toString() {
        return "PcmLink[" + peer + (signed() ? ", signed]" : ", unsigned]");
    }
}
