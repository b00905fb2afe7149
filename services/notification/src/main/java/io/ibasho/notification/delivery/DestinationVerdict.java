package io.ibasho.notification.delivery;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/** Whether an outgoing request may go to a URL, and if so to which addresses. */
public sealed interface DestinationVerdict {

    /**
     * The URL may be called, but only by connecting to one of {@code addresses}: resolving the name again would
     * let a DNS answer that changed in between (DNS rebinding) point the request at an internal address.
     */
    record Allowed(URI uri, List<InetAddress> addresses) implements DestinationVerdict {
        public Allowed {
            addresses = List.copyOf(addresses);
        }
    }

    record Refused(URI uri, Reason reason, String detail) implements DestinationVerdict {}

    enum Reason {
        /** Not an absolute https URL with a host. */
        NOT_HTTPS,
        MALFORMED,
        /** user:password@ in the URL: confusing to read, and credentials belong in headers. */
        CREDENTIALS_IN_URL,
        /** A host like 2130706433, 0x7f.1 or 127.1 that HTTP clients read differently; never a real DNS name. */
        AMBIGUOUS_NUMERIC_HOST,
        UNRESOLVABLE,
        /** At least one address the host resolves to is not public (or not allowed in development). */
        BLOCKED_ADDRESS
    }

    default boolean isAllowed() {
        return this instanceof Allowed;
    }
}
