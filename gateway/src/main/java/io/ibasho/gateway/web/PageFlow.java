package io.ibasho.gateway.web;

import io.ibasho.gateway.BrowserSessions;
import io.ibasho.gateway.EndedSessions;
import io.ibasho.gateway.GatewayConfig;
import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * What every page of the web app shares, hers ({@link Pages}) and the staff's ({@code web.staff}): the visit (language,
 * identity, token), the layout's data (menu by role, CSRF token, quick exit, language switch), error pages, redirects,
 * and the small parsers for the services' JSON. Pages decide; this class answers.
 */
@ApplicationScoped
public class PageFlow {
    /** Sessions ended by sign-out or quick exit: an old copy of their cookie is refused. */
    @Inject
    EndedSessions endedSessions;

    private static final Logger LOG = Logger.getLogger(PageFlow.class);

    @Inject
    Engine engine;

    @Inject
    GatewayConfig config;

    /** What a handler decides: a page, a redirect, or bytes (the QR code). */
    public sealed interface Result permits Html, Redirect, Raw {}

    public record Html(int status, String template, Map<String, Object> data) implements Result {}

    public record Redirect(String location) implements Result {}

    public record Raw(int status, String contentType, Buffer body) implements Result {}

    /** One request: her language, and (signed in) her identity and access token. */
    public record Visit(RoutingContext ctx, Language language, SecurityIdentity identity, String token) {
        public boolean signedIn() {
            return token != null;
        }

        public boolean ja() {
            return language == Language.JA;
        }

        public String text(String key) {
            return UiText.of(language).get(key);
        }

        /** A realm role of the signed-in person (roles come from the access token, realm_access.roles). */
        public boolean hasRole(String role) {
            return identity != null && identity.hasRole(role);
        }

        /** Staff and partner accounts are not attendees (ADR 0008): they get the staff menu instead of hers. */
        public boolean staff() {
            return hasRole(Roles.ORGANISER)
                    || hasRole(Roles.CHILDCARE_STAFF)
                    || hasRole(Roles.PARTNER)
                    || hasRole(Roles.FUNDER)
                    || hasRole(Roles.CONSULTATION);
        }
    }

    // ---- plumbing -------------------------------------------------------------------------------------------------

    public void page(RoutingContext ctx, boolean signInNeeded, Function<Visit, Uni<Result>> work) {
        Language language = language(ctx);
        boolean hasSession = BrowserSessions.hasSessionCookie(ctx.request());
        if ("POST".equals(ctx.request().method().name()) && ctx.request().path().matches("/s/[0-9a-fA-F-]{36}/book")) {
            // her session died while she filled in the form: back to the form, which asks her to sign in again
            ctx.put(BrowserSessions.AFTER_DEAD_SESSION, ctx.request().path());
        }
        Uni<SecurityIdentity> who = hasSession
                ? BrowserSessions.identity(ctx, endedSessions).onFailure().recoverWithNull()
                : Uni.createFrom().nullItem();
        who.subscribe()
                .with(
                        identity -> {
                            if (ctx.response().headWritten()) {
                                return; // a dead session: quarkus-oidc answered, and BrowserSessions turned it into a
                                // reload without it
                            }
                            String token = identity == null ? null : BrowserSessions.accessToken(identity);
                            if (token == null && hasSession) {
                                BrowserSessions.clearCookies(ctx);
                            }
                            Visit visit = new Visit(ctx, language, token == null ? null : identity, token);
                            if (signInNeeded && !visit.signedIn()) {
                                send(visit, new Html(401, "signin", Map.of()));
                                return;
                            }
                            Uni<Result> result;
                            try {
                                result = work.apply(visit);
                            } catch (RuntimeException e) {
                                result = Uni.createFrom().failure(e);
                            }
                            result.subscribe().with(r -> send(visit, r), failure -> failed(visit, failure));
                        },
                        failure -> failed(new Visit(ctx, language, null, null), failure));
    }

