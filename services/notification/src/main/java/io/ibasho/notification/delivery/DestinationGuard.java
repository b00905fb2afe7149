package io.ibasho.notification.delivery;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Stops the service from being used to reach internal systems (SSRF) through a partner's webhook URL.
 *
 * <p>Check a partner's endpoint when it is registered and again before every delivery (DNS can change), then
 * connect only to the addresses returned in {@link DestinationVerdict.Allowed} and never follow redirects: a
 * redirect is a new, unchecked destination.
 *
 * <p>Every address a name resolves to must pass, not just the first: the HTTP client may pick any of them.
 */
public final class DestinationGuard {
    private static final Set<AddressCategory> DEVELOPMENT_EXTRAS =
            EnumSet.of(AddressCategory.LOOPBACK, AddressCategory.PRIVATE, AddressCategory.UNIQUE_LOCAL);
    private static final Pattern DOTTED_QUAD = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    /** No top-level domain is numeric, so a host ending in a numeric label is an IP address in some notation. */
    private static final Pattern NUMERIC_LAST_LABEL = Pattern.compile("(?i)(?:^|.*\\.)(?:0x[0-9a-f]*|[0-9]+)\\.?$");

    private final HostResolver resolver;
    private final boolean allowPrivateForDevelopment;

    /**
     * @param allowPrivateForDevelopment also allow loopback and private addresses, so a developer can point a
     *                                   partner at a local receiver. Dev and test profiles only. Link-local
     *                                   (cloud metadata), CGNAT and the rest stay blocked even then.
     */
    public DestinationGuard(HostResolver resolver, boolean allowPrivateForDevelopment) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.allowPrivateForDevelopment = allowPrivateForDevelopment;
    }

    public static DestinationGuard forProduction() {
        return new DestinationGuard(HostResolver.SYSTEM, false);
    }

    public DestinationVerdict check(URI uri) {
        if (uri == null || !uri.isAbsolute() || uri.isOpaque() || !"https".equalsIgnoreCase(uri.getScheme())) {
            return refused(uri, DestinationVerdict.Reason.NOT_HTTPS, "only https URLs are allowed");
        }
        if (uri.getRawUserInfo() != null) {
            return refused(uri, DestinationVerdict.Reason.CREDENTIALS_IN_URL, "user info in URL");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return refused(uri, DestinationVerdict.Reason.MALFORMED, "no host");
        }

        String normalisedHost = host.toLowerCase(Locale.ROOT);
        if (isAmbiguousNumeric(normalisedHost)) {
            return refused(uri, DestinationVerdict.Reason.AMBIGUOUS_NUMERIC_HOST, host);
        }

        List<InetAddress> addresses;
        try {
            addresses = addressesOf(normalisedHost);
        } catch (UnknownHostException e) {
            return refused(uri, DestinationVerdict.Reason.UNRESOLVABLE, host);
        }
        if (addresses.isEmpty()) {
            return refused(uri, DestinationVerdict.Reason.UNRESOLVABLE, host + " has no addresses");
        }
        for (InetAddress address : addresses) {
            AddressCategory category = AddressCategory.of(address);
            if (!isAllowed(category)) {
                return refused(
                        uri,
                        DestinationVerdict.Reason.BLOCKED_ADDRESS,
                        host + " resolves to " + address.getHostAddress() + " (" + category + ")");
            }
        }
        return new DestinationVerdict.Allowed(uri, addresses);
    }

    private boolean isAllowed(AddressCategory category) {
        return category == AddressCategory.PUBLIC
                || (allowPrivateForDevelopment && DEVELOPMENT_EXTRAS.contains(category));
    }

    private List<InetAddress> addressesOf(String host) throws UnknownHostException {
        if (host.startsWith("[")) {
            if (!host.endsWith("]") || host.indexOf(':') < 0) {
                throw new UnknownHostException(host);
            }
            // Contains ':', so the JDK parses it as an IPv6 literal and never asks DNS.
            return List.of(InetAddress.getByName(host.substring(1, host.length() - 1)));
        }
        if (DOTTED_QUAD.matcher(host).matches()) {
            String[] octets = host.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                bytes[i] = (byte) Integer.parseInt(octets[i]);
            }
            return List.of(InetAddress.getByAddress(bytes));
        }
        return List.copyOf(resolver.resolve(host));
    }

    private static boolean isAmbiguousNumeric(String host) {
        return !host.startsWith("[")
                && !DOTTED_QUAD.matcher(host).matches()
                && NUMERIC_LAST_LABEL.matcher(host).matches();
    }

    private static DestinationVerdict refused(URI uri, DestinationVerdict.Reason reason, String detail) {
        return new DestinationVerdict.Refused(uri, reason, detail);
    }
}
