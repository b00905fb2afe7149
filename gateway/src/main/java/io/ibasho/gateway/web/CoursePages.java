package io.ibasho.gateway.web;

import static io.ibasho.gateway.web.PageFlow.errorPage;
import static io.ibasho.gateway.web.PageFlow.uuid;

import io.ibasho.gateway.BrowserSessions;
import io.ibasho.gateway.FormBody;
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
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Courses in the women's app (docs/courses.md): the course page lists its dates and books them all with one form,
 * childcare ticked per date; わたしのコース lists her course bookings with their dates, a cancel per date (the ordinary
 * booking cancel) and a cancel of the whole course. Strings live here, not in the shared UiText, so branches merge.
 */
@ApplicationScoped
public class CoursePages {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter JA = DateTimeFormatter.ofPattern("M月d日(E) H:mm", Locale.JAPANESE);
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("EEE d MMM, H:mm", Locale.ENGLISH);

    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    /** One date as the pages show it. */
    @TemplateData
    public record DateLine(
            String sessionId,
            String when,
            String title,
            String venue,
            boolean childcareOffered,
            String registrationId,
            String status,
            String childcareNote,
            boolean cancellable) {}

    /** One of her course bookings. */
    @TemplateData
    public record CourseLine(
            String id, String courseId, String title, String status, boolean booked, List<DateLine> dates) {}

