package io.ibasho.gateway.web.staff;

import static io.ibasho.gateway.web.PageFlow.arr;
import static io.ibasho.gateway.web.PageFlow.errorPage;
import static io.ibasho.gateway.web.PageFlow.uuid;

import io.ibasho.gateway.BrowserSessions;
import io.ibasho.gateway.FormBody;
import io.ibasho.gateway.web.Language;
import io.ibasho.gateway.web.PageFlow;
import io.ibasho.gateway.web.PageFlow.Html;
import io.ibasho.gateway.web.PageFlow.Redirect;
import io.ibasho.gateway.web.PageFlow.Result;
import io.ibasho.gateway.web.PageFlow.Visit;
import io.ibasho.gateway.web.Roles;
import io.ibasho.gateway.web.ServiceCalls;
import io.ibasho.gateway.web.ServiceCalls.Answer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An organiser's sessions (her own organisation's only; the event service decides which those are): the list, a new
 * session, editing one, and publishing, cancelling or completing it. Every problem with what she typed is shown next to
 * its field, whether the gateway found it (syntax) or the event service did (its rules, by stable code).
 */
@ApplicationScoped
public class OrganiserSessionPages {
    private static final List<String> ACTIONS = List.of("publish", "cancel", "complete");

    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    void routes(@Observes Router router) {
        router.get("/staff").order(900).handler(ctx -> flow.page(ctx, true, StaffViews::home));
        router.get("/staff/sessions").order(900).handler(ctx -> flow.page(ctx, true, organiser(this::list)));
        router.get("/staff/sessions/new")
                .order(900)
                .handler(ctx ->
                        flow.page(ctx, true, organiser(v -> form(v, null, blankValues(), Map.of(), null, 200))));
        router.post("/staff/sessions/new")
                .order(900)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, organiser(v -> create(v, form)))));
        router.get("/staff/sessions/:id").order(900).handler(ctx -> flow.page(ctx, true, organiser(this::edit)));
        router.post("/staff/sessions/:id")
                .order(900)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, organiser(v -> update(v, form)))));
        router.post("/staff/sessions/:id/:action")
                .order(901)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, organiser(v -> action(v, form)))));
    }

    /** Only organisers: anyone else signed in gets the forbidden page (the service would refuse them too). */
    static java.util.function.Function<Visit, Uni<Result>> organiser(
            java.util.function.Function<Visit, Uni<Result>> page) {
        return v ->
                v.hasRole(Roles.ORGANISER) ? page.apply(v) : Uni.createFrom().item(PageFlow.notAllowed());
    }

    // ---- the list ----

    private Uni<Result> list(Visit v) {
        return services.get("event", "/api/events/sessions/mine?size=200", v.token())
                .map(answer -> {
                    if (!answer.ok()) {
                        return errorPage(answer.status() == 403 ? 403 : 503);
                    }
                    List<StaffViews.SessionRow> rows = new ArrayList<>();
                    answer.array().stream()
                            .filter(JsonObject.class::isInstance)
                            .map(JsonObject.class::cast)
                            .sorted(Comparator.comparing(s -> s.getString("startsAt", "")))
                            .forEach(s -> rows.add(StaffViews.row(s, v.language())));
                    Map<String, Object> data = new HashMap<>();
                    data.put("nav", "staff-sessions");
                    data.put("st", StaffText.of(v.language()));
                    data.put("rows", rows);
                    return new Html(200, "staff/sessions", data);
                });
    }

    // ---- new and edit ----

    private Uni<Result> create(Visit v, MultiMap form) {
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        Map<String, String> typed = typed(form);
        SessionForm.Parsed parsed = SessionForm.read(typed, null, v.language());
        if (!parsed.valid()) {
            return form(v, null, typed, parsed.errors(), null, 422);
        }
        return services.post(
                        "event",
                        "/api/events/sessions",
                        v.token(),
                        parsed.request(),
                        null,
                        v.ctx().request())
                .flatMap(answer -> answer.ok()
                        ? Uni.createFrom()
                                .item(new Redirect(
                                        "/staff/sessions/" + answer.object().getString("id") + "?done=saved"))
                        : refused(v, null, typed, answer));
    }

    private Uni<Result> edit(Visit v) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        return manage(v, id)
                .flatMap(session -> session == null
                        ? Uni.createFrom().item(errorPage(404))
                        : form(v, session, SessionForm.valuesOf(session), Map.of(), done(v), 200));
    }

    private Uni<Result> update(Visit v, MultiMap form) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        Map<String, String> typed = typed(form);
        return manage(v, id).flatMap(session -> {
            if (session == null) {
                return Uni.createFrom().item(errorPage(404));
            }
            SessionForm.Parsed parsed = SessionForm.read(typed, session, v.language());
            if (!parsed.valid()) {
                return form(v, session, typed, parsed.errors(), null, 422);
            }
            return services.put(
                            "event",
                            "/api/events/sessions/" + id,
                            v.token(),
                            parsed.request(),
                            v.ctx().request())
                    .flatMap(answer -> answer.ok()
                            ? Uni.createFrom().item(new Redirect("/staff/sessions/" + id + "?done=saved"))
                            : refused(v, session, typed, answer));
        });
    }

    private Uni<Result> action(Visit v, MultiMap form) {
        UUID id = uuid(v.ctx().pathParam("id"));
        String action = v.ctx().pathParam("action");
        if (id == null || !ACTIONS.contains(action)) {
            return Uni.createFrom().item(errorPage(404));
        }
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        return services.post(
                        "event",
                        "/api/events/sessions/" + id + "/" + action,
                        v.token(),
                        null,
                        null,
                        v.ctx().request())
                .flatMap(answer -> {
                    if (answer.ok()) {
                        String done = switch (action) {
                            case "publish" -> "published";
                            case "cancel" -> "cancelled";
                            default -> "completed";
                        };
                        return Uni.createFrom().item(new Redirect("/staff/sessions/" + id + "?done=" + done));
                    }
                    if (answer.status() == 404) {
                        return Uni.createFrom().item(errorPage(404));
                    }
                    if (answer.status() >= 500) {
                        return Uni.createFrom().item(errorPage(503));
                    }
                    // e.g. publishing a draft that breaks a rule: the form again, with the problems beside the fields
                    return manage(v, id)
                            .flatMap(session -> session == null
                                    ? Uni.createFrom().item(errorPage(404))
                                    : refused(v, session, SessionForm.valuesOf(session), answer));
                });
    }

    /** The service refused what she typed: its violations next to her fields, her values kept. */
    private Uni<Result> refused(Visit v, JsonObject session, Map<String, String> typed, Answer answer) {
        if (answer.status() >= 500 || answer.status() == 401) {
            return Uni.createFrom().item(errorPage(503));
        }
        if (answer.status() == 403 || answer.status() == 404) {
            return Uni.createFrom().item(errorPage(answer.status()));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        JsonArray violations = arr(answer.object(), "violations");
        for (Object o : violations) {
            if (o instanceof JsonObject violation) {
                String field = SessionForm.fieldOf(violation.getString("field"));
                String message =
                        SessionForm.message(violation.getString("code"), violation.getString("message"), v.language());
                errors.merge(field, message, (a, b) -> a + " " + b);
            }
        }
        if (errors.isEmpty()) {
            errors.put(
                    "form",
                    answer.object()
                            .getString("detail", StaffText.of(v.language()).get("fixErrors")));
        }
        return form(v, session, typed, errors, null, 422);
    }

    private Uni<Result> form(
            Visit v,
            JsonObject session,
            Map<String, String> values,
            Map<String, String> errors,
            String message,
            int status) {
        return services.get("event", "/api/events/venues/mine", v.token())
                .map(a -> a.ok() ? a.array() : new JsonArray())
                .onFailure()
                .recoverWithItem(new JsonArray())
                .map(venues -> {
                    Map<String, Object> data = new HashMap<>();
                    data.put("nav", "staff-sessions");
                    data.put("st", StaffText.of(v.language()));
                    data.put("session", session == null ? null : StaffViews.row(session, v.language()));
                    data.put(
                            "action",
                            session == null ? "/staff/sessions/new" : "/staff/sessions/" + session.getString("id"));
                    data.put("fields", StaffViews.sessionFields(values, errors, venues, v.language()));
                    data.put("formError", errors.get("form"));
                    data.put("hasErrors", !errors.isEmpty());
                    data.put("errorList", StaffViews.errorList(errors, v.language()));
                    data.put("message", message);
                    data.put("status", session == null ? "" : session.getString("status", ""));
                    data.put("lottery", session != null && "LOTTERY".equals(session.getString("allocation")));
                    return (Result) new Html(status, "staff/session-form", data);
                });
    }

    private Uni<JsonObject> manage(Visit v, UUID id) {
        return services.get("event", "/api/events/sessions/" + id + "/manage", v.token())
                .map(answer -> answer.ok() ? answer.object() : null);
    }

    private static String done(Visit v) {
        String done = v.ctx().request().getParam("done");
        if (done == null
                || !List.of("saved", "published", "cancelled", "completed").contains(done)) {
            return null;
        }
        return StaffText.of(v.language()).get(done);
    }

    private static Map<String, String> blankValues() {
        Map<String, String> values = new HashMap<>();
        values.put("kind", "cafe");
        values.put("allocation", "FIRST_COME");
        values.put("childcareRequiredToWin", "1"); // the service's default, shown ticked
        return values;
    }

    private static Map<String, String> typed(MultiMap form) {
        Map<String, String> typed = new HashMap<>();
        for (String field : SessionForm.FIELDS) {
            String value = form.get(field);
            if (value != null) {
                typed.put(field, value.length() > 2000 ? value.substring(0, 2000) : value);
            }
        }
        return typed;
    }

    static Language language(Visit v) {
        return v.language();
    }

    static OffsetDateTime parse(String iso) {
        return PageFlow.time(iso);
    }
}
