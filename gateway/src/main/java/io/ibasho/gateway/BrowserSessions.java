package io.ibasho.gateway;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.oidc.RefreshToken;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The browser side of the gateway: a signed-in browser holds only quarkus-oidc's encrypted, HttpOnly session cookie
 * ({@code q_session}, possibly split into {@code q_session_chunk_N}); the tokens never reach JavaScript. This class
 * finds that session, turns it into the person's current access token (quarkus-oidc refreshes it when it is close to
 * expiry), and guards state-changing browser requests with a double-submit CSRF token.
 */
public final class BrowserSessions {
    /** quarkus-oidc's default session cookie name (default tenant), and the prefix of its chunks. */
    public static final String SESSION_COOKIE = "q_session";
    /** HttpOnly, SameSite=Strict; its value is handed to the page by /session.json and must come back as the header. */
    public static final String CSRF_COOKIE = "ibasho_csrf";
    /** quarkus-oidc's state cookie while a login is under way (with a suffix per tab). */
    static final String LOGIN_STATE_COOKIE = "q_auth";
    /** Where to land after the login (a path of this site), set by /app/signin for the path /app/login only. */
    static final String NEXT_COOKIE = "ibasho_next";

    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FORM_FIELD = "csrf";
    /** The LINE link code she asked for, kept for its page only while it is valid (web.LinePages). */
    public static final String LINE_CODE_COOKIE = "ibasho_line_code";

    public static final String LINE_CODE_PATH = "/app/settings/line";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final SecureRandom RANDOM = new SecureRandom();

    private BrowserSessions() {}

    public static boolean hasSessionCookie(HttpServerRequest request) {
        return request.cookies().stream()
                .anyMatch(
                        c -> c.getName().equals(SESSION_COOKIE) || c.getName().startsWith(SESSION_COOKIE + "_chunk_"));
    }

    static boolean isSafe(String method) {
        return SAFE_METHODS.contains(method);
    }

    /**
     * The signed-in person of this browser session, resolved lazily by quarkus-oidc's code-flow mechanism (cookie
     * decrypted, ID token verified, tokens refreshed if expired), whose session has not ended here or at Keycloak
     * ({@link EndedSessions#hasEnded}). Null without a usable session.
     */
    public static Uni<SecurityIdentity> identity(RoutingContext ctx, EndedSessions ended) {
        return identityToEnd(ctx, ended)
                .flatMap(identity -> identity == null
                        ? Uni.createFrom().nullItem()
                        : ended.hasEnded(EndedSessions.sessionIdOf(idToken(identity)), accessToken(identity))
                                .map(hasEnded -> hasEnded ? null : identity));
    }

    /**
     * The session's person to sign out: not asked about at Keycloak (it is about to be ended there), so that the quick
     * exit never waits for an extra question. Null without a usable session, or one this replica ended already.
     */
    static Uni<SecurityIdentity> identityToEnd(RoutingContext ctx, EndedSessions ended) {
        Uni<SecurityIdentity> deferred = ctx.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        if (deferred == null) {
            return Uni.createFrom().nullItem();
        }
        if (!ctx.normalizedPath().startsWith("/api") && ctx.get(LOGIN_REDIRECT_GUARD) == null) {
            ctx.put(LOGIN_REDIRECT_GUARD, Boolean.TRUE);
            ctx.addHeadersEndHandler(v -> forgetInsteadOfLogin(ctx));
        }
        return deferred.onItem()
                .transform(identity -> identity == null
                                || identity.isAnonymous()
                                || ended.isEnded(EndedSessions.sessionIdOf(idToken(identity)))
                        ? null
                        : identity);
    }

    public static String accessToken(SecurityIdentity identity) {
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        return credential == null ? null : credential.getToken();
    }

    public static String idToken(SecurityIdentity identity) {
        IdTokenCredential credential = identity.getCredential(IdTokenCredential.class);
        return credential == null ? null : credential.getToken();
    }

