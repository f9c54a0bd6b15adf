package io.parley.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may send RTP to a leg: one address ({@code 10.0.0.5}), one address and port
 * ({@code 10.0.0.5:4000}, {@code [::1]:4000}) or a network ({@code 10.0.0.0/24}, {@code fd00::/64}).
 * Written as literal addresses only: a host name would make the check depend on DNS.
 *
 * @param network      the address, or the network's first address
 * @param prefixLength bits of {@code network} that must match (32 or 128 for one address)
 * @param port         the one port allowed, or 0 for any
 */
public record SourcePin(InetAddress network, int prefixLength, int port) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    public SourcePin {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix /" + prefixLength + " is outside 0.." + bits);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
    }

    /**
     * Parses {@code text}; empty with the reason in {@code problem[0]} when it is not one of the
     * accepted forms.
     */
    public static Optional<SourcePin> parse(String text, String[] problem) {
        String t = text.strip();
        try {
            int slash = t.indexOf('/');
            if (slash >= 0) {
                InetAddress net = literal(t.substring(0, slash));
                int prefix = Integer.parseInt(t.substring(slash + 1));
                int bits = net.getAddress().length * 8;
                if (prefix < 0 || prefix > bits) {
                    problem[0] = "network prefix /" + prefix + " is outside 0.." + bits;
                    return Optional.empty();
                }
                return Optional.of(new SourcePin(net, prefix, 0));
            }
            if (t.startsWith("[")) {
                int close = t.indexOf("]:");
                if (close < 0) {
                    problem[0] = "write an IPv6 address with a port as [ADDRESS]:PORT";
                    return Optional.empty();
                }
                return Optional.ofNullable(withPort(literal(t.substring(1, close)), t.substring(close + 2), problem));
            }
            int colon = t.lastIndexOf(':');
            if (colon > 0 && t.indexOf(':') == colon) {
                return Optional.ofNullable(withPort(literal(t.substring(0, colon)), t.substring(colon + 1), problem));
            }
            InetAddress one = literal(t);
            return Optional.of(new SourcePin(one, one.getAddress().length * 8, 0));
        } catch (NumberFormatException | UnknownHostException e) {
            problem[0] = "'" + t + "' is not an address, ADDRESS:PORT or NETWORK/PREFIX (e.g. 127.0.0.1,"
                    + " 10.0.0.5:4000, 10.0.0.0/24)";
            return Optional.empty();
        }
    }

    private static SourcePin withPort(InetAddress address, String port, String[] problem) {
        int p = Integer.parseInt(port);
        if (p < 1 || p > 65535) {
            problem[0] = "port " + p + " is outside 1..65535";
            return null;
        }
        return new SourcePin(address, address.getAddress().length * 8, p);
    }

    private static InetAddress literal(String text) throws UnknownHostException {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            throw new UnknownHostException(text);
        }
        return InetAddress.getByName(text);
    }

    /** Whether {@code source} may send. No allocation for IPv4 (per packet on the receiving thread). */
    public boolean matches(InetSocketAddress source) {
        if (port != 0 && source.getPort() != port) {
            return false;
        }
        InetAddress address = source.getAddress();
        if (address == null) {
            return false;
        }
        if (address instanceof Inet4Address && network instanceof Inet4Address) {
            // An IPv4 address's hash code is its 32 bits: no copy of the address bytes.
            int mask = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
            return (address.hashCode() & mask) == (network.hashCode() & mask);
        }
        byte[] want = network.getAddress();
        byte[] have = address.getAddress();
        if (want.length != have.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (want[i] != have[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (want[full] & mask) == (have[full] & mask);
    }

    @Override
    public String toString() {
        String host = network.getHostAddress();
        if (prefixLength != network.getAddress().length * 8) {
            return host + "/" + prefixLength;
        }
        if (port == 0) {
            return host;
        }
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