    private void failed(Visit visit, Throwable failure) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(
                "page %s failed, incident %s: %s at %s",
                visit.ctx().normalizedPath().replaceAll("[0-9a-f-]{36}", "{id}"),
                incident,
                failure.getClass().getName(),
                // where in our code (class, method and line: never a message, which may hold her data)
                java.util.Arrays.stream(failure.getStackTrace())
                        .filter(frame -> frame.getClassName().startsWith("io.ibasho."))
                        .limit(3)
                        .map(StackTraceElement::toString)
                        .toList());
        LOG.debug("incident " + incident, failure);
        boolean unavailable = failure instanceof java.net.ConnectException
                || failure.getClass().getSimpleName().contains("Timeout")
                || failure instanceof io.vertx.core.VertxException;
        send(visit, errorPage(unavailable ? 503 : 500));
    }

    public static Uni<Result> html(int status, String template, Map<String, Object> data) {
        return Uni.createFrom().item(new Html(status, template, data));
    }

    /** A signed-in person whose roles do not include this page (an attendee on a staff page, a carer at the door). */
    public static Result notAllowed() {
        return new Html(403, "error", Map.of("kind", "notAllowed"));
    }

    public static Result errorPage(int status) {
        String kind = switch (status) {
            case 404 -> "notFound";
            case 403 -> "forbidden";
            case 502, 503, 504 -> "unavailable";
            default -> "error";
        };
        return new Html(status, "error", Map.of("kind", kind));
    }

    /** The HTML error page in the app's layout; for BrowserLogin (sign-out with a stale page) as well. */
    public void error(RoutingContext ctx, int status, String kind) {
        send(new Visit(ctx, language(ctx), null, null), errorPage(status == 403 && "csrf".equals(kind) ? 403 : status));
    }

    void notFound(RoutingContext ctx) {
        if (ctx.normalizedPath().startsWith("/api/") || ctx.normalizedPath().equals("/api")) {
            ctx.response()
                    .setStatusCode(404)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                    .end(new JsonObject()
                            .put("type", "https://ibasho.example/problems/not-found")
                            .put("title", "Not found")
                            .put("status", 404)
                            .put("detail", "There is no API at this path.")
                            .put("instance", ctx.normalizedPath())
                            .encode());
            return;
        }
        page(ctx, false, v -> Uni.createFrom().item(errorPage(404)));
    }

    /** Anything that failed outside a page handler: the app's error page (the API keeps problem+json), never a trace. */
    void internalError(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(
                "incident %s: %s",
                incident,
                ctx.failure() == null ? "status 500" : ctx.failure().getClass().getName());
        if (ctx.normalizedPath().startsWith("/api/") || ctx.normalizedPath().startsWith("/q/")) {
            ctx.response()
                    .setStatusCode(500)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                    .end(new JsonObject()
                            .put("type", "https://ibasho.example/problems/internal")
                            .put("title", "Internal error")
                            .put("status", 500)
                            .put("detail", "Something went wrong in the gateway; incident " + incident + ".")
                            .put("instance", ctx.normalizedPath())
                            .encode());
            return;
        }
        send(new Visit(ctx, language(ctx), null, null), errorPage(500));
    }

    private void send(Visit visit, Result result) {
        RoutingContext ctx = visit.ctx();
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        try {
            switch (result) {
                case Redirect r -> redirect(ctx, r.location());
                case Raw r ->
                    ctx.response()
                            .setStatusCode(r.status())
                            .putHeader(HttpHeaders.CONTENT_TYPE, r.contentType())
                            .end(r.body());
                case Html h ->
                    ctx.response()
                            .setStatusCode(h.status())
                            .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                            .end(render(visit, h));
            }
        } catch (RuntimeException e) {
            // where in which template (never the data: it may be hers)
            LOG.errorf(
                    "page could not be rendered: %s%s",
                    e.getClass().getName(),
                    e instanceof io.quarkus.qute.TemplateException te && te.getOrigin() != null
                            ? " at " + te.getOrigin().getTemplateId() + ":"
                                    + te.getOrigin().getLine()
                            : "");
            LOG.debug("render", e);
            if (!ctx.response().headWritten()) {
                ctx.response()
                        .setStatusCode(500)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                        .end("いばしょ: エラーが発生しました。 / Something went wrong.");
            }
        }
    }

    private String render(Visit visit, Html page) {
        RoutingContext ctx = visit.ctx();
        TemplateInstance instance = engine.getTemplate("web/" + page.template()).instance();
        Language language = visit.language();
        instance.data("lang", language.tag());
        instance.data("otherLang", language.other().tag());
        instance.data("t", UiText.of(language));
        instance.data("signedIn", visit.signedIn());
        instance.data("csrf", visit.signedIn() ? BrowserSessions.csrfToken(ctx) : "");
        instance.data("quickExitUrl", config.quickExitUrl());
        instance.data("langHref", languageSwitch(ctx, language.other()));
        instance.data("nextParam", URLEncoder.encode(ownPathAndQuery(ctx), StandardCharsets.UTF_8));
        instance.data("nav", "");
        // a page whose response clears every cookie (her account erased) passes her language in its links instead
        instance.data("langQuery", "");
        instance.data("script", null); // a page's own script besides the quick exit (the door's camera)
        // the menu shows each person only what her roles allow
        instance.data("staff", visit.staff());
        instance.data("organiser", visit.hasRole(Roles.ORGANISER));
        instance.data("carer", visit.hasRole(Roles.CHILDCARE_STAFF));
        instance.data("partner", visit.hasRole(Roles.PARTNER));
        instance.data("reports", visit.hasRole(Roles.ORGANISER) || visit.hasRole(Roles.FUNDER));
        instance.data("consultation", visit.hasRole(Roles.CONSULTATION));
        page.data().forEach(instance::data);
        return instance.render();
    }

    public static Language language(RoutingContext ctx) {
        Language asked = Language.ofTag(ctx.request().getParam("lang"));
        if (asked != null) {
            ctx.response()
                    .addCookie(Cookie.cookie(Language.COOKIE, asked.tag())
                            .setPath("/")
                            .setMaxAge(365L * 24 * 3600)
                            .setSecure(ctx.request().isSSL())
                            .setSameSite(CookieSameSite.LAX));
            return asked;
        }
        Cookie cookie = ctx.request().getCookie(Language.COOKIE);
        Language chosen = cookie == null ? null : Language.ofTag(cookie.getValue());
        return chosen == null ? Language.JA : chosen;
    }

    /** This page in the other language: the same path and query, with lang replaced. */
    static String languageSwitch(RoutingContext ctx, Language to) {
        StringBuilder href = new StringBuilder(ctx.request().path()).append("?");
        ctx.queryParams().forEach((name, value) -> {
            if (!name.equals("lang") && !name.equals("done")) {
                href.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8))
                        .append('&');
            }
        });
        return href.append("lang=").append(to.tag()).toString();
    }

    private static String ownPathAndQuery(RoutingContext ctx) {
        if (ctx.request().method().name().equals("POST")) {
            return ctx.request().path();
        }
        String query = ctx.request().query();
        return ctx.request().path() + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    public static void redirect(RoutingContext ctx, String location) {
        ctx.response()
                .setStatusCode(303)
                .putHeader(HttpHeaders.LOCATION, location)
                .end();
    }

    public static String safeId(String id) {
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException | NullPointerException e) {
            return "unknown";
        }
    }

    public static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ---- small parsers (the services leave out or send null for what a session does not have)
    // --------------------------------------------------------------------------------------------

    public static JsonObject obj(JsonObject parent, String key) {
        Object value = parent == null ? null : parent.getValue(key);
        return value instanceof JsonObject object ? object : new JsonObject();
    }

    public static JsonArray arr(JsonObject parent, String key) {
        Object value = parent == null ? null : parent.getValue(key);
        return value instanceof JsonArray array ? array : new JsonArray();
    }

    public static boolean bool(JsonObject parent, String key) {
        return parent != null && Boolean.TRUE.equals(parent.getValue(key));
    }

    public static OffsetDateTime time(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static LocalDate parseDate(String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static YearMonth parseMonth(String value) {
        try {
            return value == null || value.isBlank() ? null : YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static int parseInt(String value, int otherwise) {
        try {
            return value == null ? otherwise : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    public static String trimmed(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String t = value.strip();
        return t.length() > max ? t.substring(0, max) : t;
    }
}
