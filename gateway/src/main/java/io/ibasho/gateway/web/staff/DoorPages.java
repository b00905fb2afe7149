package io.ibasho.gateway.web.staff;

import static io.ibasho.gateway.web.PageFlow.errorPage;
import static io.ibasho.gateway.web.PageFlow.uuid;

import io.ibasho.gateway.BrowserSessions;
import io.ibasho.gateway.FormBody;
import io.ibasho.gateway.web.Language;
import io.ibasho.gateway.web.PageFlow;
import io.ibasho.gateway.web.PageFlow.Html;
import io.ibasho.gateway.web.PageFlow.Raw;
import io.ibasho.gateway.web.PageFlow.Redirect;
import io.ibasho.gateway.web.PageFlow.Result;
import io.ibasho.gateway.web.PageFlow.Visit;
import io.ibasho.gateway.web.ServiceCalls;
import io.ibasho.gateway.web.Wording;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The door of a session: the roster (read from registration, which audits every read with the reason "door"), check-in
 * by a booking code typed in or read from her QR code with the phone's camera, attended or no-show, and drop-ins
 * counted with one tap. Without JavaScript everything but the camera works. Registration takes check-ins and drop-ins
 * on the session's day only (Tokyo, by its clock) and never for a cancelled session: its roster says whether the door
 * is open now, and the page shows its forms only then; a form sent anyway (a page left open past midnight) is refused
 * by registration ({@code not-door-day}, {@code session-cancelled}). A refused form comes back by post-redirect-get
 * with its problem type, said in the page's words ({@link StaffProblems}).
 */
@ApplicationScoped
public class DoorPages {
    /** The roster read's reason, recorded by registration's roster audit. */
    static final String AUDIT_REASON = "door";
    /** A camera frame larger than this is not read (a 640 px JPEG is about 30 KB). */
    static final int MAX_FRAME_BYTES = 300 * 1024;

    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    void routes(@Observes Router router) {
        router.get("/staff/sessions/:id/door")
                .order(900)
                .handler(ctx -> flow.page(ctx, true, OrganiserSessionPages.organiser(this::door)));
        router.post("/staff/sessions/:id/door/check-in")
                .order(900)
                .handler(ctx -> FormBody.read(
                        ctx, form -> flow.page(ctx, true, OrganiserSessionPages.organiser(v -> checkIn(v, form)))));
        router.post("/staff/sessions/:id/door/attendance/:registrationId")
                .order(900)
                .handler(ctx -> FormBody.read(
                        ctx, form -> flow.page(ctx, true, OrganiserSessionPages.organiser(v -> attendance(v, form)))));
        router.post("/staff/sessions/:id/door/drop-in")
                .order(900)
                .handler(ctx -> FormBody.read(
                        ctx, form -> flow.page(ctx, true, OrganiserSessionPages.organiser(v -> dropIn(v, form)))));
        router.post("/staff/sessions/:id/door/scan")
                .order(900)
                .handler(ctx -> FormBody.bytes(
                        ctx,
                        MAX_FRAME_BYTES,
                        frame -> flow.page(ctx, true, OrganiserSessionPages.organiser(v -> scan(v, frame)))));
    }

