package io.ibasho.gateway;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything the gateway can be told. Route URLs have no default outside %dev: a gateway without them must not start. */
@ConfigMapping(prefix = "ibasho.gateway")
public interface GatewayConfig {
    Routes routes();

    /** Largest request body the gateway forwards; larger ones are answered 413 without reaching a service. */
    @WithDefault("64K")
    MemorySize maxBodySize();

    /** How long a service may stay silent (connecting or answering) before the gateway answers 504. */
    @WithDefault("30s")
    Duration upstreamTimeout();

    /** How long opening a new connection to a service may take (TCP connect). */
    @WithDefault("5s")
    Duration connectTimeout();

    /**
     * Connections the gateway keeps open to each service. Vert.x' default is 5: under a rush, 59 of 64 requests queued
     * in the gateway for one of them, and those that waited longer than the connect timeout were answered 504 although
     * the service was fine (docs/benchmarks.md, round 13).
     */
    @WithDefault("64")
    int upstreamConnections();

    /**
     * How long a request may wait for one of a service's connections when all are busy; then the gateway answers 503
     * {@code upstream-busy} with Retry-After, and the request never reached the service.
     */
    @WithDefault("10s")
    Duration upstreamQueueWait();

    /** Requests that may wait for a service's connections at once; one more is answered 503 {@code upstream-busy}. */
    @WithDefault("1024")
    int upstreamQueueSize();

    RateLimit rateLimit();

    /** The gateway's copy of the anonymous public list of sessions (docs/adr/0055). */
    PublicList publicList();

    interface PublicList {
        /** Query strings (filters, page) kept at once; 0 switches the copy off (every request asks the event service). */
        @WithDefault("100")
        int maxEntries();

        /** A larger answer is relayed and not kept. */
        @WithDefault("128K")
        MemorySize maxBytes();
    }

    /** Where the quick-exit button goes: a neutral, everyday page. */
    @WithDefault("https://tenki.jp/")
    String quickExitUrl();

    Audit audit();

    /**
     * Addresses or CIDR blocks of the proxies (the ingress controller) whose X-Forwarded-* headers are believed; prod
     * copies it into quarkus.http.proxy.trusted-proxies. Required, with no default in prod: left empty, Quarkus would
     * believe the headers from anyone, so that anyone could choose her own per-address rate-limit bucket.
     */
    List<String> trustedProxies();

    Browser browser();

    /** Audit trail of organisers' and staff's access to personal data (see docs/security.md "Audit log"). */
    interface Audit {
        @WithDefault("true")
        boolean enabled();

        /** Paths with personal data (each prefix matches itself and everything below it): rosters, childcare notes. */
        @WithDefault("/api/registrations,/api/childcare")
        List<String> pathPrefixes();

        /** Whose access is recorded (realm roles in the token). */
        @WithDefault("organiser,childcare-staff,admin")
        List<String> roles();
    }

    /** Browser login (quarkus-oidc web-app on the default tenant, client ibasho-gateway). */
    interface Browser {
        /** Where a browser goes after logging out (a signed-out page on this gateway: same origin, CSP form-action 'self'). */
        @WithDefault("/bye")
        String postLogoutPath();

        /** Where a browser lands after logging in. */
        @WithDefault("/")
        String landingPath();

        /**
         * How long the quick exit waits for both sessions to end before it sends her away anyway: the page she is
         * hiding must not stay on screen while Keycloak is slow. The ending goes on after the answer.
         */
        @WithDefault("2s")
        Duration quickExitWait();

        /** Keycloak's back-channel logout; by default the issuer's own ({@code quarkus.oidc.auth-server-url}). */
        Optional<String> endSessionUrl();

        /**
         * How long Keycloak's answer that a browser session is still open holds before the next of her requests asks
         * again: a session ended elsewhere (another replica, an admin, a password reset) is refused within this time.
         * 0 asks on every request. Her own replica refuses a session it ended at once, without asking.
         */
        @WithDefault("5s")
        Duration sessionCheckInterval();

        /** How long a page waits for that answer before the local checks decide alone. */
        @WithDefault("2s")
        Duration sessionCheckWait();

        /** Keycloak's userinfo endpoint, asked about her session; by default the issuer's own. */
        Optional<String> sessionCheckUrl();
    }

    interface Routes {
        Route event();

        Route registration();

        Route childcareBooking();

        Route notification();
    }

    interface Route {
        /** Base URL of the service (scheme, host, port); the request path is forwarded unchanged. */
        URI url();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /**
         * Limited requests, each "METHOD /path/prefix" (the prefix matches itself and everything below it). Booking,
         * applying and account actions: writes to registration, childcare-booking and notification.
         */
        @WithDefault("POST /api/registrations,PUT /api/registrations,DELETE /api/registrations,"
                + "POST /api/childcare,PUT /api/childcare,DELETE /api/childcare,"
                + "POST /api/notifications,PUT /api/notifications,DELETE /api/notifications,"
                + "POST /app/recover")
        List<String> limited();

        /** Per signed-in person (the sub of a bearer token whose signature the gateway verified). */
        Bucket perUser();

        /** Per client address; generous, because shelters, Tor exits and mobile carriers put many people behind one. */
        Bucket perIp();

        /**
         * Stricter limits for account actions that send an e-mail or check a code: changing her e-mail address (a code
         * is mailed to any address typed in, so unlimited it would let anyone use Ibasho to flood a stranger's inbox)
         * and confirming the code (guessing). These requests also count against the general limits above.
         */
        Account account();

        interface Account {
            /** Each "METHOD /path/prefix"; the default prefix covers /api/notifications/preferences/email and its /verify. */
            @WithDefault("POST /api/notifications/preferences/email")
            List<String> limited();

            Bucket perUser();

            Bucket perIp();
        }

        /**
         * How many gateway replicas share these limits. Each replica counts in its own memory and allows
         * capacity/replicas of every bucket, so that the whole platform never allows more than the configured limit
         * (docs/adr/0012). Kubernetes sets it to the Deployment's replica count; a capacity that would fall below one
         * request per replica refuses to start.
         */
        @WithDefault("1")
        int replicas();

        /** Upper bound of remembered keys, so that a flood of fresh addresses cannot exhaust memory. */
        @WithDefault("100000")
        int maxKeys();

        interface Bucket {
            /** Burst size: this many requests at once, refilled evenly over refill-period (defaults in application.properties). */
            int capacity();

            Duration refillPeriod();
        }
    }
}
