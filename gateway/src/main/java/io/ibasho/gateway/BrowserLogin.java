package io.ibasho.gateway;

import io.ibasho.gateway.web.Language;
import io.ibasho.gateway.web.PageFlow;
import io.ibasho.gateway.web.Wording;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The gateway's own browser endpoints around quarkus-oidc's authorization-code flow (PKCE S256, client ibasho-gateway):
 * <ul>
 * <li>{@code GET /app/login}: protected by {@code quarkus.http.auth.permission.login} (authenticated), so quarkus-oidc
 * sends the browser to Keycloak's login page (which also offers self-registration); back here it lands on the app.</li>
 * <li>{@code GET /session.json}: whether this browser is signed in, the username and roles to show, and the CSRF token
 * the page must send as {@code X-CSRF-Token} with every state-changing request (or as form field {@code csrf}).</li>
 * <li>{@code GET /app/signin?next=/path}: remembers where she was, then {@code /app/login}.</li>
 * <li>{@code POST /app/logout} (CSRF-checked) and {@code GET|POST /app/exit} (quick exit): end Keycloak's SSO session
 * server side (its logout endpoint with the session's refresh token and this client's credentials), refuse any copy of
 * the old cookie ({@link EndedSessions}), clear the cookies, then a same-origin page (sign-out) or the neutral site
 * (quick exit).</li>
 * </ul>
 */
@ApplicationScoped
public class BrowserLogin {
    /** Sessions ended by sign-out or quick exit: an old copy of their cookie is refused. */
    @Inject
    EndedSessions endedSessions;

    private static final Logger LOG = Logger.getLogger(BrowserLogin.class);
    static final String LOCAL_SECRET_MARKER = "change-me";

    @Inject
    GatewayConfig config;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String issuer;

    @ConfigProperty(name = "quarkus.oidc.client-id")
    String clientId;

    @ConfigProperty(name = "quarkus.oidc.credentials.secret")
    String clientSecret;

    @ConfigProperty(name = "quarkus.oidc.token-state-manager.encryption-secret")
    String sessionSecret;

    @Inject
    io.ibasho.gateway.web.Pages pages;

    @Inject
    io.ibasho.gateway.recovery.FirstRecoveryCodes firstRecoveryCodes;

    /**
     * Set by the quick exit and by the signed-out page for {@link #BACK_GUARD_HOURS} hours: the pages' script sends a
     * Back navigation on to the neutral site. Its name says nothing to whoever lists the phone's cookies.
     */
    public static final String BACK_GUARD_COOKIE = "ibasho_v";
    /** The marker's earlier, telling name (ten minutes, quick exit only): still honoured by the script, and removed. */
    public static final String OLD_BACK_GUARD_COOKIE = "ibasho_exited";
    /**
     * Long enough to cover the rest of her day (the phone is most often picked up by someone else that evening or the
     * next morning), short enough that Back on the public pages works again for whoever browses them later; signing in
     * ends it at once (docs/adr/0087).
     */
    public static final int BACK_GUARD_HOURS = 12;

    /** The Back guard as a Set-Cookie: readable by the pages' script (never by other sites), strict same-site. */
    public static Cookie backGuard(RoutingContext ctx) {
        return Cookie.cookie(BACK_GUARD_COOKIE, "1")
                .setPath("/")
                .setMaxAge(BACK_GUARD_HOURS * 3600L)
                .setHttpOnly(false)
                .setSecure(ctx.request().isSSL())
                .setSameSite(CookieSameSite.STRICT);
    }

    /** Signing in again: Back behaves as usual from now on. */
    private static void withoutBackGuard(RoutingContext ctx) {
        ctx.response().addCookie(BrowserSessions.expired(ctx, BACK_GUARD_COOKIE, "/"));
        ctx.response().addCookie(BrowserSessions.expired(ctx, OLD_BACK_GUARD_COOKIE, "/"));
    }

    private io.vertx.mutiny.ext.web.client.WebClient keycloak;

