package io.ibasho.notification.delivery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Sorts an IP address into the ranges that matter for SSRF. Only {@link #PUBLIC} is a destination for partner
 * webhooks; development may also reach {@link #LOOPBACK}, {@link #PRIVATE} and {@link #UNIQUE_LOCAL}.
 *
 * <p>Works on the raw bytes rather than {@link InetAddress#isSiteLocalAddress()} and friends: those miss CGNAT,
 * unique-local IPv6 and IPv4 addresses embedded in IPv6 ones.
 */
public enum AddressCategory {
    PUBLIC,
    /** 127/8, ::1. */
    LOOPBACK,
    /** 10/8, 172.16/12, 192.168/16, and the deprecated IPv6 site-local fec0::/10. */
    PRIVATE,
    /** fc00::/7, IPv6's private range. */
    UNIQUE_LOCAL,
    /** 169.254/16 (where cloud metadata services live), fe80::/10. */
    LINK_LOCAL,
    /** 100.64/10, carrier-grade NAT: the provider's internal network. */
    CGNAT,
    /** 0/8 and ::, which Linux connects to the local host. */
    UNSPECIFIED,
    /** 224/4, ff00::/8. */
    MULTICAST,
    /** Protocol, documentation, benchmarking and future-use ranges, and Teredo tunnels: nothing a partner runs on. */
    RESERVED;

    private record Range(byte[] network, int prefixLength, AddressCategory category) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int remainingBits = prefixLength % 8;
            if (remainingBits == 0) {
                return true;
            }
            int mask = (0xFF << (8 - remainingBits)) & 0xFF;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }

    private static final List<Range> IPV4 = List.of(
            v4("0.0.0.0", 8, UNSPECIFIED),
            v4("10.0.0.0", 8, PRIVATE),
            v4("100.64.0.0", 10, CGNAT),
            v4("127.0.0.0", 8, LOOPBACK),
            v4("169.254.0.0", 16, LINK_LOCAL),
            v4("172.16.0.0", 12, PRIVATE),
            v4("192.0.0.0", 24, RESERVED),
            v4("192.0.2.0", 24, RESERVED),
            v4("192.168.0.0", 16, PRIVATE),
            v4("198.18.0.0", 15, RESERVED),
            v4("198.51.100.0", 24, RESERVED),
            v4("203.0.113.0", 24, RESERVED),
            v4("224.0.0.0", 4, MULTICAST),
            v4("240.0.0.0", 4, RESERVED));

    private static final List<Range> IPV6 = List.of(
            v6("00000000000000000000000000000000", 128, UNSPECIFIED),
            v6("00000000000000000000000000000001", 128, LOOPBACK),
            v6("01000000000000000000000000000000", 64, RESERVED),
            v6("20010000000000000000000000000000", 32, RESERVED),
            v6("20010db8000000000000000000000000", 32, RESERVED),
            v6("fc000000000000000000000000000000", 7, UNIQUE_LOCAL),
            v6("fe800000000000000000000000000000", 10, LINK_LOCAL),
            v6("fec00000000000000000000000000000", 10, PRIVATE),
            v6("ff000000000000000000000000000000", 8, MULTICAST));

    /**
     * IPv6 ranges that carry an IPv4 address (byte offset given): IPv4-mapped ::ffff:0:0/96, IPv4-compatible ::/96,
     * NAT64 64:ff9b::/96 and 64:ff9b:1::/48, and 6to4 2002::/16. The IPv4 address inside decides.
     */
    private record Embedding(Range range, int ipv4Offset) {}

    private static final List<Embedding> IPV4_IN_IPV6 = List.of(
            new Embedding(v6("00000000000000000000ffff00000000", 96, PUBLIC), 12),
            new Embedding(v6("00000000000000000000000000000000", 96, PUBLIC), 12),
            new Embedding(v6("0064ff9b000000000000000000000000", 96, PUBLIC), 12),
            new Embedding(v6("0064ff9b000100000000000000000000", 48, PUBLIC), 12),
            new Embedding(v6("20020000000000000000000000000000", 16, PUBLIC), 2));

    public static AddressCategory of(InetAddress address) {
        return of(address.getAddress());
    }

    static AddressCategory of(byte[] address) {
        if (address.length == 4) {
            return firstMatch(IPV4, address);
        }
        AddressCategory direct = firstMatch(IPV6, address);
        if (direct != PUBLIC) {
            return direct;
        }
        for (Embedding embedding : IPV4_IN_IPV6) {
            if (embedding.range().contains(address)) {
                return of(Arrays.copyOfRange(address, embedding.ipv4Offset(), embedding.ipv4Offset() + 4));
            }
        }
        return PUBLIC;
    }

    private static AddressCategory firstMatch(List<Range> ranges, byte[] address) {
        return ranges.stream()
                .filter(r -> r.contains(address))
                .map(Range::category)
                .findFirst()
                .orElse(PUBLIC);
    }

    private static Range v4(String dotted, int prefixLength, AddressCategory category) {
        try {
            // A dotted-quad literal: parsed, never looked up.
            return new Range(((Inet4Address) InetAddress.getByName(dotted)).getAddress(), prefixLength, category);
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static Range v6(String hex, int prefixLength, AddressCategory category) {
        return new Range(HexFormat.of().parseHex(hex), prefixLength, category);
    }
}
