package io.ibasho.gateway.web;

import io.ibasho.gateway.BrowserSessions;
import io.ibasho.gateway.FormBody;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * LINE as a safe channel in her settings (issue #17, docs/adr/0024): whether her LINE is linked, a one-time code with
 * the steps to link it (add the organisation's official account as a friend, send it the code), and unlinking. Only
 * shown when this installation has an official account. The code is shown once, on the page that asked for it.
 */
@ApplicationScoped
public class LinePages {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    void routes(@Observes Router router) {
        router.get("/app/settings/line").order(899).handler(ctx -> flow.page(ctx, true, v -> page(v, null, null, 200)));
        router.post("/app/settings/line/code")
                .order(899)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, v -> code(v, form))));
        router.post("/app/settings/line/unlink")
                .order(899)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, v -> unlink(v, form))));
    }

    private Uni<PageFlow.Result> page(PageFlow.Visit v, JsonObject newCode, String message, int status) {
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
                    data.put("linked", PageFlow.bool(state, "linked"));
                    data.put("linkedOn", day(state.getString("linkedAt")));
                    String friendUrl = newCode != null ? newCode.getString("friendUrl") : state.getString("friendUrl");
                    data.put("friendUrl", friendUrl != null && friendUrl.startsWith("https://") ? friendUrl : "");
                    data.put("code", newCode == null ? "" : newCode.getString("code", ""));
                    data.put("codeUntil", newCode == null ? "" : time(newCode.getString("expiresAt")));
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
                        return page(v, answer.object(), null, 200);
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
                    return page(
                            v, null, message, answer.status() >= 500 || answer.status() < 400 ? 503 : answer.status());
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
                .flatMap(answer -> answer.ok()
                        ? page(
                                v,
                                null,
                                v.ja()
                                        ? "LINE とのつながりを解除しました。LINE にはもうお知らせを送りません。"
                                        : "LINE is unlinked: no more messages go there.",
                                200)
                        : Uni.createFrom().item(PageFlow.errorPage(503)));
    }

    private static String day(String instant) {
        OffsetDateTime at = PageFlow.time(instant);
        return at == null ? "" : at.atZoneSameInstant(TOKYO).toLocalDate().toString();
    }

    private static String time(String instant) {
        OffsetDateTime at = PageFlow.time(instant);
        return at == null ? "" : at.atZoneSameInstant(TOKYO).format(HH_MM);
    }
}