    /** The realm's demo secrets are fine on a laptop and nowhere else: refuse to start with them against a real server. */
    void refuseDemoSecretsOutsideLocalhost(@Observes StartupEvent start) {
        String host = URI.create(issuer).getHost();
        boolean local = "localhost".equals(host) || "127.0.0.1".equals(host) || "::1".equals(host);
        if (!local && (clientSecret.contains(LOCAL_SECRET_MARKER) || sessionSecret.contains(LOCAL_SECRET_MARKER))) {
            throw new IllegalStateException(
                    "The gateway is configured with the local demo client or session secret against " + host
                            + ": set IBASHO_GATEWAY_CLIENT_SECRET and IBASHO_GATEWAY_SESSION_SECRET (see docs/security.md).");
        }
    }

    /** Ahead of the gateway's body limit (ROUTE_ORDER_UPLOAD_LIMIT - 1) and Quarkus' (ROUTE_ORDER_UPLOAD_LIMIT). */
    static final int QUICK_EXIT_ORDER = io.quarkus.vertx.http.runtime.RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2;

    void routes(@Observes Router router, io.vertx.core.Vertx vertx) {
        keycloak = io.vertx.mutiny.ext.web.client.WebClient.create(
                new io.vertx.mutiny.core.Vertx(vertx),
                new io.vertx.ext.web.client.WebClientOptions()
                        .setConnectTimeout(5000)
                        .setFollowRedirects(false));
        router.get("/app/login").order(1000).handler(this::landed);
        router.get("/app/signin").order(1000).handler(this::signIn);
        router.get("/session.json").order(1000).handler(this::session);
        router.post("/app/logout")
                .order(1000)
                .handler(ctx -> FormBody.read(ctx, form -> guarded(ctx, () -> logout(ctx, form))));
        // The quick exit always works, whatever it is sent: it runs before the body limits (Quarkus' own and the
        // gateway's just ahead of it), and reads nothing of a body but drops it as it arrives. Every other route keeps
        // them.
        router.get("/app/exit").order(QUICK_EXIT_ORDER).handler(ctx -> guarded(ctx, () -> quickExit(ctx)));
        router.post("/app/exit").order(QUICK_EXIT_ORDER).handler(ctx -> guarded(ctx, () -> quickExit(ctx)));
    }

    /** Back from Keycloak: to the page she was on when she tapped ログイン (a path of ours), else the start page. */
    private void landed(RoutingContext ctx) {
        Cookie next = ctx.request().getCookie(BrowserSessions.NEXT_COOKIE);
        String path = next != null && Wording.isLocalPath(decode(next.getValue()))
                ? decode(next.getValue())
                : config.browser().landingPath();
        if (next != null) {
            ctx.response().addCookie(BrowserSessions.expired(ctx, BrowserSessions.NEXT_COOKIE, "/app/login"));
        }
        withoutBackGuard(ctx);
        // just registered: her recovery codes first, once (docs/adr/0019)
        firstRecoveryCodes.landed(ctx, path);
    }