    private Uni<Result> door(Visit v) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        Uni<ServiceCalls.Answer> roster = roster(v, id);
        return Uni.combine().all().unis(session(v, id), roster).asTuple().map(both -> {
            JsonObject s = both.getItem1();
            ServiceCalls.Answer answer = both.getItem2();
            if (s == null || answer.status() == 404) {
                return errorPage(404);
            }
            if (!answer.ok()) {
                return errorPage(answer.status() == 403 ? 403 : 503);
            }
            JsonObject r = answer.object();
            JsonArray entries = r.getJsonArray("entries", new JsonArray());
            String closedBecause = closedBecause(s, r);
            // Set.of(...).contains(null) throws: a page without a refusal asks with ""
            String problem = Objects.requireNonNullElse(v.ctx().request().getParam("problem"), "");
            String refusal = closedBecause != null && CLOSED_PROBLEMS.contains(problem)
                    ? null // the closed door says it already
                    : refusal(problem, entries, v.ctx().request().getParam("registration"), v.language());
            Map<String, Object> data = new HashMap<>();
            data.put("nav", "staff-sessions");
            data.put("st", StaffText.of(v.language()));
            data.put("script", "/door-scan.js");
            data.put("session", StaffViews.row(s, v.language()));
            data.put("entries", entries(entries, v.language()));
            data.put("counts", counts(r, v.language()));
            data.put("open", closedBecause == null);
            data.put("closed", closed(closedBecause, s, v.language()));
            boolean besideTheCode = FIELD_PROBLEMS.contains(problem);
            data.put("message", refusal != null && !besideTheCode ? refusal : checkedMessage(v, r));
            data.put("codeError", besideTheCode ? refusal : null);
            // a fresh key per page: a double tap on +1 counts one drop-in, a second tap after the reload another
            data.put("dropInKey", UUID.randomUUID().toString());
            return (Result) new Html(200, "staff/door", data);
        });
    }

    /** The session as its organiser sees it, or null when it is not hers (or does not exist). */
    private Uni<JsonObject> session(Visit v, UUID id) {
        return services.get("event", "/api/events/sessions/" + id + "/manage", v.token())
                .map(a -> a.ok() ? a.object() : null);
    }

    private Uni<ServiceCalls.Answer> roster(Visit v, UUID session) {
        return services.get(
                "registration", "/api/registrations/sessions/" + session + "/roster?reason=" + AUDIT_REASON, v.token());
    }

    /**
     * Why the door takes no check-ins or drop-ins now (the problem type such a write gets: {@code not-door-day},
     * {@code session-cancelled}), or null while it is open. Registration decides, by its own clock and copy of the
     * session, and its roster says it; only a cancellation the event service already answers is shown before
     * registration has heard of it (it will refuse the same way).
     */
    static String closedBecause(JsonObject session, JsonObject roster) {
        if ("CANCELLED".equalsIgnoreCase(session.getString("status", ""))) {
            return "session-cancelled";
        }
        if (roster.getBoolean("doorOpen", true)) {
            return null;
        }
        // only a type the page has words for goes into its address
        String type = roster.getString("doorClosedBecause");
        return type != null && CLOSED_PROBLEMS.contains(type) ? type : "not-door-day";
    }

    /** Why the door takes nothing now, in the page's words, or null when it is open. */
    static String closed(String closedBecause, JsonObject session, Language language) {
        if (closedBecause == null) {
            return null;
        }
        boolean ja = language == Language.JA;
        return switch (closedBecause) {
            case "session-cancelled" -> ja ? "この開催は中止されました。" : "This session was cancelled.";
            case "not-door-day" -> {
                OffsetDateTime start = PageFlow.time(session.getString("startsAt"));
                String day = start == null ? "" : Wording.day(start, language);
                yield ja
                        ? "受付と飛び入りは、開催日（" + day + "）の当日に記録できます。"
                        : "Check-ins and drop-ins are recorded on the day of the session (" + day + ").";
            }
            default -> StaffProblems.say(StaffProblems.DOOR, closedBecause, 409, language);
        };
    }

    /** The door's own refusals, said beside the booking code field. */
    static final java.util.Set<String> FIELD_PROBLEMS =
            java.util.Set.of("code-missing", "code-not-found", "already-checked-in");
    /** Refusals the closed door's notice already says. */
    private static final java.util.Set<String> CLOSED_PROBLEMS = java.util.Set.of("session-cancelled", "not-door-day");

    /**
     * A refusal carried across the redirect as its problem type ({@code ?problem=}), in the page's words; null without
     * one. Only known types are said: the parameter is typed into a URL, never shown as it came.
     */
    static String refusal(String problem, JsonArray entries, String registration, Language language) {
        if (problem == null || problem.isEmpty()) {
            return null;
        }
        boolean ja = language == Language.JA;
        return switch (problem) {
            case "code-missing" -> ja ? "予約コードを入力してください。" : "Enter the booking code.";
            case "code-not-found" -> StaffText.of(language).get("codeNotFound");
            case "already-checked-in" -> {
                OffsetDateTime at = PageFlow.time(attendedAt(entries, registration));
                String time = at == null
                        ? ""
                        : at.atZoneSameInstant(Wording.TOKYO)
                                .format(java.time.format.DateTimeFormatter.ofPattern("HH:mm"));
                yield time.isEmpty()
                        ? (ja ? "すでに受付済みです。" : "Already checked in.")
                        : (ja ? "すでに受付済みです（" + time + "）。" : "Already checked in (at " + time + ").");
            }
            default -> StaffProblems.say(StaffProblems.DOOR, problem, 422, language);
        };
    }

    private static String attendedAt(JsonArray entries, String registration) {
        for (Object o : entries) {
            if (o instanceof JsonObject e
                    && registration != null
                    && registration.equals(e.getString("registrationId"))) {
                return e.getString("attendedAt");
            }
        }
        return null;
    }

    /**
     * Back to the door page after a refused POST (post-redirect-get): the refusal travels as its problem type, so Back
     * and reload never send the form again.
     */
    private static Uni<Result> refused(UUID session, String problem, String registration) {
        return Uni.createFrom()
                .item(new Redirect("/staff/sessions/" + session + "/door?problem=" + problem
                        + (registration == null ? "" : "&registration=" + registration)
                        + (FIELD_PROBLEMS.contains(problem) ? "#check-in" : "")));
    }

    /** The service's refusal as a type the door has words for (a bare HTTP status becomes the nearest one). */
    static String problemOf(ServiceCalls.Answer answer) {
        String type = answer.problem();
        if (StaffProblems.DOOR.containsKey(type)) {
            return type;
        }
        return answer.status() >= 500 || answer.status() == 429 ? "busy" : "validation";
    }

    private Uni<Result> checkIn(Visit v, MultiMap form) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        String typed = form.get("code");
        if (typed == null || typed.isBlank()) {
            return refused(id, "code-missing", null);
        }
        Optional<String> code = CheckInCode.of(typed);
        if (code.isEmpty()) {
            return refused(id, "code-not-found", null);
        }
        return roster(v, id).flatMap(answer -> {
            if (!answer.ok()) {
                return Uni.createFrom().item(errorPage(answer.status() == 404 ? 404 : 503));
            }
            // a closed door says so, whatever the code: registration would refuse the check-in the same way
            String closedBecause = closedBecause(new JsonObject(), answer.object());
            if (closedBecause != null) {
                return refused(id, closedBecause, null);
            }
            JsonObject entry = byCode(answer.object().getJsonArray("entries", new JsonArray()), code.get());
            if (entry == null) {
                return refused(id, "code-not-found", null);
            }
            String registration = entry.getString("registrationId");
            if ("ATTENDED".equals(entry.getString("attendance"))) {
                // the same code a second time (shared, or a screenshot): said, and not recorded again
                return refused(id, "already-checked-in", registration);
            }
            return mark(v, id, registration, "ATTENDED");
        });
    }

    private Uni<Result> attendance(Visit v, MultiMap form) {
        UUID id = uuid(v.ctx().pathParam("id"));
        UUID registration = uuid(v.ctx().pathParam("registrationId"));
        String attendance = form.get("attendance");
        if (id == null
                || registration == null
                || attendance == null // List.of(...).contains(null) throws: an empty form was a 500
                || !List.of("ATTENDED", "NO_SHOW").contains(attendance)) {
            return Uni.createFrom().item(errorPage(404));
        }
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        return mark(v, id, registration.toString(), attendance);
    }

    private Uni<Result> mark(Visit v, UUID session, String registration, String attendance) {
        return services.post(
                        "registration",
                        "/api/registrations/sessions/" + session + "/registrations/" + registration + "/attendance",
                        v.token(),
                        new JsonObject().put("attendance", attendance),
                        null,
                        v.ctx().request())
                .flatMap(answer -> {
                    if (answer.ok()) {
                        return Uni.createFrom()
                                .item(new Redirect(
                                        "/staff/sessions/" + session + "/door?marked=" + registration + "#roster"));
                    }
                    if (answer.status() == 401 || answer.status() == 403) {
                        return Uni.createFrom().item(errorPage(403));
                    }
                    String problem = problemOf(answer);
                    return refused(session, problem, "already-checked-in".equals(problem) ? registration : null);
                });
    }

    private Uni<Result> dropIn(Visit v, MultiMap form) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        UUID key = uuid(form.get("key"));
        return services.post(
                        "registration",
                        "/api/registrations/sessions/" + id + "/drop-ins",
                        v.token(),
                        new JsonObject().put("count", 1),
                        key == null ? null : key.toString(),
                        v.ctx().request())
                .flatMap(answer -> {
                    if (answer.ok()) {
                        return Uni.createFrom().item(new Redirect("/staff/sessions/" + id + "/door?dropIn=1"));
                    }
                    if (answer.status() == 401 || answer.status() == 403) {
                        return Uni.createFrom().item(errorPage(403));
                    }
                    return refused(id, problemOf(answer), null);
                });
    }

    /**
     * A camera frame from the door page's script: the booking code in it, as JSON {@code {"code": ...}} (null when no
     * check-in QR code is readable yet; the script then sends the next frame). Always 200 for a readable request, so
     * that a frame without a code is no error in the browser.
     */
    private Uni<Result> scan(Visit v, Buffer frame) {
        if (!BrowserSessions.csrfValid(v.ctx(), v.ctx().request().getHeader("X-CSRF-Token"))) {
            return Uni.createFrom().item(json(403, new JsonObject().put("code", (String) null)));
        }
        if (frame == null) {
            return Uni.createFrom().item(json(413, new JsonObject().put("code", (String) null)));
        }
        return Uni.createFrom()
                .item(() -> CheckInCode.fromFrame(frame.getBytes()))
                .runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                .map(code -> json(200, new JsonObject().put("code", code.orElse(null))));
    }

    private static Result json(int status, JsonObject body) {
        return new Raw(status, "application/json", Buffer.buffer(body.encode()));
    }

    static JsonObject byCode(JsonArray entries, String code) {
        for (Object o : entries) {
            if (o instanceof JsonObject e
                    && "confirmed".equals(e.getString("status"))
                    && code.equalsIgnoreCase(e.getString("bookingCode", ""))) {
                return e;
            }
        }
        return null;
    }

    static List<StaffViews.RosterLine> entries(JsonArray entries, Language language) {
        List<StaffViews.RosterLine> lines = new ArrayList<>();
        Map<String, String> st = StaffText.of(language);
        for (Object o : entries) {
            if (o instanceof JsonObject e) {
                String status = e.getString("status", "");
                String attendance = e.getString("attendance");
                lines.add(new StaffViews.RosterLine(
                        e.getString("registrationId"),
                        e.getString("nickname", ""),
                        e.getString("bookingCode", ""),
                        registrationStatus(status, language),
                        attendance == null
                                ? st.get("notYet")
                                : "ATTENDED".equals(attendance) ? st.get("attended") : st.get("noShow"),
                        attendance == null ? "none" : attendance.toLowerCase(java.util.Locale.ROOT),
                        "confirmed".equals(status)));
            }
        }
        return lines;
    }

    static List<StaffViews.Count> counts(JsonObject roster, Language language) {
        boolean ja = language == Language.JA;
        long attended = roster.getJsonArray("entries", new JsonArray()).stream()
                .filter(o -> o instanceof JsonObject e && "ATTENDED".equals(e.getString("attendance")))
                .count();
        Integer capacity = roster.getInteger("capacity");
        List<StaffViews.Count> counts = new ArrayList<>();
        counts.add(new StaffViews.Count(
                "confirmed",
                ja ? "予約確定" : "Confirmed",
                roster.getValue("confirmed") + (capacity == null ? "" : " / " + capacity)));
        counts.add(new StaffViews.Count("attended", ja ? "受付済み" : "Checked in", String.valueOf(attended)));
        counts.add(new StaffViews.Count(
                "drop-ins", ja ? "飛び入り" : "Drop-ins", String.valueOf(roster.getInteger("dropIns", 0))));
        return counts;
    }

    static String registrationStatus(String status, Language language) {
        boolean ja = language == Language.JA;
        return switch (status) {
            case "confirmed" -> ja ? "予約確定" : "Confirmed";
            case "waitlisted" -> ja ? "キャンセル待ち" : "Waitlisted";
            case "offered" -> ja ? "席を案内中" : "Seat offered";
            case "pending_childcare" -> ja ? "託児の確認中" : "Childcare pending";
            case "applied" -> ja ? "抽選に申込" : "Applied";
            default -> status;
        };
    }

    private String checkedMessage(Visit v, JsonObject roster) {
        boolean ja = v.ja();
        if ("1".equals(v.ctx().request().getParam("dropIn"))) {
            return ja ? "飛び入りを1人数えました。" : "One drop-in counted.";
        }
        String marked = v.ctx().request().getParam("marked");
        if (marked == null) {
            return null;
        }
        for (Object o : roster.getJsonArray("entries", new JsonArray())) {
            if (o instanceof JsonObject e && marked.equals(e.getString("registrationId"))) {
                String name = e.getString("nickname", "");
                return "ATTENDED".equals(e.getString("attendance"))
                        ? (ja ? name + "さんを受付しました（出席）。" : name + " is checked in (attended).")
                        : (ja ? name + "さんを欠席にしました。" : name + " is marked no-show.");
            }
        }
        return null;
    }
}
