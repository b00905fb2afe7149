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
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The door of a session: the roster (read from registration, which audits every read with the reason "door"), check-in
 * by a booking code typed in or read from her QR code with the phone's camera, attended or no-show, and drop-ins
 * counted with one tap. Without JavaScript everything but the camera works.
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
                .handler(ctx -> flow.page(ctx, true, OrganiserSessionPages.organiser(v -> door(v, null, null, 200))));
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
                .handler(ctx -> readFrame(
                        ctx, frame -> flow.page(ctx, true, OrganiserSessionPages.organiser(v -> scan(v, frame)))));
    }

    private Uni<Result> door(Visit v, String message, String codeError, int status) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        Uni<JsonObject> session = services.get("event", "/api/events/sessions/" + id + "/manage", v.token())
                .map(a -> a.ok() ? a.object() : null);
        Uni<ServiceCalls.Answer> roster = roster(v, id);
        return Uni.combine().all().unis(session, roster).asTuple().map(both -> {
            JsonObject s = both.getItem1();
            ServiceCalls.Answer answer = both.getItem2();
            if (s == null || answer.status() == 404) {
                return errorPage(404);
            }
            if (!answer.ok()) {
                return errorPage(answer.status() == 403 ? 403 : 503);
            }
            JsonObject r = answer.object();
            Map<String, Object> data = new HashMap<>();
            data.put("nav", "staff-sessions");
            data.put("st", StaffText.of(v.language()));
            data.put("script", "/door-scan.js");
            data.put("session", StaffViews.row(s, v.language()));
            data.put("entries", entries(r.getJsonArray("entries", new JsonArray()), v.language()));
            data.put("counts", counts(r, v.language()));
            data.put("message", message != null ? message : checkedMessage(v, r));
            data.put("codeError", codeError);
            // a fresh key per page: a double tap on +1 counts one drop-in, a second tap after the reload another
            data.put("dropInKey", UUID.randomUUID().toString());
            return (Result) new Html(status, "staff/door", data);
        });
    }

    private Uni<ServiceCalls.Answer> roster(Visit v, UUID session) {
        return services.get(
                "registration", "/api/registrations/sessions/" + session + "/roster?reason=" + AUDIT_REASON, v.token());
    }

    private Uni<Result> checkIn(Visit v, MultiMap form) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        Map<String, String> st = StaffText.of(v.language());
        Optional<String> code = CheckInCode.of(form.get("code"));
        if (code.isEmpty()) {
            return door(v, null, st.get("codeNotFound"), 422);
        }
        return roster(v, id).flatMap(answer -> {
            if (!answer.ok()) {
                return Uni.createFrom().item(errorPage(answer.status() == 404 ? 404 : 503));
            }
            JsonObject entry = byCode(answer.object().getJsonArray("entries", new JsonArray()), code.get());
            if (entry == null) {
                return door(v, null, st.get("codeNotFound"), 422);
            }
            return mark(v, id, entry.getString("registrationId"), "ATTENDED");
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
                .flatMap(answer -> answer.ok()
                        ? Uni.createFrom()
                                .item(new Redirect(
                                        "/staff/sessions/" + session + "/door?marked=" + registration + "#roster"))
                        : door(v, null, problem(answer, v.language()), answer.status() >= 500 ? 503 : 422));
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
                .flatMap(answer -> answer.ok()
                        ? Uni.createFrom().item(new Redirect("/staff/sessions/" + id + "/door?dropIn=1"))
                        : door(v, problem(answer, v.language()), null, answer.status() >= 500 ? 503 : 422));
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

    /** The frame's bytes, or null when it is larger than any frame the page sends. */
    private static void readFrame(RoutingContext ctx, Consumer<Buffer> then) {
        var request = ctx.request();
        if (ctx.body() != null && ctx.body().available()) {
            Buffer body = ctx.body().buffer();
            then.accept(body != null && body.length() <= MAX_FRAME_BYTES ? body : null);
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] state = {false, false}; // done, too large
        request.handler(chunk -> {
            if (body.length() + chunk.length() <= MAX_FRAME_BYTES) {
                body.appendBuffer(chunk);
            } else {
                state[1] = true;
            }
        });
        request.exceptionHandler(e -> {
            if (!state[0]) {
                state[0] = true;
                then.accept(null);
            }
        });
        request.endHandler(x -> {
            if (!state[0]) {
                state[0] = true;
                then.accept(state[1] ? null : body);
            }
        });
        request.resume();
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

    private static String problem(ServiceCalls.Answer answer, Language language) {
        String detail = answer.object().getString("detail");
        if (answer.status() >= 500) {
            return language == Language.JA
                    ? "いまは記録できません。少し待ってから、もう一度お試しください。"
                    : "Could not record it now; try again shortly.";
        }
        return detail != null ? detail : "HTTP " + answer.status();
    }
}