    /** ログイン: remembers where she was (only a path of this site: no open redirect) and starts the login. */
    private void signIn(RoutingContext ctx) {
        String next = ctx.request().getParam("next");
        if (Wording.isLocalPath(next)) {
            ctx.response()
                    .addCookie(Cookie.cookie(
                                    BrowserSessions.NEXT_COOKIE,
                                    java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8))
                            .setPath("/app/login")
                            .setHttpOnly(true)
                            .setMaxAge(900)
                            .setSecure(ctx.request().isSSL())
                            .setSameSite(CookieSameSite.LAX));
        }
        withoutBackGuard(ctx);
        redirect(ctx, "/app/login");
    }

    private void session(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (!BrowserSessions.hasSessionCookie(ctx.request())) {
            ctx.response().end(new JsonObject().put("signedIn", false).encode());
            return;
        }
        BrowserSessions.identity(ctx, endedSessions)
                .subscribe()
                .with(
                        identity -> {
                            if (identity == null) {
                                BrowserSessions.clearCookies(ctx);
                                ctx.response()
                                        .end(new JsonObject()
                                                .put("signedIn", false)
                                                .encode());
                                return;
                            }
                            ctx.response()
                                    .end(new JsonObject()
                                            .put("signedIn", true)
                                            .put(
                                                    "username",
                                                    identity.getPrincipal().getName())
                                            .put(
                                                    "roles",
                                                    new JsonArray(identity.getRoles().stream()
                                                            .sorted()
                                                            .toList()))
                                            .put("csrfToken", BrowserSessions.csrfToken(ctx))
                                            .encode());
                        },
                        failure -> {
                            BrowserSessions.clearCookies(ctx);
                            ctx.response()
                                    .end(new JsonObject().put("signedIn", false).encode());
                        });
    }

    /**
     * ログアウト: CSRF-checked (a foreign page must not sign her out), then both sessions end here, server side: the
     * browser is never sent to Keycloak's origin (the page's CSP form-action 'self' would stop it there, leaving
     * Keycloak's session alive), and lands on our own signed-out page.
     */
    private void logout(RoutingContext ctx, io.vertx.core.MultiMap form) {
        // read before the cookies are cleared
        String signedOut = signedOutPage(ctx);
        if (!BrowserSessions.hasSessionCookie(ctx.request())) {
            BrowserSessions.clearAllCookies(ctx);
            ctx.response().putHeader("Clear-Site-Data", "\"cookies\", \"storage\"");
            redirect(ctx, signedOut);
            return;
        }
        ctx.put(BrowserSessions.AFTER_DEAD_SESSION, signedOut);
        String submitted = ctx.request().getHeader(BrowserSessions.CSRF_HEADER);
        if (submitted == null) {
            submitted = form.get(BrowserSessions.CSRF_FORM_FIELD);
        }
        if (!BrowserSessions.csrfValid(ctx, submitted)) {
            pages.error(ctx, 403, "csrf");
            return;
        }
        endBothSessions(ctx)
                .subscribe()
                .with(
                        done -> {
                            if (ctx.response().headWritten()) {
                                return;
                            }
                            BrowserSessions.clearAllCookies(ctx);
                            ctx.response().putHeader("Clear-Site-Data", "\"cookies\", \"storage\"");
                            redirect(ctx, signedOut);
                        },
                        failure -> {
                            if (!ctx.response().headWritten()) {
                                redirect(ctx, signedOut);
                            }
                        });
    }

    /**
     * The signed-out page in the language she was using: Clear-Site-Data "cookies" takes the lang cookie with the
     * session's, so the page is told in its address (the default, Japanese, needs no word).
     */
    private String signedOutPage(RoutingContext ctx) {
        String path = config.browser().postLogoutPath();
        Language used = PageFlow.language(ctx);
        return used == Language.JA ? path : path + (path.contains("?") ? "&" : "?") + "lang=" + used.tag();
    }

    /**
     * Quick exit: ends both sessions like sign-out, without a CSRF token (the only thing a forged request can do here is
     * sign her out, the safe direction; and the page may be leaving before it could send one). A beacon gets 204; the
     * no-script link gets a redirect to the neutral site. A marker (the Back guard) lets the pages' script send a Back
     * navigation to the neutral site too. She is never kept waiting on Keycloak for more than {@code quick-exit-wait}:
     * the answer goes then, with her cookies cleared, and the ending of both sessions goes on after it.
     */
    private void quickExit(RoutingContext ctx) {
        boolean beacon = ctx.request().method() == io.vertx.core.http.HttpMethod.POST;
        Cookie exited = backGuard(ctx);
        ctx.put(BrowserSessions.AFTER_DEAD_SESSION, config.quickExitUrl());
        ctx.put(BrowserSessions.AFTER_DEAD_SESSION_COOKIE, exited.encode());
        Uni<Void> sessionsEnded = BrowserSessions.hasSessionCookie(ctx.request())
                ? endBothSessions(ctx)
                : Uni.createFrom().voidItem();
        // a body (a beacon's, or anything at all) is read through and dropped, so the answer reaches the sender
        Uni<Void> ending = Uni.combine()
                .all()
                .unis(sessionsEnded.onFailure().recoverWithNull(), FormBody.dropped(ctx))
                .discardItems();
        java.util.concurrent.atomic.AtomicBoolean answered = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable wayOut = () -> {
            if (!answered.compareAndSet(false, true) || ctx.response().headWritten()) {
                return; // answered already: by the wait's end, or by quarkus-oidc for a dead session (BrowserSessions)
            }
            if (!ctx.request().isEnded() && ctx.request().version() != io.vertx.core.http.HttpVersion.HTTP_2) {
                // the wait is over and a body is still coming: the connection ends with the answer
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                ctx.response().endHandler(v -> ctx.request().connection().close());
            }
            BrowserSessions.clearAllCookies(ctx);
            ctx.response().putHeader("Clear-Site-Data", "\"storage\"");
            ctx.response().addCookie(exited);
            ctx.response().addCookie(BrowserSessions.expired(ctx, OLD_BACK_GUARD_COOKIE, "/"));
            if (beacon) {
                ctx.response().setStatusCode(204).end();
            } else {
                ctx.response()
                        .setStatusCode(303)
                        .putHeader(HttpHeaders.LOCATION, config.quickExitUrl())
                        .end();
            }
        };
        long waited = ctx.vertx()
                .setTimer(Math.max(1, config.browser().quickExitWait().toMillis()), id -> wayOut.run());
        ending.onFailure().recoverWithNull().subscribe().with(done -> {
            ctx.vertx().cancelTimer(waited);
            wayOut.run();
        });
    }

    /** Ends Keycloak's SSO session (back channel, with the session's refresh token) and forgets the gateway's. */
    Uni<Void> endBothSessions(RoutingContext ctx) {
        return BrowserSessions.identityToEnd(ctx, endedSessions)
                .onFailure()
                .recoverWithNull()
                .flatMap(identity -> {
                    BrowserSessions.clearCookies(ctx);
                    if (identity == null) {
                        return Uni.createFrom().voidItem();
                    }
                    endedSessions.end(EndedSessions.sessionIdOf(BrowserSessions.idToken(identity)));
                    String refreshToken = BrowserSessions.refreshToken(identity);
                    if (refreshToken == null) {
                        return Uni.createFrom().voidItem();
                    }
                    io.vertx.mutiny.core.MultiMap form = io.vertx.mutiny.core.MultiMap.caseInsensitiveMultiMap()
                            .add("client_id", clientId)
                            .add("client_secret", clientSecret)
                            .add("refresh_token", refreshToken);
                    return keycloak.postAbs(
                                    config.browser().endSessionUrl().orElse(issuer + "/protocol/openid-connect/logout"))
                            .timeout(5000)
                            .sendForm(form)
                            .invoke(response -> {
                                if (response.statusCode() >= 300) {
                                    LOG.warnf("Keycloak did not end a session: status %d", response.statusCode());
                                }
                            })
                            .onFailure()
                            .invoke(e -> LOG.warnf(
                                    "Keycloak unreachable while ending a session: %s",
                                    e.getClass().getSimpleName()))
                            .onFailure()
                            .recoverWithNull()
                            .replaceWithVoid();
                });
    }

    /** Whatever goes wrong while signing out is answered, never a 500 (the cookies are cleared first). */
    private void guarded(RoutingContext ctx, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.debugf("sign-out or exit: %s", e.getClass().getSimpleName());
            BrowserSessions.clearCookies(ctx);
            if (!ctx.response().ended()) {
                redirect(ctx, config.browser().postLogoutPath());
            }
        }
    }

    private static String decode(String value) {
        try {
            return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void redirect(RoutingContext ctx, String path) {
        ctx.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, path).end();
    }
}