    void routes(@Observes Router router) {
        router.get("/c").order(898).handler(ctx -> flow.page(ctx, false, this::list));
        router.get("/c/:id").order(898).handler(ctx -> flow.page(ctx, false, v -> course(v, null, 200)));
        router.post("/c/:id/book")
                .order(898)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, v -> book(v, form))));
        router.get("/app/courses").order(898).handler(ctx -> flow.page(ctx, true, this::mine));
        router.post("/app/courses/:id/cancel")
                .order(898)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, v -> cancel(v, form))));
    }

    /** Upcoming courses, each one offer with its number of dates. */
    private Uni<Result> list(Visit v) {
        return services.get("event", "/api/events/courses", null).map(found -> {
            if (!found.ok()) {
                return errorPage(503);
            }
            List<CourseLine> courses = new ArrayList<>();
            for (Object o : found.array()) {
                JsonObject c = (JsonObject) o;
                List<DateLine> dates = new ArrayList<>();
                for (Object d : arrayOf(c, "dates")) {
                    JsonObject date = (JsonObject) d;
                    dates.add(new DateLine(
                            date.getString("sessionId"),
                            when(v, date.getString("startsAt")),
                            "",
                            "",
                            false,
                            "",
                            "",
                            "",
                            false));
                }
                courses.add(new CourseLine(
                        "",
                        c.getString("id"),
                        v.ja() || c.getString("titleEn") == null ? c.getString("titleJa") : c.getString("titleEn"),
                        text(v, "全" + c.getInteger("dateCount") + "回", c.getInteger("dateCount") + " dates"),
                        false,
                        dates));
            }
            Map<String, Object> data = new HashMap<>();
            data.put("nav", "courses");
            data.put("courses", courses);
            data.put("c", strings(v));
            return new PageFlow.Html(200, "courselist", data);
        });
    }

    private Uni<Result> course(Visit v, String problem, int status) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        return services.get("event", "/api/events/courses/" + id, null).map(found -> {
            if (found.status() == 404 || found.status() == 400) {
                return errorPage(404);
            }
            if (!found.ok()) {
                return errorPage(503);
            }
            JsonObject c = found.object();
            List<DateLine> dates = new ArrayList<>();
            for (Object o : arrayOf(c, "dates")) {
                JsonObject d = (JsonObject) o;
                dates.add(new DateLine(
                        d.getString("sessionId"),
                        when(v, d.getString("startsAt")),
                        v.ja() || d.getString("titleEn") == null ? d.getString("titleJa") : d.getString("titleEn"),
                        v.ja() || d.getString("venueNameEn") == null
                                ? nullToEmpty(d.getString("venueNameJa"))
                                : d.getString("venueNameEn"),
                        d.getBoolean("childcareOffered", false),
                        "",
                        "",
                        "",
                        false));
            }
            Map<String, Object> data = new HashMap<>();
            data.put("nav", "find");
            data.put("courseId", id.toString());
            data.put(
                    "title",
                    v.ja() || c.getString("titleEn") == null ? c.getString("titleJa") : c.getString("titleEn"));
            data.put("description", nullToEmpty(v.ja() ? c.getString("descriptionJa") : c.getString("descriptionEn")));
            data.put("count", text(v, "全" + c.getInteger("dateCount") + "回", c.getInteger("dateCount") + " dates"));
            data.put("dates", dates);
            data.put("idem", UUID.randomUUID().toString());
            data.put("problem", problem == null ? "" : problemText(v, problem));
            // a lottery course is applied for; a full first-come course offers its waitlist (docs/adr/0026)
            String type = problem == null ? "" : problem.substring(problem.lastIndexOf('/') + 1);
            boolean lottery = "LOTTERY".equals(c.getString("allocation"));
            String mode = lottery
                    ? "apply"
                    : List.of("course-full", "course-date-full").contains(type) ? "waitlist" : "book";
            data.put("mode", mode);
            data.put(
                    "submitLabel",
                    switch (mode) {
                        case "apply" -> text(v, "全部の回にまとめて応募する（抽選）", "Apply for every date (lottery)");
                        case "waitlist" -> text(v, "コース全体のキャンセル待ちに並ぶ", "Join the waitlist for the whole course");
                        default -> strings(v).get("bookAll");
                    });
            data.put("c", strings(v));
            return new PageFlow.Html(status, "course", data);
        });
    }

    private Uni<Result> book(Visit v, MultiMap form) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        String nickname = PageFlow.trimmed(form.get("nickname"), 40);
        List<Map<String, Object>> childcare = new ArrayList<>();
        for (String sessionId : form.getAll("childcareDate")) {
            UUID date = uuid(sessionId);
            List<Integer> ages = new ArrayList<>();
            for (String age : form.getAll("childAge-" + sessionId)) {
                int parsed = PageFlow.parseInt(age, -1);
                if (parsed >= 0) {
                    ages.add(parsed);
                }
            }
            if (date != null) {
                childcare.add(Map.of("sessionId", date.toString(), "childrenAges", ages));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("nickname", nickname == null ? "" : nickname);
        body.put("childcare", childcare);
        String key = form.get("idem") != null && form.get("idem").matches("[0-9a-f-]{36}") ? form.get("idem") : null;
        // only these three: the form says which, the service decides whether it is allowed
        String endpoint =
                switch (nullToEmpty(form.get("mode"))) {
                    case "apply" -> "applications";
                    case "waitlist" -> "waitlist";
                    default -> "bookings";
                };
        return services.post(
                        "registration",
                        "/api/registrations/courses/" + id + "/" + endpoint,
                        v.token(),
                        body,
                        key,
                        v.ctx().request())
                .flatMap(answer -> {
                    if (answer.ok()) {
                        return Uni.createFrom().item((Result) new Redirect(
                                "bookings".equals(endpoint)
                                        ? "/app/courses?done=booked"
                                        : "/app/courses?done=requested"));
                    }
                    if (answer.status() >= 500) {
                        return Uni.createFrom().item(errorPage(503));
                    }
                    return course(v, answer.problem().isEmpty() ? "http-" + answer.status() : answer.problem(), 409);
                });
    }

    private Uni<Result> mine(Visit v) {
        return services.get("registration", "/api/registrations/mine/courses", v.token())
                .map(answer -> {
                    if (answer.status() == 403) {
                        return errorPage(403);
                    }
                    if (!answer.ok()) {
                        return errorPage(503);
                    }
                    List<CourseLine> courses = new ArrayList<>();
                    for (Object o : answer.array()) {
                        JsonObject c = (JsonObject) o;
                        List<DateLine> dates = new ArrayList<>();
                        for (Object d : arrayOf(c, "dates")) {
                            JsonObject date = (JsonObject) d;
                            JsonObject r = date.getJsonObject("registration", new JsonObject());
                            String status = r.getString("status", "");
                            String childcare = r.getString("childcareStatus");
                            dates.add(new DateLine(
                                    date.getString("sessionId"),
                                    when(v, date.getString("startsAt")),
                                    "",
                                    "",
                                    false,
                                    r.getString("id", ""),
                                    statusText(v, status),
                                    childcare == null ? "" : childcareText(v, childcare),
                                    List.of("confirmed", "pending_childcare").contains(status)));
                        }
                        boolean booked = "booked".equals(c.getString("status"));
                        courses.add(new CourseLine(
                                c.getString("id"),
                                c.getString("courseId"),
                                v.ja() || c.getString("titleEn") == null
                                        ? c.getString("titleJa")
                                        : c.getString("titleEn"),
                                booked ? text(v, "予約中", "Booked") : text(v, "取り消しずみ", "Cancelled"),
                                booked,
                                dates));
                    }
                    Map<String, Object> data = new HashMap<>();
                    data.put("nav", "bookings");
                    data.put("courses", courses);
                    data.put("done", nullToEmpty(v.ctx().request().getParam("done")));
                    data.put("c", strings(v));
                    return new PageFlow.Html(200, "courses", data);
                });
    }

    private Uni<Result> cancel(Visit v, MultiMap form) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        return services.post(
                        "registration",
                        "/api/registrations/mine/courses/" + id + "/cancel",
                        v.token(),
                        null,
                        null,
                        v.ctx().request())
                .map(answer -> answer.ok()
                        ? (Result) new Redirect("/app/courses?done=cancelled")
                        : errorPage(answer.status() == 404 ? 404 : answer.status() >= 500 ? 503 : 409));
    }

    private static Map<String, String> strings(Visit v) {
        Map<String, String> s = new HashMap<>();
        s.put("dates", text(v, "日程", "Dates"));
        s.put("bookAll", text(v, "全部の回をまとめて予約する", "Book every date at once"));
        s.put("nickname", text(v, "ニックネーム（本名でなくてかまいません）", "Nickname (it need not be your real name)"));
        s.put("childcare", text(v, "この回に託児を希望する", "Childcare on this date"));
        s.put("childAge", text(v, "子どもの年齢（1人目）", "Child's age (first child)"));
        s.put("childAge2", text(v, "子どもの年齢（2人目・いれば）", "Child's age (second child, if any)"));
        s.put("noChildcare", text(v, "この回は託児なし", "No childcare on this date"));
        s.put("signIn", text(v, "予約するにはログインしてください", "Please sign in to book"));
        s.put(
                "allOrNone",
                text(
                        v,
                        "全部の回に席があるときだけ予約できます。あとから1回だけ取り消すこともできます。",
                        "You get a seat on every date or none; later you can cancel a single date."));
        s.put("myCourses", text(v, "わたしのコース", "My courses"));
        s.put("courses", text(v, "連続講座（まとめて予約）", "Courses (booked as one)"));
        s.put("none", text(v, "コースの予約はありません。", "You have no course bookings."));
        s.put("cancelDate", text(v, "この回だけ取り消す", "Cancel this date only"));
        s.put("cancelAll", text(v, "コース全体を取り消す", "Cancel the whole course"));
        s.put("booked", text(v, "コースを予約しました。", "Your course is booked."));
        s.put("cancelled", text(v, "コースを取り消しました。", "Your course is cancelled."));
        s.put(
                "requested",
                text(
                        v,
                        "受け付けました。結果やご案内はお知らせで届きます。",
                        "Received. The result or an offer will reach you in your messages."));
        return s;
    }

    private static String statusText(Visit v, String status) {
        return switch (status) {
            case "confirmed" -> text(v, "予約済み", "Booked");
            case "pending_childcare" -> text(v, "託児を確認中", "Childcare being arranged");
            case "cancelled" -> text(v, "取り消し", "Cancelled");
            default -> status;
        };
    }

    private static String childcareText(Visit v, String childcare) {
        return switch (childcare) {
            case "reserved" -> text(v, "託児あり", "Childcare reserved");
            case "rejected" ->
                text(v, "この回の託児はお受けできませんでした（席はそのままです）", "Childcare could not be arranged (your seat is kept)");
            case "pending" -> text(v, "託児を確認中", "Childcare being arranged");
            default -> "";
        };
    }

    private static String problemText(Visit v, String problem) {
        String type = problem.substring(problem.lastIndexOf('/') + 1);
        return switch (type) {
            case "course-date-full" ->
                text(
                        v,
                        "満席の回があるため、コースは予約できませんでした（席は取っていません）。",
                        "One date is full, so the course could not be booked (no seat was taken).");
            case "course-full" -> text(v, "このコースは満席です。", "This course is full.");
            case "already-registered" ->
                text(v, "このコースはすでに予約・応募しています。", "You have already booked or applied for this course.");
            case "applications-closed" -> text(v, "このコースの応募は締め切りました。", "Applications for this course are closed.");
            default -> text(v, "予約できませんでした。入力を確かめてください。", "The course could not be booked; please check the form.");
        };
    }

    private static String when(Visit v, String iso) {
        if (iso == null) {
            return "";
        }
        OffsetDateTime time = OffsetDateTime.parse(iso).atZoneSameInstant(TOKYO).toOffsetDateTime();
        return (v.ja() ? JA : EN).format(time);
    }

    private static JsonArray arrayOf(JsonObject parent, String key) {
        JsonArray array = parent.getJsonArray(key);
        return array == null ? new JsonArray() : array;
    }

    private static String text(Visit v, String ja, String en) {
        return v.ja() ? ja : en;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
