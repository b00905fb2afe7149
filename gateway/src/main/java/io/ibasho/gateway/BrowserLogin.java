package io.ibasho.gateway;

import java.net.URI;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The gateway's own browser endpoints around quarkus-oidc's authorization-code flow (PKCE S256, client ibasho-gateway):
 * <ul>
 * <li>{@code GET /app/login}: protected by {@code quarkus.http.auth.permission.login} (authenticated), so quarkus-oidc
 * sends the browser to Keycloak's login page (which also offers self-registration); back here it lands on the app.</li>
 * <li>{@code GET /session.json}: whether this browser is signed in, the username and roles to show, and the CSRF token
 * the page must send as {@code X-CSRF-Token} with every state-changing request (or as form field {@code csrf}).</li>
 * <li>{@code POST /app/logout} (CSRF-checked): forgets the session cookie and ends the Keycloak session too
 * (RP-initiated logout with {@code id_token_hint}), then returns to the public start page.</li>
 * </ul>
 */
@ApplicationScoped
public class BrowserLogin {
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

    /** The realm's demo secrets are fine on a laptop and nowhere else: refuse to start with them against a real server. */
    void refuseDemoSecretsOutsideLocalhost(@Observes StartupEvent start) {
        String host = URI.create(issuer).getHost();
        boolean local = "localhost".equals(host) || "127.0.0.1".equals(host) || "::1".equals(host);
        if (!local && (clientSecret.contains(LOCAL_SECRET_MARKER) || sessionSecret.contains(LOCAL_SECRET_MARKER))) {
            throw new IllegalStateException("The gateway is configured with the local demo client or session secret against "
                    + host + ": set IBASHO_GATEWAY_CLIENT_SECRET and IBASHO_GATEWAY_SESSION_SECRET (see docs/security.md).");
        }
    }

    void routes(@Observes Router router) {
        router.get("/app/login").order(1000).handler(ctx -> redirect(ctx, config.browser().landingPath()));
        router.get("/session.json").order(1000).handler(this::session);
        router.post("/app/logout").order(1000).handler(this::logout);
    }

    private void session(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (!BrowserSessions.hasSessionCookie(ctx.request())) {
            ctx.response().end(new JsonObject().put("signedIn", false).encode());
            return;
        }
        BrowserSessions.identity(ctx).subscribe().with(identity -> {
            if (identity == null) {
                BrowserSessions.clearCookies(ctx);
                ctx.response().end(new JsonObject().put("signedIn", false).encode());
                return;
            }
            ctx.response().end(new JsonObject().put("signedIn", true)
                    .put("username", identity.getPrincipal().getName())
                    .put("roles", new JsonArray(identity.getRoles().stream().sorted().toList()))
                    .put("csrfToken", BrowserSessions.csrfToken(ctx)).encode());
        }, failure -> {
            BrowserSessions.clearCookies(ctx);
            ctx.response().end(new JsonObject().put("signedIn", false).encode());
        });
    }

    private void logout(RoutingContext ctx) {
        if (ctx.request().isEnded()) {
            checkedLogout(ctx);
            return;
        }
        ctx.request().setExpectMultipart(true);
        ctx.request().endHandler(end -> checkedLogout(ctx));
        ctx.request().resume();
    }

    private void checkedLogout(RoutingContext ctx) {
        {
            String submitted = ctx.request().getHeader(BrowserSessions.CSRF_HEADER);
            if (submitted == null) {
                submitted = ctx.request().getFormAttribute(BrowserSessions.CSRF_FORM_FIELD);
            }
            if (!BrowserSessions.csrfValid(ctx, submitted)) {
                Problems.send(ctx, 403, "csrf", "Request not accepted", "Logging out needs the page's CSRF token. Please reload the page.");
                return;
            }
            String postLogout = ownOrigin(ctx) + config.browser().postLogoutPath();
            if (!BrowserSessions.hasSessionCookie(ctx.request())) {
                BrowserSessions.clearCookies(ctx);
                redirect(ctx, config.browser().postLogoutPath());
                return;
            }
            BrowserSessions.identity(ctx).subscribe().with(identity -> endSession(ctx, identity, postLogout),
                    failure -> endSession(ctx, null, postLogout));
        }
    }

    private void endSession(RoutingContext ctx, SecurityIdentity identity, String postLogout) {
        String idToken = identity == null ? null : BrowserSessions.idToken(identity);
        BrowserSessions.clearCookies(ctx);
        LOG.debug("browser session ended");
        ctx.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION,
                BrowserSessions.endSessionUrl(issuer, clientId, idToken, postLogout)).end();
    }

    private static String ownOrigin(RoutingContext ctx) {
        return ctx.request().scheme() + "://" + ctx.request().authority().toString();
    }

    private static void redirect(RoutingContext ctx, String path) {
        ctx.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, path).end();
    }

}
