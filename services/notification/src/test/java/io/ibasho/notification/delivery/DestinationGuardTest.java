package io.ibasho.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationGuardTest {
    private static final String PUBLIC_V4 = "93.184.216.34";
    private static final String PUBLIC_V6 = "2606:2800:220:1:248:1893:25c8:1946";

    /** A fake DNS: partner.example resolves to whatever the test says, anything unknown fails. */
    private static HostResolver dns(Map<String, List<String>> records) {
        return host -> {
            List<String> addresses = records.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            return addresses.stream().map(DestinationGuardTest::literal).toList();
        };
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address); // literals only: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static DestinationVerdict checkResolvingTo(String... addresses) {
        return new DestinationGuard(dns(Map.of("partner.example", List.of(addresses))), false)
                .check(URI.create("https://partner.example/hooks/ibasho"));
    }

    private static DestinationVerdict.Reason refusal(DestinationVerdict verdict) {
        assertThat(verdict).isInstanceOf(DestinationVerdict.Refused.class);
        return ((DestinationVerdict.Refused) verdict).reason();
    }

    @Test
    void allowsAnHttpsEndpointOnPublicAddressesAndPinsThem() {
        DestinationVerdict verdict = checkResolvingTo(PUBLIC_V4, PUBLIC_V6);

        assertThat(verdict).isInstanceOf(DestinationVerdict.Allowed.class);
        assertThat(((DestinationVerdict.Allowed) verdict).addresses())
                .containsExactly(literal(PUBLIC_V4), literal(PUBLIC_V6));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "127.0.0.1, LOOPBACK",
        "127.255.255.254, LOOPBACK",
        "10.0.0.1, PRIVATE",
        "10.255.255.255, PRIVATE",
        "172.16.0.1, PRIVATE",
        "172.31.255.255, PRIVATE",
        "192.168.1.1, PRIVATE",
        "169.254.169.254, LINK_LOCAL",
        "169.254.0.1, LINK_LOCAL",
        "100.64.0.1, CGNAT",
        "100.127.255.255, CGNAT",
        "0.0.0.0, UNSPECIFIED",
        "0.1.2.3, UNSPECIFIED",
        "224.0.0.1, MULTICAST",
        "255.255.255.255, RESERVED",
        "198.18.0.1, RESERVED",
        "::1, LOOPBACK",
        "::, UNSPECIFIED",
        "fc00::1, UNIQUE_LOCAL",
        "fd12:3456:789a::1, UNIQUE_LOCAL",
        "fe80::1, LINK_LOCAL",
        "fec0::1, PRIVATE",
        "ff02::1, MULTICAST",
        "::ffff:127.0.0.1, LOOPBACK",
        "::ffff:10.0.0.1, PRIVATE",
        "::ffff:169.254.169.254, LINK_LOCAL",
        "::ffff:100.64.0.1, CGNAT",
        "::ffff:0.0.0.0, UNSPECIFIED",
        "::127.0.0.1, LOOPBACK",
        "64:ff9b::a9fe:a9fe, LINK_LOCAL",
        "2002:7f00:1::, LOOPBACK",
        "2001::1, RESERVED",
    })
    void refusesEveryNonPublicRange(String address, AddressCategory expected) {
        assertThat(AddressCategory.of(literal(address))).isEqualTo(expected);
        assertThat(refusal(checkResolvingTo(address))).isEqualTo(DestinationVerdict.Reason.BLOCKED_ADDRESS);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "172.15.255.255",
                "172.32.0.1",
                "100.63.255.255",
                "100.128.0.1",
                "169.253.255.255",
                "11.0.0.1",
                "192.169.0.1",
                "8.8.8.8",
                "2001:4860:4860::8888",
                "::ffff:8.8.8.8",
                "64:ff9b::808:808"
            })
    void theNeighboursOfBlockedRangesArePublic(String address) {
        assertThat(AddressCategory.of(literal(address))).isEqualTo(AddressCategory.PUBLIC);
        assertThat(checkResolvingTo(address).isAllowed()).isTrue();
    }

    @Test
    void ipv4MappedAddressesAreCaughtEvenAsRawIpv6Objects() throws Exception {
        // InetAddress.getByName quietly turns ::ffff:a.b.c.d into an Inet4Address; a resolver may not.
        byte[] mapped = HexFormat.of().parseHex("00000000000000000000ffffa9fea9fe");
        InetAddress raw = Inet6Address.getByAddress(null, mapped, -1);

        assertThat(raw).isInstanceOf(Inet6Address.class);
        assertThat(AddressCategory.of(raw)).isEqualTo(AddressCategory.LINK_LOCAL);
    }

    @Test
    void oneBlockedAddressAmongPublicOnesRefusesTheWholeHost() {
        assertThat(refusal(checkResolvingTo(PUBLIC_V4, "10.0.0.5", PUBLIC_V6)))
                .isEqualTo(DestinationVerdict.Reason.BLOCKED_ADDRESS);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/hook",
                "https://[::1]/hook",
                "https://[::ffff:127.0.0.1]/hook",
                "https://169.254.169.254/latest/meta-data/",
                "https://[fd00::1]:8443/hook",
                "https://0.0.0.0/"
            })
    void refusesIpLiteralsWithoutAskingTheResolver(String url) {
        HostResolver noDns = host -> {
            throw new AssertionError("an IP literal must not be resolved: " + host);
        };

        assertThat(refusal(new DestinationGuard(noDns, false).check(URI.create(url))))
                .isEqualTo(DestinationVerdict.Reason.BLOCKED_ADDRESS);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://2130706433/",
                "https://0x7f000001/",
                "https://0x7f.0.0.1/",
                "https://127.1/",
                "https://0177.0.0.1/",
                "https://127.000.000.001/",
                "https://127.0.0.1./"
            })
    void refusesNumericHostsThatClientsReadDifferently(String url) {
        // java.net.URI already yields no host for some of these (MALFORMED); the guard catches the rest.
        assertThat(refusal(new DestinationGuard(dns(Map.of()), true).check(URI.create(url))))
                .isIn(DestinationVerdict.Reason.AMBIGUOUS_NUMERIC_HOST, DestinationVerdict.Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://partner.example/hook",
                "ftp://partner.example/",
                "file:///etc/passwd",
                "//partner.example/hook",
                "mailto:someone@partner.example"
            })
    void refusesAnythingButHttps(String url) {
        assertThat(refusal(new DestinationGuard(dns(Map.of("partner.example", List.of(PUBLIC_V4))), false)
                        .check(URI.create(url))))
                .isEqualTo(DestinationVerdict.Reason.NOT_HTTPS);
    }

    @Test
    void refusesCredentialsInTheUrl() {
        assertThat(refusal(new DestinationGuard(dns(Map.of("partner.example", List.of(PUBLIC_V4))), false)
                        .check(URI.create("https://user:pw@partner.example/hook"))))
                .isEqualTo(DestinationVerdict.Reason.CREDENTIALS_IN_URL);
    }

    @Test
    void refusesUnresolvableHosts() {
        assertThat(refusal(new DestinationGuard(dns(Map.of()), false).check(URI.create("https://nowhere.example/"))))
                .isEqualTo(DestinationVerdict.Reason.UNRESOLVABLE);
        assertThat(refusal(checkResolvingTo())).isEqualTo(DestinationVerdict.Reason.UNRESOLVABLE);
    }

    @Test
    void refusesLocalhostByWhatItResolvesTo() {
        var guard = new DestinationGuard(dns(Map.of("localhost", List.of("127.0.0.1", "::1"))), false);

        assertThat(refusal(guard.check(URI.create("https://localhost:8443/hook"))))
                .isEqualTo(DestinationVerdict.Reason.BLOCKED_ADDRESS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "10.1.2.3", "172.17.0.2", "192.168.0.10", "fd00::5"})
    void developmentModeAllowsLoopbackAndPrivate(String address) {
        var guard = new DestinationGuard(dns(Map.of("receiver.local", List.of(address))), true);

        assertThat(guard.check(URI.create("https://receiver.local/hook")).isAllowed())
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "fe80::1", "100.64.0.1", "0.0.0.0", "224.0.0.1"})
    void developmentModeStillBlocksMetadataCgnatAndTheRest(String address) {
        var guard = new DestinationGuard(dns(Map.of("receiver.local", List.of(address))), true);

        assertThat(refusal(guard.check(URI.create("https://receiver.local/hook"))))
                .isEqualTo(DestinationVerdict.Reason.BLOCKED_ADDRESS);
    }

    @Test
    void developmentModeStillRequiresHttps() {
        var guard = new DestinationGuard(dns(Map.of("localhost", List.of("127.0.0.1"))), true);

        assertThat(refusal(guard.check(URI.create("http://localhost:8080/hook"))))
                .isEqualTo(DestinationVerdict.Reason.NOT_HTTPS);
    }
}
