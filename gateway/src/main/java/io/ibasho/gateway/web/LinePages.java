package io.ibasho.gateway.web;

import io.ibasho.gateway.BrowserSessions;
import io.ibasho.gateway.FormBody;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * LINE as a safe channel in her settings (issue #17, docs/adr/0024): whether her LINE is linked, a one-time code with
 * the steps to link it (add the organisation's official account as a friend, send it the code), and unlinking. Only
 * shown when this installation has an official account. The code is shown once, on the page that asked for it.
 */
@ApplicationScoped
public class LinePages {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final String PATH = BrowserSessions.LINE_CODE_PATH;
    /** Sent to this page only (its path); quick exit and sign-out remove it with the other cookies. */
    private static final String CODE_COOKIE = BrowserSessions.LINE_CODE_COOKIE;
    /** Notification's codes live minutes; a cookie that says otherwise is cut short. */
    private static final long MAX_CODE_SECONDS = 30 * 60;

    private static final Pattern CODE_SHAPE = Pattern.compile("[0-9A-Z-]{4,16}");

    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    @Inject
    Clock clock;

    void routes(@Observes Router router) {
        router.get("/app/settings/line").order(899).handler(ctx -> flow.page(ctx, true, v -> page(v, done(v), 200)));
        router.post("/app/settings/line/code")
                .order(899)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, v -> code(v, form))));
        router.post("/app/settings/line/unlink")
                .order(899)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, v -> unlink(v, form))));
    }

    private Uni<PageFlow.Result> page(PageFlow.Visit v, String message, int status) {
        return services.get("notification", "/api/notifications/line", v.token())
                .map(answer -> {
                    Map<String, Object> data = new HashMap<>();
                    data.put("nav", "settings");
                    data.put("message", message == null ? "" : message);
                    if (answer.status() == 403) {
                        data.put("notAttendee", true);
                        data.put("available", false);
                    } else if (!answer.ok()) {
                        return PageFlow.errorPage(503);
                    } else {
                        data.put("notAttendee", false);
                        data.put("available", PageFlow.bool(answer.object(), "available"));
                    }
                    JsonObject state = answer.ok() ? answer.object() : new JsonObject();
                    boolean linked = PageFlow.bool(state, "linked");
                    data.put("linked", linked);
                    data.put("linkedOn", day(state.getString("linkedAt"), v.language()));
                    data.put("friendUrl", https(state.getString("friendUrl")));
                    // the code she asked for, while it is still the one notification waits for
                    String code = shownCode(v);
                    String until = state.getString("codeExpiresAt");
                    boolean waiting = code != null && !linked && until != null;
                    if (code != null && !waiting) {
                        v.ctx().response().addCookie(BrowserSessions.expired(v.ctx(), CODE_COOKIE, PATH));
                    }
                    data.put("code", waiting ? code : "");
                    data.put("codeUntil", waiting ? time(until) : "");
                    return (PageFlow.Result) new PageFlow.Html(status, "line", data);
                });
    }

    private Uni<PageFlow.Result> code(PageFlow.Visit v, MultiMap form) {
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(PageFlow.errorPage(403));
        }
        return services.post(
                        "notification",
                        // the page showed the consent wording in this language: recorded when LINE confirms the link
                        "/api/notifications/line/code?consentLanguage="
                                + v.language().tag(),
                        v.token(),
                        new JsonObject(),
                        null,
                        v.ctx().request())
                .flatMap(answer -> {
                    if (answer.ok()) {
                        return Uni.createFrom().item(showOnce(v, answer.object()));
                    }
                    String message = switch (answer.problem()) {
                        case "reauthentication-required" ->
                            v.ja()
                                    ? "安全のため、ログインし直してから LINE をつないでください（ログアウトしてからログインし、すぐにこのページへ）。"
                                    : "For your safety, sign in again before linking LINE: sign out, sign in, and come straight back here.";
                        // two taps at once: the other one made her code (notification's 409)
                        case "conflict" ->
                            v.ja()
                                    ? "同時に2回押されました。もう一度「LINE をつなぐ（コードを表示）」を押してください。"
                                    : "It was tapped twice at once; please tap “Link LINE (show a code)” again.";
                        case "rate-limited" ->
                            v.ja()
                                    ? "続けて何度も試されました。しばらくしてからもう一度どうぞ。"
                                    : "Too many tries in a row; please wait a little and try again.";
                        default ->
                            v.ja()
                                    ? "いまはコードを出せませんでした。しばらくしてからお試しください。"
                                    : "No code could be made just now; please try again later.";
                    };
                    // her own refusals keep their status; only the service's own failure is "unavailable"
                    return page(v, message, answer.status() >= 500 || answer.status() < 400 ? 503 : answer.status());
                });
    }

    private Uni<PageFlow.Result> unlink(PageFlow.Visit v, MultiMap form) {
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(PageFlow.errorPage(403));
        }
        return services.delete(
                        "notification",
                        "/api/notifications/line",
                        v.token(),
                        v.ctx().request())
                .map(answer -> answer.ok() ? new PageFlow.Redirect(PATH + "?done=unlinked") : PageFlow.errorPage(503));
    }

    /** After a redirect: what was done, in her words (post-redirect-get, so a reload asks for nothing again). */
    private static String done(PageFlow.Visit v) {
        return "unlinked".equals(v.ctx().request().getParam("done"))
                ? (v.ja() ? "LINE とのつながりを解除しました。LINE にはもうお知らせを送りません。" : "LINE is unlinked: no more messages go there.")
                : null;
    }

    /**
     * The new code goes to the page she is sent to in a cookie only this page receives, living as long as the code: a
     * reload shows it again instead of asking for another, and it never appears in an address or the history.
     */
    private PageFlow.Result showOnce(PageFlow.Visit v, JsonObject newCode) {
        String code = newCode.getString("code", "");
        OffsetDateTime until = PageFlow.time(newCode.getString("expiresAt"));
        long seconds = until == null
                ? 0
                : Duration.between(clock.instant(), until.toInstant()).toSeconds();
        if (CODE_SHAPE.matcher(code).matches() && seconds > 0) {
            v.ctx()
                    .response()
                    .addCookie(Cookie.cookie(CODE_COOKIE, code)
                            .setPath(PATH)
                            .setMaxAge(Math.min(seconds, MAX_CODE_SECONDS))
                            .setHttpOnly(true)
                            .setSecure(v.ctx().request().isSSL())
                            .setSameSite(CookieSameSite.STRICT));
        }
        return new PageFlow.Redirect(PATH);
    }

    private static String shownCode(PageFlow.Visit v) {
        Cookie cookie = v.ctx().request().getCookie(CODE_COOKIE);
        return cookie != null && CODE_SHAPE.matcher(cookie.getValue()).matches() ? cookie.getValue() : null;
    }

    private static String https(String url) {
        return url != null && url.startsWith("https://") ? url : "";
    }

    /** 「12月6日(日)」 as every other page says a day. */
    private static String day(String instant, Language language) {
        OffsetDateTime at = PageFlow.time(instant);
        return at == null ? "" : Wording.day(at, language);
    }

    private static String time(String instant) {
        OffsetDateTime at = PageFlow.time(instant);
        return at == null ? "" : at.atZoneSameInstant(Wording.TOKYO).format(HH_MM);
    }
}
