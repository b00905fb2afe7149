package io.ibasho.gateway.web;

import static io.ibasho.gateway.web.PageFlow.errorPage;
import static io.ibasho.gateway.web.PageFlow.uuid;

import io.ibasho.gateway.BrowserSessions;
import io.ibasho.gateway.FormBody;
import io.ibasho.gateway.web.CourseBookingForm.DateOffer;
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
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

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

    /**
     * One of her course applications or waitlist places as she sees it: her own position only, and until when an offer
     * of the whole course is held for her.
     */
    @TemplateData
    public record RequestLine(
            String id,
            String courseId,
            String title,
            String kind,
            String state,
            String status,
            String offerUntil,
            boolean offered,
            boolean canWithdraw,
            /** Her lottery application's reference, which names it in the published draw (ADR 0085), or null. */
            String lotteryReference) {}

    void routes(@Observes Router router) {
        router.get("/c").order(898).handler(ctx -> flow.page(ctx, false, this::list));
        router.get("/c/:id")
                .order(898)
                .handler(ctx -> flow.page(ctx, false, v -> course(v, null, Entered.NOTHING, Map.of(), 200)));
        router.post("/c/:id/book")
                .order(898)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, v -> book(v, form))));
        router.get("/app/courses").order(898).handler(ctx -> flow.page(ctx, true, v -> mine(v, null, 200)));
        // every change she makes is asked once more on a page of its own (as cancelling a session is), then posted
        router.get("/app/courses/requests/:id/:action")
                .order(898)
                .handler(ctx -> flow.page(ctx, true, this::confirmRequest));
        router.post("/app/courses/requests/:id/:action")
                .order(898)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, v -> answerRequest(v, form))));
        router.get("/app/courses/:id/dates/:registrationId/cancel")
                .order(898)
                .handler(ctx -> flow.page(ctx, true, this::confirmDateCancel));
        router.post("/app/courses/:id/dates/:registrationId/cancel")
                .order(898)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, v -> cancelDate(v, form))));
        router.get("/app/courses/:id/cancel").order(898).handler(ctx -> flow.page(ctx, true, this::confirmCancel));
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
                String title =
                        v.ja() || c.getString("titleEn") == null ? c.getString("titleJa") : c.getString("titleEn");
                courses.add(new CourseLine(
                        "", c.getString("id"), title, dateCount(v, title, c.getInteger("dateCount")), false, dates));
            }
            Map<String, Object> data = new HashMap<>();
            data.put("nav", "courses");
            data.put("courses", courses);
            data.put("c", strings(v));
            return new PageFlow.Html(200, "courselist", data);
        });
    }

    /** What she entered on the course form, given back to her when it is shown again. */
    record Entered(String mode, String nickname, Set<String> ticked, Map<String, List<String>> ages) {
        static final Entered NOTHING = new Entered("", "", Set.of(), Map.of());

        static Entered of(MultiMap form) {
            Map<String, List<String>> ages = new HashMap<>();
            for (String name : form.names()) {
                if (name.startsWith(AGE_FIELD)) {
                    ages.put(name.substring(AGE_FIELD.length()), form.getAll(name));
                }
            }
            return new Entered(
                    nullToEmpty(form.get("mode")),
                    nullToEmpty(form.get("nickname")),
                    Set.copyOf(form.getAll("childcareDate")),
                    ages);
        }

        String age(String sessionId, int index) {
            List<String> typed = ages.getOrDefault(sessionId, List.of());
            return index < typed.size() ? typed.get(index) : "";
        }
    }

    /** Each date's ages are posted as {@code childAge-<sessionId>}, one per child. */
    private static final String AGE_FIELD = "childAge-";

    /**
     * One date on the course form: its childcare offer in words (the session's own ages, and the deadline to ask when
     * it has one), what she entered for it, and its problem. Ages are typed as text, not {@code type=number}: a number
     * input empties what it cannot read (３, 2.5) before the server sees it, and she would never be told.
     */
    @TemplateData
    public record FormDate(
            String sessionId,
            String when,
            String title,
            String venue,
            boolean childcareOffered,
            String childcareText,
            boolean ticked,
            String age1,
            String age2,
            String error) {}

    private Uni<Result> course(Visit v, String problem, Entered entered, Map<String, String> errors, int status) {
        return withCourse(v, (id, c) -> coursePage(v, id, c, problem, entered, errors, status));
    }

    /** The course of the page's path from the event service, or the error page when it has none. */
    private Uni<Result> withCourse(Visit v, BiFunction<UUID, JsonObject, Uni<Result>> then) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        return services.get("event", "/api/events/courses/" + id, null).flatMap(found -> {
            if (found.status() == 404 || found.status() == 400) {
                return Uni.createFrom().item(errorPage(404));
            }
            if (!found.ok()) {
                return Uni.createFrom().item(errorPage(503));
            }
            return then.apply(id, found.object());
        });
    }

    private Uni<Result> coursePage(
            Visit v, UUID id, JsonObject c, String problem, Entered entered, Map<String, String> errors, int status) {
        List<FormDate> dates = new ArrayList<>();
        for (DateOffer offer : offers(c)) {
            JsonObject d = dateOf(c, offer.sessionId());
            dates.add(new FormDate(
                    offer.sessionId(),
                    when(v, d.getString("startsAt")),
                    v.ja() || d.getString("titleEn") == null ? d.getString("titleJa") : d.getString("titleEn"),
                    v.ja() || d.getString("venueNameEn") == null
                            ? nullToEmpty(d.getString("venueNameJa"))
                            : d.getString("venueNameEn"),
                    offer.childcareOffered(),
                    nullToEmpty(Wording.childcare(
                            offer.childcareOffered(),
                            offer.minAge(),
                            offer.maxAge(),
                            PageFlow.time(d.getString("childcareDeadline")),
                            v.language())),
                    entered.ticked().contains(offer.sessionId()),
                    entered.age(offer.sessionId(), 0),
                    entered.age(offer.sessionId(), 1),
                    errors.getOrDefault(CourseBookingForm.dateField(offer.sessionId()), "")));
        }
        Map<String, Object> data = new HashMap<>();
        data.put("nav", "find");
        data.put("courseId", id.toString());
        String title = v.ja() || c.getString("titleEn") == null ? c.getString("titleJa") : c.getString("titleEn");
        data.put("title", title);
        data.put("count", dateCount(v, title, c.getInteger("dateCount")));
        data.put("description", nullToEmpty(v.ja() ? c.getString("descriptionJa") : c.getString("descriptionEn")));
        data.put("dates", dates);
        data.put("anyChildcare", dates.stream().anyMatch(FormDate::childcareOffered));
        data.put("idem", UUID.randomUUID().toString());
        data.put("problem", problem == null ? "" : problemText(v, problem));
        data.put("nickname", entered.nickname());
        data.put("errors", errors);
        data.put("hasErrors", !errors.isEmpty());
        // a lottery course is applied for; a full first-come course offers its waitlist (docs/adr/0026)
        String type = problem == null ? "" : problem.substring(problem.lastIndexOf('/') + 1);
        boolean lottery = "LOTTERY".equals(c.getString("allocation"));
        String mode = lottery
                ? "apply"
                : List.of("course-full", "course-date-full").contains(type) || "waitlist".equals(entered.mode())
                        ? "waitlist"
                        : "book";
        data.put("mode", mode);
        data.put(
                "submitLabel",
                switch (mode) {
                    case "apply" -> text(v, "全部の回にまとめて応募する（抽選）", "Apply for every date (lottery)");
                    case "waitlist" -> text(v, "コース全体のキャンセル待ちに並ぶ", "Join the waitlist for the whole course");
                    default -> strings(v).get("bookAll");
                });
        data.put("c", strings(v));
        // once she holds this course, the page says so and leads to it instead of offering the form again
        Uni<String> held = v.signedIn()
                ? services.get("registration", "/api/registrations/mine/courses", v.token())
                        .map(answer -> answer.ok() ? heldBooking(answer.array(), id) : "")
                        .onFailure()
                        .recoverWithItem("")
                : Uni.createFrom().item("");
        return held.map(booking -> {
            data.put("heldBooking", booking);
            // the form says each date's childcare beside its tick; without the form, the list of dates says it
            data.put("showsForm", v.signedIn() && booking.isEmpty());
            return (Result) new PageFlow.Html(status, "course", data);
        });
    }

    /** The id of her booking of this course that is still booked, or "". */
    private static String heldBooking(JsonArray bookings, UUID courseId) {
        for (Object o : bookings) {
            if (o instanceof JsonObject b
                    && courseId.toString().equals(b.getString("courseId"))
                    && "booked".equals(b.getString("status"))) {
                return nullToEmpty(b.getString("id"));
            }
        }
        return "";
    }

    /** Each date's childcare offer; a date that gives no ages (or null) allows 0 to 17 as the registration service does. */
    private static List<DateOffer> offers(JsonObject course) {
        List<DateOffer> offers = new ArrayList<>();
        for (Object o : arrayOf(course, "dates")) {
            JsonObject d = (JsonObject) o;
            offers.add(new DateOffer(
                    d.getString("sessionId"),
                    d.getBoolean("childcareOffered", false),
                    d.getValue("childcareMinAge") instanceof Number min ? Math.max(0, min.intValue()) : 0,
                    d.getValue("childcareMaxAge") instanceof Number max ? Math.min(17, max.intValue()) : 17));
        }
        return offers;
    }

    private static JsonObject dateOf(JsonObject course, String sessionId) {
        for (Object o : arrayOf(course, "dates")) {
            if (o instanceof JsonObject d && sessionId.equals(d.getString("sessionId"))) {
                return d;
            }
        }
        return new JsonObject();
    }

    private Uni<Result> book(Visit v, MultiMap form) {
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        Entered entered = Entered.of(form);
        // the course first: its dates' childcare ages are what her ages are checked against
        return withCourse(v, (id, c) -> {
            CourseBookingForm.Checked checked = CourseBookingForm.check(
                    entered.nickname(), entered.ticked(), entered.ages(), offers(c), v.language());
            if (!checked.errors().isEmpty()) {
                return coursePage(v, id, c, null, entered, checked.errors(), BookingForm.Outcome.INVALID.status());
            }
            List<Map<String, Object>> childcare = new ArrayList<>();
            for (CourseBookingForm.DateChildcare date : checked.childcare()) {
                childcare.add(Map.of("sessionId", date.sessionId(), "childrenAges", date.childrenAges()));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("nickname", checked.nickname());
            body.put("childcare", childcare);
            // only these three: the form says which, the service decides whether it is allowed
            String endpoint = switch (entered.mode()) {
                case "apply" -> "applications";
                case "waitlist" -> "waitlist";
                default -> "bookings";
            };
            return services.post(
                            "registration",
                            "/api/registrations/courses/" + id + "/" + endpoint,
                            v.token(),
                            body,
                            idempotencyKey(form),
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
                        // the service's own checks: beside the fields, with what she entered, as the session form does
                        if (BookingForm.outcome(answer.status(), answer.problem(), null)
                                == BookingForm.Outcome.INVALID) {
                            return coursePage(
                                    v,
                                    id,
                                    c,
                                    null,
                                    entered,
                                    BookingForm.fieldErrors(answer.object(), v.language()),
                                    BookingForm.Outcome.INVALID.status());
                        }
                        return coursePage(
                                v,
                                id,
                                c,
                                answer.problem().isEmpty() ? "http-" + answer.status() : answer.problem(),
                                entered,
                                Map.of(),
                                409);
                    });
        });
    }

    private Uni<Result> mine(Visit v, String problem, int status) {
        Uni<ServiceCalls.Answer> bookings = services.get("registration", "/api/registrations/mine/courses", v.token());
        Uni<ServiceCalls.Answer> requests =
                services.get("registration", "/api/registrations/mine/course-requests", v.token());
        return Uni.combine().all().unis(bookings, requests).asTuple().map(both -> {
            ServiceCalls.Answer booked = both.getItem1();
            ServiceCalls.Answer asked = both.getItem2();
            if (booked.status() == 403 || asked.status() == 403) {
                return errorPage(403);
            }
            if (!booked.ok() || !asked.ok()) {
                return errorPage(503);
            }
            List<RequestLine> lines = new ArrayList<>();
            for (Object o : asked.array()) {
                lines.add(requestLine(v, (JsonObject) o));
            }
            Map<String, Object> data = new HashMap<>();
            data.put("nav", "my-courses");
            // a cancelled course is no longer one she holds: it is listed with what has ended, as single bookings are
            List<CourseLine> courses = courseLines(v, booked.array());
            data.put("courses", courses.stream().filter(CourseLine::booked).toList());
            data.put(
                    "cancelledCourses",
                    courses.stream().filter(c -> !c.booked()).toList());
            data.put("offers", lines.stream().filter(RequestLine::offered).toList());
            data.put(
                    "requests",
                    lines.stream()
                            .filter(r -> !r.offered() && OPEN_OR_DECIDED.contains(r.state()))
                            .toList());
            data.put(
                    "closed",
                    lines.stream()
                            .filter(r -> !r.offered() && !OPEN_OR_DECIDED.contains(r.state()))
                            .toList());
            data.put("done", doneText(v, nullToEmpty(v.ctx().request().getParam("done"))));
            data.put("problem", problem == null ? "" : actionProblem(v, problem));
            data.put("c", strings(v));
            return new PageFlow.Html(status, "courses", data);
        });
    }

    /** Applications and places still open, and lottery results she will want to see; the rest are listed apart. */
    private static final List<String> OPEN_OR_DECIDED = List.of("applied", "waiting", "booked");

    private static List<CourseLine> courseLines(Visit v, JsonArray array) {
        List<CourseLine> courses = new ArrayList<>();
        for (Object o : array) {
            JsonObject c = (JsonObject) o;
            boolean booked = "booked".equals(c.getString("status"));
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
                        booked
                                && status != null
                                && List.of("confirmed", "pending_childcare").contains(status)));
            }
            courses.add(new CourseLine(
                    c.getString("id"),
                    c.getString("courseId"),
                    titleOf(v, c),
                    booked ? text(v, "予約中", "Booked") : text(v, "取り消し済み", "Cancelled"),
                    booked,
                    dates));
        }
        return courses;
    }

    static RequestLine requestLine(Visit v, JsonObject r) {
        String kind = r.getString("kind", "");
        String state = r.getString("status", "");
        Integer position = r.getInteger("position");
        boolean lottery = "lottery".equals(kind);
        OffsetDateTime until = PageFlow.time(r.getString("offerExpiresAt"));
        String place = position == null ? "" : text(v, "（" + position + "番目）", " (number " + position + ")");
        String status = switch (state) {
            case "applied" -> text(v, "抽選に応募済み（結果を待っています）", "Applied (waiting for the draw)");
            case "waiting" ->
                lottery
                        ? text(v, "抽選の結果: 補欠", "Not drawn: on the reserve list") + place
                        : text(v, "コース全体のキャンセル待ち", "Waiting for the whole course") + place;
            case "offered" ->
                text(
                        v,
                        "コース全体の席が空きました。期限までにお返事ください",
                        "A seat on every date of the course is free: please answer by the deadline");
            case "booked" ->
                lottery
                        ? text(v, "抽選の結果: 当選（全部の回を予約しました）", "Drawn: every date is booked for you")
                        : text(v, "ご案内を受けました（全部の回を予約しました）", "Accepted: every date is booked for you");
            case "expired" -> text(v, "ご案内の期限が過ぎたか、お断りしました", "The offer was declined or lapsed");
            case "withdrawn" -> text(v, "取り下げました", "Withdrawn");
            case "ended" -> text(v, "このコースは終わりました", "This course has ended");
            default -> state;
        };
        return new RequestLine(
                r.getString("id"),
                r.getString("courseId"),
                titleOf(v, r),
                lottery ? text(v, "抽選への応募", "Lottery application") : text(v, "キャンセル待ち", "Waitlist"),
                state,
                status,
                until == null ? "" : Wording.until(until, v.language()),
                "offered".equals(state),
                state != null && List.of("applied", "waiting").contains(state),
                r.getString("lotteryReference"));
    }

    /** The page that asks once more before she withdraws, accepts or declines. */
    private Uni<Result> confirmRequest(Visit v) {
        UUID id = uuid(v.ctx().pathParam("id"));
        String action = v.ctx().pathParam("action");
        if (id == null || !REQUEST_ACTIONS.contains(action)) {
            return Uni.createFrom().item(errorPage(404));
        }
        return services.get("registration", "/api/registrations/mine/course-requests", v.token())
                .map(answer -> {
                    if (!answer.ok()) {
                        return errorPage(answer.status() == 403 ? 403 : 503);
                    }
                    JsonObject own = null;
                    for (Object o : answer.array()) {
                        if (o instanceof JsonObject r && id.toString().equals(r.getString("id"))) {
                            own = r;
                        }
                    }
                    if (own == null) {
                        return errorPage(404);
                    }
                    RequestLine line = requestLine(v, own);
                    boolean possible = "withdraw".equals(action) ? line.canWithdraw() : line.offered();
                    if (!possible) {
                        // already answered (another tab, a lapse): her list says where it stands
                        return new Redirect("/app/courses");
                    }
                    String path = "/app/courses/requests/" + id + "/" + action;
                    Ask ask = switch (action) {
                        case "accept" ->
                            new Ask(
                                    text(v, "コースを受けますか", "Take the course?"),
                                    text(
                                            v,
                                            "受けると、全部の回の席があなたの予約になります。あとから1回だけ取り消すこともできます。",
                                            "Accepting books every date for you; later you can still cancel a single"
                                                    + " date."),
                                    text(v, "受ける", "Accept"),
                                    false,
                                    path);
                        case "decline" ->
                            new Ask(
                                    text(v, "ご案内を断りますか", "Decline the offer?"),
                                    text(
                                            v,
                                            "断ると、この席は次に待っている方にご案内されます。",
                                            "Declining passes the place to the next person waiting."),
                                    text(v, "断る", "Decline"),
                                    true,
                                    path);
                        default ->
                            new Ask(
                                    "lottery".equals(own.getString("kind"))
                                            ? text(v, "応募を取り下げますか", "Withdraw your application?")
                                            : text(v, "キャンセル待ちをやめますか", "Leave the waitlist?"),
                                    text(
                                            v,
                                            "取り下げると、もとの順番には戻れません。",
                                            "Once withdrawn, your place in line cannot be given back."),
                                    text(v, "取り下げる", "Withdraw"),
                                    true,
                                    path);
                    };
                    return confirmPage(v, line.title(), ask, List.of(), line.status(), line.offerUntil());
                });
    }

    private static final List<String> REQUEST_ACTIONS = List.of("withdraw", "accept", "decline");

    private Uni<Result> answerRequest(Visit v, MultiMap form) {
        UUID id = uuid(v.ctx().pathParam("id"));
        String action = v.ctx().pathParam("action");
        if (id == null || !REQUEST_ACTIONS.contains(action)) {
            return Uni.createFrom().item(errorPage(404));
        }
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        return services.post(
                        "registration",
                        "/api/registrations/mine/course-requests/" + id + "/" + action,
                        v.token(),
                        null,
                        idempotencyKey(form),
                        v.ctx().request())
                .flatMap(answer -> afterChange(
                        v,
                        answer,
                        switch (action) {
                            case "accept" -> "accepted";
                            case "decline" -> "declined";
                            default -> "withdrawn";
                        }));
    }

    private Uni<Result> confirmDateCancel(Visit v) {
        UUID id = uuid(v.ctx().pathParam("id"));
        UUID registration = uuid(v.ctx().pathParam("registrationId"));
        if (id == null || registration == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        return ownBooking(v, id).map(found -> {
            if (found == null) {
                return errorPage(404);
            }
            DateLine date = found.dates().stream()
                    .filter(d -> registration.toString().equals(d.registrationId()))
                    .findFirst()
                    .orElse(null);
            if (date == null) {
                return errorPage(404);
            }
            if (!date.cancellable()) {
                return new Redirect("/app/courses");
            }
            return confirmPage(
                    v,
                    found.title(),
                    new Ask(
                            text(v, "この回だけ取り消しますか", "Cancel this date only?"),
                            text(
                                    v,
                                    "この回の席（と託児）を取り消します。ほかの回の予約はそのままです。",
                                    "This date's seat (and childcare) is given back; your other dates stay booked."),
                            text(v, "この回だけ取り消す", "Cancel this date only"),
                            true,
                            "/app/courses/" + id + "/dates/" + registration + "/cancel"),
                    List.of(date),
                    "",
                    "");
        });
    }

    private Uni<Result> cancelDate(Visit v, MultiMap form) {
        UUID id = uuid(v.ctx().pathParam("id"));
        UUID registration = uuid(v.ctx().pathParam("registrationId"));
        if (id == null || registration == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        // the date must be one of this course booking of hers: the form's two ids are checked against her own list
        return ownBooking(v, id).flatMap(found -> {
            if (found == null
                    || found.dates().stream()
                            .noneMatch(d -> registration.toString().equals(d.registrationId()))) {
                return Uni.createFrom().item(errorPage(404));
            }
            return services.post(
                            "registration",
                            "/api/registrations/mine/" + registration + "/cancel",
                            v.token(),
                            null,
                            idempotencyKey(form),
                            v.ctx().request())
                    .flatMap(answer -> afterChange(v, answer, "date-cancelled"));
        });
    }

    private Uni<Result> confirmCancel(Visit v) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        return ownBooking(v, id).map(found -> {
            if (found == null) {
                return errorPage(404);
            }
            if (!found.booked()) {
                return new Redirect("/app/courses");
            }
            return confirmPage(
                    v,
                    found.title(),
                    new Ask(
                            text(v, "コース全体を取り消しますか", "Cancel the whole course?"),
                            text(
                                    v,
                                    "これからの回の席（と託児）をすべて取り消します。取り消した席は、待っている方にご案内されます。",
                                    "Every date still to come is given back (with its childcare) and offered to those"
                                            + " waiting."),
                            text(v, "コース全体を取り消す", "Cancel the whole course"),
                            true,
                            "/app/courses/" + id + "/cancel"),
                    found.dates().stream().filter(DateLine::cancellable).toList(),
                    "",
                    "");
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
                        idempotencyKey(form),
                        v.ctx().request())
                .flatMap(answer -> afterChange(v, answer, "cancelled"));
    }

    /** POST-redirect-GET: done, her list says so; refused (a lapsed offer, a date past its cut-off), it says why. */
    private Uni<Result> afterChange(Visit v, ServiceCalls.Answer answer, String done) {
        if (answer.ok()) {
            return Uni.createFrom().item(new Redirect("/app/courses?done=" + done));
        }
        if (answer.status() == 404) {
            return Uni.createFrom().item(errorPage(404));
        }
        if (answer.status() >= 500) {
            return Uni.createFrom().item(errorPage(503));
        }
        return mine(v, answer.problem().isEmpty() ? "http-" + answer.status() : answer.problem(), 409);
    }

    private Uni<CourseLine> ownBooking(Visit v, UUID id) {
        return services.get("registration", "/api/registrations/mine/courses", v.token())
                .map(answer -> answer.ok()
                        ? courseLines(v, answer.array()).stream()
                                .filter(c -> id.toString().equals(c.id()))
                                .findFirst()
                                .orElse(null)
                        : null);
    }

    /** What a confirmation page asks: its heading, what happens, the button (red when it gives something up). */
    record Ask(String heading, String explain, String yes, boolean danger, String action) {}

    /** The one page that asks once more before she accepts, declines, withdraws or cancels. */
    private static Result confirmPage(
            Visit v, String title, Ask ask, List<DateLine> dates, String status, String deadline) {
        Map<String, Object> data = new HashMap<>();
        data.put("nav", "my-courses");
        data.put("title", title);
        data.put("dates", dates);
        data.put("status", status);
        data.put("deadline", deadline);
        data.put("heading", ask.heading());
        data.put("explain", ask.explain());
        data.put("yes", ask.yes());
        data.put("danger", ask.danger());
        data.put("action", ask.action());
        data.put("idem", UUID.randomUUID().toString());
        data.put("c", strings(v));
        return new PageFlow.Html(200, "course-confirm", data);
    }

    private static String idempotencyKey(MultiMap form) {
        String key = form.get("idem");
        return key != null && key.matches("[0-9a-f-]{36}") ? key : null;
    }

    private static String doneText(Visit v, String done) {
        return switch (done) {
            case "booked" -> strings(v).get("booked");
            case "requested" -> strings(v).get("requested");
            case "cancelled" -> strings(v).get("cancelled");
            case "date-cancelled" ->
                text(v, "この回を取り消しました。ほかの回の予約はそのままです。", "That date is cancelled; your other dates stay booked.");
            case "accepted" -> text(v, "コースを受けました。全部の回の席を予約しました。", "You took the course: every date is booked.");
            case "declined" -> text(v, "ご案内をお断りしました。", "You declined the offer.");
            case "withdrawn" -> text(v, "取り下げました。", "Withdrawn.");
            default -> "";
        };
    }

    private static String actionProblem(Visit v, String problem) {
        String type = problem.substring(problem.lastIndexOf('/') + 1);
        return switch (type) {
            case "no-open-offer" ->
                text(v, "このご案内は期限が過ぎたか、すでにお返事済みです。", "This offer has lapsed or has already been answered.");
            case "cancellation-closed" ->
                text(v, "この回は取り消しの締切を過ぎています。", "This date can no longer be cancelled online.");
            case "not-active" -> text(v, "すでに取り消し・取り下げ済みです。", "This was already cancelled or withdrawn.");
            default -> text(v, "いまはできませんでした。少し待ってから、もう一度お試しください。", "That did not work now; please try again shortly.");
        };
    }

    private static String titleOf(Visit v, JsonObject o) {
        return v.ja()
                        || o.getString("titleEn") == null
                        || o.getString("titleEn").isBlank()
                ? nullToEmpty(o.getString("titleJa"))
                : o.getString("titleEn");
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
        s.put(
                "childcareHelp",
                text(
                        v,
                        "託児を希望する回は、チェックを入れて、お子さんの年齢を入れてください。チェックのない回に年齢だけを入れたときは、予約する前にお知らせします。",
                        "For each date you want childcare on, tick the box and enter your child's age. If you enter an"
                                + " age on a date that is not ticked, we ask you before booking."));
        s.put("held", text(v, "このコースは予約済みです。", "You have booked this course."));
        s.put("seeBooking", text(v, "わたしのコースで予約を見る", "See your booking in My courses"));
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
        s.put("bookedTitle", text(v, "予約しているコース", "Courses you booked"));
        s.put("offersTitle", text(v, "お返事をお待ちしているご案内", "Offers waiting for your answer"));
        s.put("requestsTitle", text(v, "応募・キャンセル待ち", "Applications and waitlists"));
        // the same words as her booking's page
        s.put("lotteryReference", UiText.of(v.language()).get("lotteryReference"));
        s.put("lotteryReferenceHelp", UiText.of(v.language()).get("lotteryReferenceHelp"));
        s.put("closedTitle", text(v, "取り消したコース・終わった応募", "Cancelled courses and past applications"));
        s.put("answerBy", text(v, "お返事の期限", "Answer by"));
        s.put("accept", text(v, "受ける", "Accept"));
        s.put("decline", text(v, "断る", "Decline"));
        s.put("withdraw", text(v, "取り下げる", "Withdraw"));
        s.put("back", text(v, "やめる（わたしのコースへ戻る）", "Go back (My courses)"));
        s.put("findCourses", text(v, "連続講座をさがす", "Find courses"));
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

    /** 「全3回」, or "" when the title already says it (organisers often name a course 「全3回 …」). */
    private static String dateCount(Visit v, String title, Integer count) {
        String said = text(v, "全" + count + "回", count + " dates");
        return count == null || nullToEmpty(title).contains(said) ? "" : said;
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
