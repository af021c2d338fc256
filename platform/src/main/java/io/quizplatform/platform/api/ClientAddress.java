package io.quizplatform.platform.api;

import io.quizplatform.platform.ServiceSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The address of the client behind a request, for rate limits. {@code X-Forwarded-For} is believed only when the
 * direct peer is one of {@code TRUSTED_PROXIES} (addresses or IPv4 ranges such as {@code 10.42.0.0/16}: the
 * ingress controller's pod network); otherwise anyone could pick their own address and escape the limit.
 * {@link #subscriberOf} counts an IPv6 client by its /64, the block one subscriber gets (by its whole address it would
 * have 2^64 of them): for the accounts' limits; a game's joins count by the address and, with a larger limit, by the
 * /64 ({@link #subscriber}), as a classroom on IPv6 Wi-Fi shares one /64.
 */
@ApplicationScoped
public class ClientAddress {

    @Inject
    ServiceSettings settings;

    private volatile Set<String> trusted;

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        Set<String> trusted = this.trusted;
        if (trusted == null) {
            trusted = Arrays.stream(settings.get("trusted.proxies", "").split(","))
                    .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
            this.trusted = trusted;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && trusted.stream().anyMatch(t -> matches(t, peer))) {
            String[] hops = forwarded.split(",");
            String client = hops[hops.length - 1].strip();
            if (!client.isEmpty() && client.length() <= 45) {
                return client;
            }
        }
        return peer;
    }

    /** The client's address, an IPv6 one as its /64. */
    public String subscriberOf(HttpServletRequest request) {
        return subscriber(of(request));
    }

    private static final java.util.regex.Pattern IPV6_LITERAL = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]+");

    /** An IPv6 address as its /64 ({@code 2001:db8:1:2::/64}); anything else as it is. */
    public static String subscriber(String address) {
        // Only a literal is parsed: InetAddress would look a name up in the DNS.
        if (address == null || address.indexOf(':') < 0 || !IPV6_LITERAL.matcher(address).matches()) {
            return address;
        }
        try {
            java.net.InetAddress parsed = java.net.InetAddress.getByName(address);
            if (!(parsed instanceof java.net.Inet6Address)) {
                return parsed.getHostAddress(); // an IPv4-mapped address is the IPv4 client
            }
            byte[] bytes = parsed.getAddress();
            StringBuilder block = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                block.append(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF))).append(':');
            }
            return block.append(":/64").toString();
        } catch (java.net.UnknownHostException e) {
            return address;
        }
    }

    /** An exact address, or an IPv4 CIDR range. */
    static boolean matches(String trusted, String peer) {
        if (!trusted.contains("/")) {
            return trusted.equals(peer);
        }
        String[] parts = trusted.split("/", 2);
        try {
            int bits = Integer.parseInt(parts[1]);
            Long network = ipv4(parts[0]);
            Long address = ipv4(peer);
            if (network == null || address == null || bits < 0 || bits > 32) {
                return false;
            }
            long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
            return (network & mask) == (address & mask);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Long ipv4(String address) {
        String[] octets = address.split("\\.");
        if (octets.length != 4) {
            return null;
        }
        long value = 0;
        for (String octet : octets) {
            int o = Integer.parseInt(octet);
            if (o < 0 || o > 255) {
                return null;
            }
            value = (value << 8) | o;
        }
        return value;
    }
}
