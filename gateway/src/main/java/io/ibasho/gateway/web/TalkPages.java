package io.ibasho.gateway.web;

import io.ibasho.gateway.BrowserSessions;
import io.ibasho.gateway.FormBody;
import io.ibasho.gateway.web.PageFlow.Html;
import io.ibasho.gateway.web.PageFlow.Redirect;
import io.ibasho.gateway.web.PageFlow.Result;
import io.ibasho.gateway.web.PageFlow.Visit;
import io.quarkus.qute.TemplateData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * 「話したいことがあります」: she asks an organisation's consultation staff to contact her, how and when it is safe, and
 * sees where each request stands. Everything lives in the notification service; this page only words it. Nothing goes
 * to browser storage, and the menu entry says nothing about consultation.
 */
@ApplicationScoped
public class TalkPages {
    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    static final List<String> DAY_CODES = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    /** One of her requests, worded for her. */
    @TemplateData
    public record Sent(String id, String reference, String organisation, String how, String when, String status) {}

    void routes(@Observes Router router) {
        router.get("/app/talk").order(900).handler(ctx -> flow.page(ctx, true, v -> page(v, null, null, 200)));
        router.post("/app/talk")
                .order(900)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, v -> send(v, form))));
        router.post("/app/talk/:id/withdraw")
                .order(900)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, v -> withdraw(v, form))));
    }

    private Uni<Result> page(Visit v, MultiMap form, String error, int status) {
        Map<String, String> tt = TalkText.of(v.language());
        Uni<ServiceCalls.Answer> mine = services.get("notification", "/api/notifications/talk-requests", v.token());
        Uni<ServiceCalls.Answer> preferences =
                services.get("notification", "/api/notifications/preferences", v.token());
        Uni<ServiceCalls.Answer> lines = services.get("event", "/api/events/support-lines", null);
        return Uni.combine().all().unis(mine, preferences, lines).asTuple().map(all -> {
            ServiceCalls.Answer requests = all.getItem1();
            Map<String, Object> data = new HashMap<>();
            data.put("nav", "talk");
            data.put("tt", tt);
            data.put("dayCodes", DAY_CODES);
            data.put("error", error == null ? "" : error);
            String done = v.ctx().request().getParam("done");
            data.put("message", "sent".equals(done) || "withdrawn".equals(done) ? tt.get(done) : "");
            if (requests.status() == 403) {
                data.put("notAttendee", true);
                data.put("organisations", List.of());
                data.put("sent", List.of());
                data.put("emailSafe", false);
                data.put("form", formValues(null));
                return (Result) new Html(200, "talk", data);
            }
            if (!requests.ok()) {
                return PageFlow.errorPage(503);
            }
            JsonObject prefs = all.getItem2().ok() ? all.getItem2().object() : new JsonObject();
            boolean emailSafe = prefs.getBoolean("emailVerified", false)
                    && prefs.getJsonArray("channels", new JsonArray()).contains("email");
            data.put("notAttendee", false);
            data.put("emailSafe", emailSafe);
            data.put("organisations", organisations(all.getItem3()));
            data.put(
                    "sent",
                    requests.array().stream()
                            .filter(JsonObject.class::isInstance)
                            .map(JsonObject.class::cast)
                            .map(r -> sent(r, tt))
                            .toList());
            data.put("form", formValues(form));
            return (Result) new Html(status, "talk", data);
        });
    }

    /** The organisations that publish places to turn to, each once, in the order they come. */
    static List<String> organisations(ServiceCalls.Answer lines) {
        if (!lines.ok()) {
            return List.of();
        }
        return lines.array().stream()
                .filter(JsonObject.class::isInstance)
                .map(l -> ((JsonObject) l).getString("organisationId"))
                .filter(Objects::nonNull)
                .distinct()
                .toList();
    }

    static Sent sent(JsonObject r, Map<String, String> tt) {
        return new Sent(
                r.getString("id"),
                r.getString("reference", ""),
                r.getString("organisationId", ""),
                how(r, tt),
                when(r, tt),
                tt.getOrDefault(r.getString("status", ""), r.getString("status", "")));
    }

    /** How to reach her, in words (also the staff page's). */
    public static String how(JsonObject r, Map<String, String> tt) {
        return switch (r.getString("channel", "")) {
            case "in-app" -> tt.get("howInApp");
            case "email" -> tt.get("howEmail");
            case "in-person" -> tt.get("howInPerson");
            case "callback" -> tt.get("phone") + ": " + r.getString("callbackPhone", "");
            default -> "";
        };
    }

    /** When to reach her, in words (also the staff page's). */
    public static String when(JsonObject r, Map<String, String> tt) {
        return switch (r.getString("timeWindow", "")) {
            case "weekday-daytime" -> tt.get("weekdayDaytime");
            case "weekday-evening" -> tt.get("weekdayEvening");
            case "weekend" -> tt.get("weekend");
            case "specific-days" ->
                String.join(
                        "・",
                        r.getJsonArray("days", new JsonArray()).stream()
                                .map(d -> tt.getOrDefault(String.valueOf(d), String.valueOf(d)))
                                .toList());
            default -> "";
        };
    }

    /** What she typed, to show again after a refusal (never stored anywhere else). */
    private static Map<String, Object> formValues(MultiMap form) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("organisationId", form == null ? "" : Objects.toString(form.get("organisationId"), ""));
        values.put("channel", form == null ? "in-app" : Objects.toString(form.get("channel"), "in-app"));
        values.put("callbackPhone", form == null ? "" : Objects.toString(form.get("callbackPhone"), ""));
        values.put(
                "timeWindow",
                form == null ? "weekday-daytime" : Objects.toString(form.get("timeWindow"), "weekday-daytime"));
        values.put("days", form == null ? List.of() : form.getAll("days"));
        values.put("note", form == null ? "" : Objects.toString(form.get("note"), ""));
        return values;
    }

    private Uni<Result> send(Visit v, MultiMap form) {
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(PageFlow.errorPage(403));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organisationId", PageFlow.trimmed(form.get("organisationId"), 64));
        body.put("channel", PageFlow.trimmed(form.get("channel"), 16));
        String phone = PageFlow.trimmed(form.get("callbackPhone"), 32);
        if ("callback".equals(body.get("channel"))) {
            body.put("callbackPhone", phone);
        }
        body.put("timeWindow", PageFlow.trimmed(form.get("timeWindow"), 32));
        if ("specific-days".equals(body.get("timeWindow"))) {
            body.put("days", form.getAll("days"));
        }
        String note = PageFlow.trimmed(form.get("note"), 400);
        if (note != null && !note.isBlank()) {
            body.put("note", note);
        }
        return services.post(
                        "notification",
                        "/api/notifications/talk-requests",
                        v.token(),
                        body,
                        null,
                        v.ctx().request())
                .flatMap(answer -> {
                    if (answer.ok()) {
                        return Uni.createFrom().item((Result) new Redirect("/app/talk?done=sent"));
                    }
                    if (answer.status() == 403) {
                        return Uni.createFrom().item(PageFlow.notAllowed());
                    }
                    return page(v, form, refusal(answer, v.language()), answer.status() >= 500 ? 503 : 422);
                });
    }

    /** What to fix, in her language: from the problem's field violations, not the service's English. */
    static String refusal(ServiceCalls.Answer answer, Language language) {
        boolean ja = language == Language.JA;
        String problem = answer.problem();
        if ("talk-channel-not-safe".equals(problem)) {
            return ja
                    ? "メールは、設定でメールを選んでアドレスを確認してから使えます。ほかの方法を選んでください。"
                    : "E-mail can be used once you choose it and confirm your address in your settings; please choose another way.";
        }
        if ("talk-requests-limit".equals(problem)) {
            return ja
                    ? "終了していない連絡が多すぎます。どれかを取り消してから送ってください。"
                    : "You have too many requests that are not closed yet; withdraw one first.";
        }
        if ("rate-limited".equals(problem)) {
            return ja ? "少し時間をおいてからお試しください。" : "Please wait a moment and try again.";
        }
        JsonArray violations = answer.object().getJsonArray("violations", new JsonArray());
        List<String> fields = violations.stream()
                .filter(JsonObject.class::isInstance)
                .map(x -> ((JsonObject) x).getString("field", ""))
                .distinct()
                .toList();
        if (fields.isEmpty()) {
            return ja ? "いまは送れませんでした。しばらくしてからお試しください。" : "This could not be sent just now; please try again later.";
        }
        return (ja ? "確認してください: " : "Please check: ")
                + String.join(
                        ja ? "、" : ", ",
                        fields.stream().map(f -> fieldName(f, language)).toList());
    }

    private static String fieldName(String field, Language language) {
        Map<String, String> tt = TalkText.of(language);
        return switch (field) {
            case "organisationId" -> tt.get("organisation");
            case "channel" -> tt.get("how");
            case "callbackPhone" -> tt.get("phone");
            case "timeWindow" -> tt.get("when");
            case "days" -> tt.get("days");
            case "note" -> tt.get("note");
            default -> field;
        };
    }

    private Uni<Result> withdraw(Visit v, MultiMap form) {
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(PageFlow.errorPage(403));
        }
        UUID id = PageFlow.uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(PageFlow.errorPage(404));
        }
        return services.delete(
                        "notification",
                        "/api/notifications/talk-requests/" + id,
                        v.token(),
                        v.ctx().request())
                .map(answer -> answer.ok()
                        ? new Redirect("/app/talk?done=withdrawn")
                        : PageFlow.errorPage(answer.status() == 404 ? 404 : 503));
    }
}
