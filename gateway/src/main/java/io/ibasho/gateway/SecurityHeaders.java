package io.ibasho.gateway;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Headers on every response, the proxied ones included (set last, over whatever a service sent). Nothing is cached:
 * a shared or inspected phone must not keep a page that shows which sessions someone looked at or booked. The one
 * exception is the public list of sessions asked anonymously through the API ({@link #PUBLIC_LIST}, docs/adr/0051):
 * the same for everyone, it keeps the event service's ETag and short {@code public, max-age}. Every page, every
 * request with a token or a session cookie, and every other answer stays {@code no-store}.
 */
@ApplicationScoped
public class SecurityHeaders {
    static final String CSP =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
                    + " font-src 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'";
    static final String PERMISSIONS =
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()";
    /** The door page reads booking QR codes with the organiser's camera; no other page may ask for it. */
    static final String PERMISSIONS_WITH_CAMERA =
            "camera=(self), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()";

    static final java.util.regex.Pattern CAMERA_PAGES = java.util.regex.Pattern.compile("/staff/sessions/[^/]+/door");

    /**
     * Set by the gateway on an anonymous GET of {@code /api/events/sessions} (no Authorization header, no session
     * cookie): its answer may keep the service's cache headers.
     */
    static final String PUBLIC_LIST = "ibasho.public-list";
    /** What the event service sends for the public list; anything else (or longer) becomes no-store. */
    static final java.util.regex.Pattern SHORT_PUBLIC_MAX_AGE =
            java.util.regex.Pattern.compile("public, max-age=[0-9]");

    void register(@Observes Filters filters) {
        filters.register(this::apply, 1000);
    }

    void apply(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> {
            MultiMap headers = ctx.response().headers();
            headers.set("Content-Security-Policy", CSP);
            headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set(
                    "Permissions-Policy",
                    CAMERA_PAGES.matcher(ctx.normalizedPath()).matches() ? PERMISSIONS_WITH_CAMERA : PERMISSIONS);
            headers.set("Cross-Origin-Opener-Policy", "same-origin");
            headers.set("Cross-Origin-Resource-Policy", "same-origin");
            if (!publicListAnswer(ctx, headers)) {
                headers.set("Cache-Control", "no-store");
                headers.remove("ETag");
            }
            headers.remove("Expires");
            headers.remove("Last-Modified");
            headers.remove("Server");
            headers.remove("X-Powered-By");
        });
        ctx.next();
    }

    /** The anonymous public list's 200 or 304 with the service's short public max-age (at most 9 s). */
    private static boolean publicListAnswer(RoutingContext ctx, MultiMap headers) {
        if (ctx.get(PUBLIC_LIST) == null) {
            return false;
        }
        int status = ctx.response().getStatusCode();
        String cacheControl = headers.get("Cache-Control");
        return (status == 200 || status == 304)
                && cacheControl != null
                && SHORT_PUBLIC_MAX_AGE.matcher(cacheControl).matches();
    }
}