    public static String refreshToken(SecurityIdentity identity) {
        RefreshToken credential = identity.getCredential(RefreshToken.class);
        return credential == null ? null : credential.getToken();
    }

    /** The CSRF token of this browser, created (and set as a cookie) on first use. */
    public static String csrfToken(RoutingContext ctx) {
        Cookie existing = ctx.request().getCookie(CSRF_COOKIE);
        if (existing != null && existing.getValue().length() >= 32) {
            return existing.getValue();
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ctx.response()
                .addCookie(Cookie.cookie(CSRF_COOKIE, token)
                        .setPath("/")
                        .setHttpOnly(true)
                        .setSecure(ctx.request().isSSL() || cookiesForcedSecure())
                        .setSameSite(CookieSameSite.STRICT));
        return token;
    }

    /** Secure like the session cookie: TLS usually ends at the ingress, so isSSL() alone is false in production. */
    private static boolean cookiesForcedSecure() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.oidc.authentication.cookie-force-secure", Boolean.class)
                .orElse(false);
    }

    /**
     * Double submit: the header (or form field) must equal the cookie. A cross-site page can make the browser send the
     * cookie but can neither read it nor the /session.json that carries its value. A foreign Origin is refused outright.
     */
    public static boolean csrfValid(RoutingContext ctx, String submitted) {
        String origin = ctx.request().getHeader("Origin");
        if (origin != null && !origin.equals("null") && !sameOrigin(ctx, origin)) {
            return false;
        }
        Cookie cookie = ctx.request().getCookie(CSRF_COOKIE);
        if (cookie == null || submitted == null || cookie.getValue().length() < 32) {
            return false;
        }
        return MessageDigest.isEqual(
                cookie.getValue().getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean sameOrigin(RoutingContext ctx, String origin) {
        try {
            URI uri = URI.create(origin);
            var authority = ctx.request().authority();
            if (authority == null || uri.getHost() == null) {
                return false;
            }
            int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
            int own = authority.port() > 0
                    ? authority.port()
                    : ("https".equals(ctx.request().scheme()) ? 443 : 80);
            return uri.getHost().equalsIgnoreCase(authority.host()) && port == own;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Where a page goes instead of Keycloak's login when her session cookie turned out to be unusable (see below). */
    public static final String AFTER_DEAD_SESSION = "ibasho.after-dead-session";
    /** Extra Set-Cookie header values for that answer (the quick exit's marker). */
    public static final String AFTER_DEAD_SESSION_COOKIE = "ibasho.after-dead-session-cookie";

    private static final String LOGIN_REDIRECT_GUARD = "ibasho.login-redirect-guard";

    /**
     * A session cookie that quarkus-oidc cannot use (expired beyond refresh, ended, or not decryptable) makes it answer
     * with a redirect to Keycloak's login. On a public page, on sign-out and above all on the quick exit that is wrong:
     * the cookie is forgotten instead and she goes where she was going (the same page without a session, the
     * signed-out page, the neutral site). Runs just before the response's headers leave.
     */
    private static void forgetInsteadOfLogin(RoutingContext ctx) {
        var response = ctx.response();
        String location = response.headers().get("Location");
        if (response.getStatusCode() != 302
                || location == null
                || !location.contains("/protocol/openid-connect/auth")) {
            return;
        }
        String instead = ctx.get(AFTER_DEAD_SESSION);
        boolean leaving = instead != null; // sign-out or quick exit: clearAllCookies' work, which this answer skipped
        if (instead == null) {
            String query = ctx.request().query();
            instead = "GET".equals(ctx.request().method().name())
                    ? ctx.request().path() + (query == null || query.isEmpty() ? "" : "?" + query)
                    : "/";
        }
        response.setStatusCode(303);
        response.headers().set("Location", instead);
        List<String> loginStates = ctx.request().cookies().stream()
                .map(Cookie::getName)
                .filter(name -> name.startsWith(LOGIN_STATE_COOKIE))
                .distinct()
                .toList();
        withoutLoginState(ctx, loginStates);
        List<String> cleared = new java.util.ArrayList<>(leaving ? loginStates : List.of());
        for (Cookie cookie : ctx.request().cookies()) {
            String name = cookie.getName();
            if (name.equals(SESSION_COOKIE) || name.startsWith(SESSION_COOKIE + "_") || name.equals(CSRF_COOKIE)) {
                cleared.add(name);
            }
        }
        for (String name : cleared) {
            response.headers()
                    .add(
                            "Set-Cookie",
                            name + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"
                                    + (ctx.request().isSSL() ? "; Secure" : ""));
        }
        if (leaving) {
            response.headers()
                    .add("Set-Cookie", expired(ctx, NEXT_COOKIE, "/app/login").encode());
        }
        String extra = ctx.get(AFTER_DEAD_SESSION_COOKIE);
        if (extra != null) {
            response.headers().add("Set-Cookie", extra);
        }
    }

    /**
     * Takes back the state cookie quarkus-oidc set for the login it was starting (it names the page she asked for): she
     * is not going to that login. {@code names}: the login states in the cookie jar, which holds what she sent too
     * (removing those from the jar writes nothing).
     */
    private static void withoutLoginState(RoutingContext ctx, List<String> names) {
        var response = ctx.response();
        List<String> kept = response.headers().getAll("Set-Cookie").stream()
                .filter(cookie -> !cookie.startsWith(LOGIN_STATE_COOKIE))
                .toList();
        response.headers().remove("Set-Cookie");
        kept.forEach(cookie -> response.headers().add("Set-Cookie", cookie));
        names.forEach(name -> response.removeCookies(name, false));
    }

    /** Removes the session (all chunks) and the CSRF cookie from this browser. */
    public static void clearCookies(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            return; // already answered (quarkus-oidc's own redirect); forgetInsteadOfLogin cleared them there
        }
        for (Cookie cookie : ctx.request().cookies()) {
            String name = cookie.getName();
            if (name.equals(SESSION_COOKIE) || name.startsWith(SESSION_COOKIE + "_") || name.equals(CSRF_COOKIE)) {
                ctx.response()
                        .addCookie(Cookie.cookie(name, "")
                                .setPath("/")
                                .setMaxAge(0)
                                .setHttpOnly(true)
                                .setSecure(ctx.request().isSSL())
                                .setSameSite(CookieSameSite.LAX));
            }
        }
    }

    /**
     * Sign-out and quick exit: the session's cookies, and what is left of a login she began and never finished
     * (quarkus-oidc's state, and where she was going: both name a page of hers). Not on every dead session, where a
     * login in another tab may be under way.
     */
    public static void clearAllCookies(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            return;
        }
        clearCookies(ctx);
        for (Cookie cookie : ctx.request().cookies()) {
            String name = cookie.getName();
            if (name.equals(LOGIN_STATE_COOKIE) || name.startsWith(LOGIN_STATE_COOKIE + "_")) {
                ctx.response().addCookie(expired(ctx, name, "/"));
            }
        }
        // sent to /app/login only, so never among this request's cookies
        ctx.response().addCookie(expired(ctx, NEXT_COOKIE, "/app/login"));
        // a LINE link code waiting to be shown again (LinePages): sent to its page only
        ctx.response().addCookie(expired(ctx, LINE_CODE_COOKIE, LINE_CODE_PATH));
    }

    /** A Set-Cookie that removes {@code name} from the browser (it must name the path the cookie was set for). */
    public static Cookie expired(RoutingContext ctx, String name, String path) {
        return Cookie.cookie(name, "")
                .setPath(path)
                .setMaxAge(0)
                .setSecure(ctx.request().isSSL())
                .setSameSite(CookieSameSite.LAX);
    }
}
