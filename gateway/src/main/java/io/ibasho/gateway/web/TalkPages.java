package io.ibasho.gateway.web;

import io.ibasho.gateway.BrowserSessions;
import io.ibasho.gateway.FormBody;
import io.ibasho.gateway.web.PageFlow.Html;
import io.ibasho.gateway.web.PageFlow.Redirect;
import io.ibasho.gateway.web.PageFlow.Result;
import io.ibasho.gateway.web.PageFlow.Visit;
import io.ibasho.typedinput.TypedInput;
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

    /** An organisation she can choose, by its public name in her language. */
    @TemplateData
    public record Choice(String id, String name, String lang) {}

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
        Uni<ServiceCalls.Answer> organisations = services.get("notification", "/api/notifications/organisations", null);
        Uni<ServiceCalls.Answer> line = services.get("notification", "/api/notifications/line", v.token());
        return Uni.combine()
                .all()
                .unis(mine, preferences, organisations, line)
                .asTuple()
                .map(all -> {
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
                        data.put("lineSafe", false);
                        data.put("lineOffered", false);
                        data.put("form", formValues(null, null));
                        return (Result) new Html(200, "talk", data);
                    }
                    if (!requests.ok()) {
                        return PageFlow.errorPage(503);
                    }
                    JsonObject prefs = all.getItem2().ok() ? all.getItem2().object() : new JsonObject();
                    boolean emailSafe = prefs.getBoolean("emailVerified", false)
                            && prefs.getJsonArray("channels", new JsonArray()).contains("email");
                    JsonObject lineState = all.getItem4().ok() ? all.getItem4().object() : new JsonObject();
                    List<JsonObject> named = all.getItem3().ok()
                            ? all.getItem3().array().stream()
                                    .filter(JsonObject.class::isInstance)
                                    .map(JsonObject.class::cast)
                                    .toList()
                            : List.of();
                    Map<String, String> names = organisationNames(named, v.language());
                    data.put("notAttendee", false);
                    data.put("emailSafe", emailSafe);
                    data.put("lineOffered", lineState.getBoolean("available", false));
                    data.put("lineSafe", lineState.getBoolean("linked", false));
                    data.put("organisations", choices(named, v.language()));
                    data.put(
                            "sent",
                            requests.array().stream()
                                    .filter(JsonObject.class::isInstance)
                                    .map(JsonObject.class::cast)
                                    .map(r -> sent(r, tt, names))
                                    .toList());
                    data.put("form", formValues(form, v.ctx().request().getParam("organisation")));
                    return (Result) new Html(status, "talk", data);
                });
    }

    /**
     * The organisations whose consultation staff read requests now, by public name, in the list's order: also those
     * that publish no places to turn to.
     */
    static List<Choice> choices(List<JsonObject> organisations, Language language) {
        return organisations.stream()
                .filter(o -> o.getBoolean("acceptsRequests", false) && o.getString("id") != null)
                .map(o -> {
                    String[] name = Pages.title(o.getString("nameJa"), o.getString("nameEn"), language);
                    return new Choice(o.getString("id"), name[0], name[1]);
                })
                .toList();
    }

    /** The public name of each listed organisation in her language, by id (docs/adr/0028). */
    static Map<String, String> organisationNames(List<JsonObject> organisations, Language language) {
        Map<String, String> names = new HashMap<>();
        organisations.stream()
                .filter(o -> o.getString("id") != null)
                .forEach(o -> names.put(
                        o.getString("id"), Pages.title(o.getString("nameJa"), o.getString("nameEn"), language)[0]));
        return names;
    }

    /** The listed organisations' names, for the pages that name her requests' organisations; none if unreadable. */
    Uni<Map<String, String>> organisationNames(Language language) {
        return services.get("notification", "/api/notifications/organisations", null)
                .map(answer -> answer.ok()
                        ? organisationNames(
                                answer.array().stream()
                                        .filter(JsonObject.class::isInstance)
                                        .map(JsonObject.class::cast)
                                        .toList(),
                                language)
                        : Map.<String, String>of())
                .onFailure()
                .recoverWithItem(Map.of());
    }

    /**
     * The organisation of her request by its public name; one no longer listed (or a list that could not be read) is
     * said neutrally, never by its id, which means nothing to her.
     */
    static String organisationName(String organisationId, Map<String, String> names, Map<String, String> tt) {
        String name = organisationId == null ? null : names.get(organisationId);
        return name != null ? name : tt.get("unlistedOrganisation");
    }

    static Sent sent(JsonObject r, Map<String, String> tt, Map<String, String> names) {
        return new Sent(
                r.getString("id"),
                r.getString("reference", ""),
                organisationName(r.getString("organisationId"), names, tt),
                how(r, tt),
                when(r, tt),
                tt.getOrDefault(r.getString("status", ""), r.getString("status", "")));
    }

    /** How to reach her, in words (also the staff page's). */
    public static String how(JsonObject r, Map<String, String> tt) {
        return switch (r.getString("channel", "")) {
            case "in-app" -> tt.get("howInApp");
            case "email" -> tt.get("howEmail");
            case "line" -> tt.get("howLine");
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
                        tt.get("daySeparator"),
                        r.getJsonArray("days", new JsonArray()).stream()
                                .map(d -> tt.getOrDefault(String.valueOf(d), String.valueOf(d)))
                                .toList());
            default -> "";
        };
    }

    /** What she typed, to show again after a refusal (never stored anywhere else). */
    private static Map<String, Object> formValues(MultiMap form, String chosenOrganisation) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(
                "organisationId",
                form == null
                        ? Objects.toString(chosenOrganisation, "")
                        : Objects.toString(form.get("organisationId"), ""));
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
        // ０９０－１２３４－５６７８ from a phone keyboard is the same number (notification reads it the same way)
        String phone = TypedInput.plain(PageFlow.trimmed(form.get("callbackPhone"), 32));
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
        List<JsonObject> all = violations.stream()
                .filter(JsonObject.class::isInstance)
                .map(JsonObject.class::cast)
                .toList();
        // what only the service knows (LINE not linked, an organisation that paused) says what to do, in full
        Map<String, String> tt = TalkText.of(language);
        List<String> said = new java.util.ArrayList<>();
        all.stream().map(x -> x.getString("code", "")).distinct().forEach(code -> {
            if ("line-not-linked".equals(code)) {
                said.add(tt.get("lineNotLinked"));
            } else if ("not-accepting".equals(code)) {
                said.add(tt.get("notAccepting"));
            }
        });
        // a number she typed wrongly: say what a number looks like, not only which field
        if (all.stream()
                .anyMatch(x -> "callbackPhone".equals(x.getString("field")) && "pattern".equals(x.getString("code")))) {
            said.add(tt.get("phoneProblem"));
        }
        List<String> fields = all.stream()
                .filter(x ->
                        !"line-not-linked".equals(x.getString("code")) && !"not-accepting".equals(x.getString("code")))
                .filter(x -> !("callbackPhone".equals(x.getString("field")) && "pattern".equals(x.getString("code"))))
                .map(x -> x.getString("field", ""))
                .distinct()
                .toList();
        if (fields.isEmpty() && said.isEmpty()) {
            return ja ? "いまは送れませんでした。しばらくしてからお試しください。" : "This could not be sent just now; please try again later.";
        }
        if (!fields.isEmpty()) {
            said.add((ja ? "確認してください: " : "Please check: ")
                    + String.join(
                            ja ? "、" : ", ",
                            fields.stream().map(f -> fieldName(f, language)).toList()));
        }
        return String.join(" ", said);
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
