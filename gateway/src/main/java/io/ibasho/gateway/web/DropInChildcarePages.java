package io.ibasho.gateway.web;

import static io.ibasho.gateway.web.PageFlow.bool;
import static io.ibasho.gateway.web.PageFlow.errorPage;
import static io.ibasho.gateway.web.PageFlow.obj;
import static io.ibasho.gateway.web.PageFlow.time;
import static io.ibasho.gateway.web.PageFlow.uuid;

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
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * 託児 alone at a drop-in café (allocation NONE): the reservation form on the session, her code for the carers, and
 * cancelling with a confirmation step. No seat is booked; the childcare-booking service decides with the same rules as
 * for a seat. URLs carry ids only and every title stays the neutral one (docs/webapp.md).
 */
@ApplicationScoped
public class DropInChildcarePages {
    private static final String API = "/api/childcare/drop-in-childcare";

    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    @Inject
    Clock clock;

    void routes(@Observes Router router) {
        router.get("/s/:id/childcare")
                .order(900)
                .handler(ctx -> flow.page(ctx, false, v -> form(v, List.of(), Map.of(), 200)));
        router.post("/s/:id/childcare")
                .order(900)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, false, v -> reserve(v, form))));
        router.get("/app/childcare/:id").order(900).handler(ctx -> flow.page(ctx, true, this::reservation));
        router.get("/app/childcare/:id/cancel").order(900).handler(ctx -> flow.page(ctx, true, this::confirmCancel));
        router.post("/app/childcare/:id/cancel")
                .order(900)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, v -> cancel(v, form))));
    }

    /** One of her reservations as a line on My bookings and as its own page. */
    @TemplateData
    public record Reservation(
            String id,
            String sessionId,
            String title,
            String titleLang,
            String when,
            String code,
            boolean active,
            String status,
            List<String> children) {}

    /** A row of the form: the ages offered, and what she entered (shown again with a mistake). */
    @TemplateData
    public record FormRow(
            int n, List<Views.Option> ages, String nickname, String notes, String nicknameError, String notesError) {}

    // ---- for the session page and My bookings -----------------------------------------------------------------

    /** Her reservations that still hold, each with its session's title and time; empty when signed out or failing. */
    public Uni<List<Reservation>> mine(Visit v) {
        if (!v.signedIn()) {
            return Uni.createFrom().item(List.of());
        }
        return services.get("childcare-booking", API + "/mine", v.token())
                .map(a -> a.ok() ? a.array() : new JsonArray())
                .onFailure()
                .recoverWithItem(new JsonArray())
                .flatMap(list -> {
                    List<JsonObject> own = list.stream()
                            .filter(JsonObject.class::isInstance)
                            .map(JsonObject.class::cast)
                            .toList();
                    if (own.isEmpty()) {
                        return Uni.createFrom().item(List.<Reservation>of());
                    }
                    List<Uni<Reservation>> each = own.stream()
                            .map(r -> session(r.getString("sessionId")).map(s -> reservation(r, s, v.language())))
                            .toList();
                    return Uni.join().all(each).andCollectFailures();
                });
    }

    /** Her reservation that holds for this session, or null. */
    public static Reservation forSession(List<Reservation> mine, String sessionId) {
        return mine.stream()
                .filter(r -> r.active() && sessionId.equals(r.sessionId()))
                .findFirst()
                .orElse(null);
    }

    /** Whether the session page offers the reservation: a drop-in session, childcare offered, still open. */
    public static boolean offered(JsonObject session, OffsetDateTime now) {
        JsonObject childcare = obj(session, "childcare");
        String status = session.getString("status", "");
        OffsetDateTime ends = time(session.getString("endsAt"));
        boolean over = "CANCELLED".equalsIgnoreCase(status)
                || "COMPLETED".equalsIgnoreCase(status)
                || (ends != null && ends.isBefore(now));
        String allocation = session.getString("allocation");
        return DropInChildcareForm.open(
                allocation == null || "NONE".equals(allocation),
                bool(childcare, "offered"),
                time(childcare.getString("deadline")),
                over,
                now);
    }

    // ---- the form ---------------------------------------------------------------------------------------------

    private Uni<Result> form(Visit v, List<DropInChildcareForm.Row> rows, Map<String, String> errors, int status) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        return services.get("event", "/api/events/sessions/" + id, null).map(found -> {
            if (found.status() == 404 || found.status() == 400) {
                return errorPage(404);
            }
            if (!found.ok()) {
                return errorPage(503);
            }
            return new Html(status, "dropin-childcare", formData(v, found.object(), rows, errors));
        });
    }

    private Map<String, Object> formData(
            Visit v, JsonObject s, List<DropInChildcareForm.Row> rows, Map<String, String> errors) {
        Map<String, Object> data = new HashMap<>();
        String[] title = Pages.title(s.getString("titleJa"), s.getString("titleEn"), v.language());
        JsonObject childcare = obj(s, "childcare");
        Integer min = childcare.getInteger("minAgeYears");
        Integer max = childcare.getInteger("maxAgeYears");
        data.put("nav", "find");
        data.put("sessionId", s.getString("id"));
        data.put("title", title[0]);
        data.put("titleLang", title[1]);
        data.put("when", Wording.when(time(s.getString("startsAt")), time(s.getString("endsAt")), v.language()));
        data.put("open", offered(s, OffsetDateTime.now(clock)));
        data.put(
                "childcareText",
                Wording.childcare(
                        bool(childcare, "offered"), min, max, time(childcare.getString("deadline")), v.language()));
        OffsetDateTime deadline = time(childcare.getString("deadline"));
        data.put("deadline", deadline == null ? null : Wording.until(deadline, v.language()));
        List<FormRow> formRows = new ArrayList<>();
        for (int n = 1; n <= DropInChildcareForm.ROWS; n++) {
            DropInChildcareForm.Row entered =
                    rows.size() >= n ? rows.get(n - 1) : new DropInChildcareForm.Row("", "", "");
            String chosen = entered.age() == null ? "" : entered.age();
            List<Views.Option> ages = new ArrayList<>();
            ages.add(new Views.Option("", v.text("noChild"), chosen.isEmpty()));
            for (int age : DropInChildcareForm.ages(min, max)) {
                ages.add(new Views.Option(
                        Integer.toString(age), Wording.age(age, v.language()), chosen.equals(Integer.toString(age))));
            }
            formRows.add(new FormRow(
                    n,
                    ages,
                    entered.nickname() == null ? "" : entered.nickname(),
                    entered.notes() == null ? "" : entered.notes(),
                    errors.get("childNickname" + n),
                    errors.get("careNotes" + n)));
        }
        data.put("rows", formRows);
        data.put("errors", errors);
        data.put("hasErrors", !errors.isEmpty());
        data.put("already", errors.containsKey("already"));
        data.put("signInHref", "/app/signin?next=" + PageFlow.enc("/s/" + s.getString("id") + "/childcare"));
        return data;
    }

    private Uni<Result> reserve(Visit v, MultiMap form) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        if (!v.signedIn()) {
            return Uni.createFrom().item(new Redirect("/s/" + id + "/childcare"));
        }
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        List<DropInChildcareForm.Row> rows = new ArrayList<>();
        for (int n = 1; n <= DropInChildcareForm.ROWS; n++) {
            rows.add(new DropInChildcareForm.Row(
                    form.get("childAge" + n), form.get("childNickname" + n), form.get("careNotes" + n)));
        }
        DropInChildcareForm.Checked checked = DropInChildcareForm.check(rows, v.language());
        if (!checked.errors().isEmpty()) {
            return form(v, rows, checked.errors(), 422);
        }
        JsonObject body = new JsonObject().put("sessionId", id.toString()).put("children", checked.children());
        if (checked.children().stream()
                .anyMatch(c ->
                        ((JsonObject) c).containsKey("childNickname") || ((JsonObject) c).containsKey("careNotes"))) {
            // the form showed the consent wording in this language (issue #18): childcare-booking records it
            body.put("consentLanguage", v.language().tag());
        }
        return services.post(
                        "childcare-booking", API, v.token(), body, null, v.ctx().request())
                .flatMap(answer -> {
                    if (answer.ok()) {
                        return Uni.createFrom()
                                .item(new Redirect(
                                        "/app/childcare/" + answer.object().getString("id") + "?done=reserved"));
                    }
                    return switch (DropInChildcareForm.refused(answer.status(), answer.problem())) {
                        case FORM -> refusedOnForm(v, id, rows, answer.problem());
                        case ALREADY_RESERVED -> form(v, rows, Map.of("already", v.text("dropInAlready")), 409);
                        case NOT_ATTENDEE -> Uni.createFrom().item(notAttendee(v));
                        case UNAVAILABLE -> Uni.createFrom().item(errorPage(503));
                    };
                });
    }

    /** The refusal next to the children's fields, worded with the session's own ages and deadline. */
    private Uni<Result> refusedOnForm(Visit v, UUID id, List<DropInChildcareForm.Row> rows, String problem) {
        return services.get("event", "/api/events/sessions/" + id, null).map(found -> {
            if (!found.ok()) {
                return errorPage(found.status() == 404 ? 404 : 503);
            }
            JsonObject childcare = obj(found.object(), "childcare");
            String sentence = DropInChildcareForm.refusal(
                    problem,
                    childcare.getInteger("minAgeYears"),
                    childcare.getInteger("maxAgeYears"),
                    time(childcare.getString("deadline")),
                    v.language());
            return new Html(
                    "validation".equals(problem) || "malformed-json".equals(problem) ? 422 : 409,
                    "dropin-childcare",
                    formData(v, found.object(), rows, Map.of("childAge", sentence)));
        });
    }

    private static Result notAttendee(Visit v) {
        Map<String, Object> data = new HashMap<>();
        data.put("nav", "find");
        data.put("outcome", "not_attendee");
        data.put("outcomeTitle", BookingForm.title(BookingForm.Outcome.NOT_ATTENDEE, v.language()));
        data.put("outcomeNext", BookingForm.nextStep(BookingForm.Outcome.NOT_ATTENDEE, null, null, v.language()));
        return new Html(403, "dropin-childcare-refused", data);
    }

    // ---- her reservation ----------------------------------------------------------------------------------------

    private Uni<Result> reservation(Visit v) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        String done = v.ctx().request().getParam("done");
        return one(v, id).map(r -> {
            if (r == null) {
                return errorPage(404);
            }
            Map<String, Object> data = new HashMap<>();
            data.put("nav", "bookings");
            data.put("r", r);
            data.put(
                    "message",
                    "reserved".equals(done)
                            ? v.text("dropInReserved")
                            : "cancelled".equals(done) ? v.text("dropInCancelled") : null);
            return (Result) new Html(200, "dropin-childcare-reservation", data);
        });
    }

    private Uni<Result> confirmCancel(Visit v) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        return one(v, id)
                .map(r -> r == null || !r.active()
                        ? (r == null ? errorPage(404) : new Redirect("/app/childcare/" + id))
                        : new Html(200, "dropin-childcare-cancel", Map.of("nav", "bookings", "r", r)));
    }

    private Uni<Result> cancel(Visit v, MultiMap form) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        return services.delete(
                        "childcare-booking", API + "/" + id, v.token(), v.ctx().request())
                .map(answer -> {
                    if (answer.ok()) {
                        return new Redirect("/app/childcare/" + id + "?done=cancelled");
                    }
                    // already cancelled (a double tap, another tab): her page says so
                    return answer.status() == 404 ? new Redirect("/app/childcare/" + id) : errorPage(503);
                });
    }

    private Uni<Reservation> one(Visit v, UUID id) {
        return services.get("childcare-booking", API + "/" + id, v.token()).flatMap(answer -> {
            if (answer.status() == 404 || answer.status() == 400 || answer.status() == 403) {
                return Uni.createFrom().nullItem();
            }
            if (!answer.ok()) {
                return Uni.createFrom()
                        .failure(new IllegalStateException("childcare-booking answered " + answer.status()));
            }
            JsonObject r = answer.object();
            return session(r.getString("sessionId")).map(s -> reservation(r, s, v.language()));
        });
    }

    private Uni<JsonObject> session(String sessionId) {
        if (uuid(sessionId) == null) {
            return Uni.createFrom().item(new JsonObject());
        }
        return services.get("event", "/api/events/sessions/" + sessionId, null)
                .map(a -> a.ok() ? a.object() : new JsonObject())
                .onFailure()
                .recoverWithItem(new JsonObject());
    }

    static Reservation reservation(JsonObject r, JsonObject s, Language language) {
        boolean ja = language == Language.JA;
        String[] title = Pages.title(s.getString("titleJa"), s.getString("titleEn"), language);
        OffsetDateTime starts = time(s.getString("startsAt"));
        if (starts == null) {
            starts = time(r.getString("sessionStartsAt")); // when the event service could not be asked
        }
        boolean active = "RESERVED".equals(r.getString("status"));
        List<String> children = new ArrayList<>();
        for (Object o : r.getJsonArray("children", new JsonArray())) {
            if (o instanceof JsonObject c) {
                StringBuilder line = new StringBuilder();
                line.append(Wording.age(c.getInteger("ageYears", 0), language));
                if (c.getString("childNickname") != null) {
                    line.append(ja ? "（" : " (")
                            .append(c.getString("childNickname"))
                            .append(ja ? "）" : ")");
                }
                if (c.getString("careNotes") != null) {
                    line.append(ja ? "・保育者への連絡あり" : ", with notes");
                }
                children.add(line.toString());
            }
        }
        return new Reservation(
                r.getString("id"),
                r.getString("sessionId"),
                title[0],
                title[1],
                starts == null ? "" : Wording.when(starts, time(s.getString("endsAt")), language),
                active ? r.getString("handoverCode") : null,
                active,
                active ? (ja ? "託児を予約しています" : "Childcare reserved") : (ja ? "取り消し済み" : "Cancelled"),
                children);
    }
}
