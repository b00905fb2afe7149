package io.ibasho.gateway.web.staff;

import static io.ibasho.gateway.web.PageFlow.errorPage;
import static io.ibasho.gateway.web.PageFlow.uuid;

import io.ibasho.gateway.BrowserSessions;
import io.ibasho.gateway.FormBody;
import io.ibasho.gateway.web.Language;
import io.ibasho.gateway.web.PageFlow;
import io.ibasho.gateway.web.PageFlow.Html;
import io.ibasho.gateway.web.PageFlow.Result;
import io.ibasho.gateway.web.PageFlow.Visit;
import io.ibasho.gateway.web.ServiceCalls;
import io.ibasho.gateway.web.Wording;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The organiser's courses (docs/courses.md): each course of her organisation with its places, its applications,
 * waitlist and offers, and per date the seats taken of the capacity, all as counts (registration's course counts: no
 * nickname, so no audited roster read); and a lottery course's page, like a session's lottery page: the closing, the
 * seed commitment, 抽選する, the audit record and この抽選を確かめる (registration's verifier on the published file).
 */
@ApplicationScoped
public class CourseStaffPages {
    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    /** One date of a course: seats taken of the date's capacity (single and course bookings share them). */
    @TemplateData
    public record DateSeats(String id, String when, String venue, String seats, int value, int max) {}

    /** A course on the organiser's list, its numbers already in words. */
    @TemplateData
    public record CourseBlock(
            String id,
            String title,
            String allocation,
            boolean lottery,
            String places,
            int placesValue,
            int placesMax,
            String requests,
            List<DateSeats> dates) {}

    void routes(@Observes Router router) {
        router.get("/staff/courses")
                .order(900)
                .handler(ctx -> flow.page(ctx, true, OrganiserSessionPages.organiser(this::list)));
        router.get("/staff/courses/:id/lottery")
                .order(900)
                .handler(
                        ctx -> flow.page(ctx, true, OrganiserSessionPages.organiser(v -> lottery(v, null, null, 200))));
        router.post("/staff/courses/:id/lottery/:action")
                .order(900)
                .handler(ctx -> FormBody.read(
                        ctx, form -> flow.page(ctx, true, OrganiserSessionPages.organiser(v -> action(v, form)))));
    }

    private Uni<Result> list(Visit v) {
        return services.get("event", "/api/events/courses/mine", v.token()).flatMap(found -> {
            if (!found.ok()) {
                return Uni.createFrom().item(errorPage(found.status() == 403 ? 403 : 503));
            }
            JsonArray courses = found.array();
            // at most 50 per call, as the service allows; an organisation has far fewer courses
            List<String> ids = courses.stream()
                    .map(o -> ((JsonObject) o).getString("id"))
                    .limit(50)
                    .toList();
            Uni<JsonArray> counts = ids.isEmpty()
                    ? Uni.createFrom().item(new JsonArray())
                    : services.get(
                                    "registration",
                                    "/api/registrations/course-counts?"
                                            + ids.stream()
                                                    .map(id -> "courseId=" + id)
                                                    .collect(Collectors.joining("&")),
                                    v.token())
                            .map(a -> a.ok() ? a.array() : new JsonArray());
            return counts.map(numbers -> {
                Map<String, JsonObject> byId = new HashMap<>();
                for (Object o : numbers) {
                    JsonObject n = (JsonObject) o;
                    byId.put(n.getString("courseId"), n);
                }
                List<CourseBlock> blocks = new ArrayList<>();
                for (Object o : courses) {
                    JsonObject c = (JsonObject) o;
                    blocks.add(block(c, byId.get(c.getString("id")), v.language()));
                }
                Map<String, Object> data = new HashMap<>();
                data.put("nav", "staff-courses");
                data.put("st", StaffText.of(v.language()));
                data.put("ct", words(v.language()));
                data.put("courses", blocks);
                return (Result) new Html(200, "staff/courses", data);
            });
        });
    }

    /** A course and its counts (null when registration has not heard of it yet: then nothing is booked). */
    static CourseBlock block(JsonObject course, JsonObject counts, Language language) {
        boolean ja = language == Language.JA;
        boolean lottery = "LOTTERY".equals(course.getString("allocation"));
        JsonObject n = counts == null ? new JsonObject() : counts;
        int capacity = course.getInteger("capacity", 0);
        int booked = n.getInteger("bookedPlaces", 0);
        long applied = n.getLong("applied", 0L);
        long waiting = n.getLong("waiting", 0L);
        long offers = n.getLong("offersOut", 0L);
        OffsetDateTime firstDeadline = PageFlow.time(n.getString("firstOfferExpiresAt"));
        String allocation = lottery
                ? (ja ? "抽選（応募締切 " : "Lottery (applications close ")
                        + Wording.when(PageFlow.time(course.getString("applicationsCloseAt")), null, language)
                        + (ja ? "）" : ")")
                : (ja ? "先着順" : "First come");
        StringBuilder requests = new StringBuilder();
        if (lottery) {
            requests.append(ja ? "抽選への応募（未抽選） " + applied + "件・" : applied + " applications not drawn yet, ");
        }
        requests.append(
                ja
                        ? (lottery ? "補欠" : "キャンセル待ち") + " " + waiting + "人・ご案内中 " + offers + "件"
                        : waiting + (lottery ? " on the reserve list, " : " waiting, ") + offers + " offers out");
        if (firstDeadline != null) {
            requests.append(ja ? "（最初の返事の期限 " : " (first answer due ")
                    .append(Wording.when(firstDeadline, null, language))
                    .append(ja ? "）" : ")");
        }
        Map<String, JsonObject> seats = new HashMap<>();
        for (Object o : n.getJsonArray("dates", new JsonArray())) {
            JsonObject d = (JsonObject) o;
            seats.put(d.getString("sessionId"), d);
        }
        List<DateSeats> dates = new ArrayList<>();
        for (Object o : course.getJsonArray("dates", new JsonArray())) {
            JsonObject d = (JsonObject) o;
            JsonObject s = seats.getOrDefault(d.getString("sessionId"), new JsonObject());
            int taken = s.getInteger("seatsTaken", 0);
            Integer dateCapacity = s.getInteger("capacity");
            String venue = language == Language.EN && d.getString("venueNameEn") != null
                    ? d.getString("venueNameEn")
                    : d.getString("venueNameJa", d.getBoolean("online", false) ? "オンライン" : "");
            dates.add(new DateSeats(
                    d.getString("sessionId"),
                    Wording.when(
                            PageFlow.time(d.getString("startsAt")), PageFlow.time(d.getString("endsAt")), language),
                    venue,
                    dateCapacity == null
                            ? (ja ? "席 " + taken : taken + " seats taken")
                            : (ja ? "席 " + taken + " / " + dateCapacity : taken + " of " + dateCapacity + " seats"),
                    taken,
                    dateCapacity == null ? Math.max(taken, 1) : Math.max(dateCapacity, 1)));
        }
        return new CourseBlock(
                course.getString("id"),
                language == Language.EN && course.getString("titleEn") != null
                        ? course.getString("titleEn")
                        : course.getString("titleJa", ""),
                allocation,
                lottery,
                ja ? "コースの予約 " + booked + " / " + capacity : booked + " of " + capacity + " course places booked",
                booked,
                Math.max(capacity, 1),
                requests.toString(),
                dates);
    }

    private Uni<Result> lottery(Visit v, String message, Map<String, Object> extra, int status) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        String base = "/api/registrations/courses/" + id + "/lottery";
        Uni<JsonObject> course = CourseFormPages.own(services, v, id);
        Uni<ServiceCalls.Answer> info = services.get("registration", base, v.token());
        Uni<ServiceCalls.Answer> record = services.get("registration", base + "/draw", v.token());
        // how many applied so far is hers alone to read (the public lottery facts leave it out: docs/adr/0086)
        Uni<JsonObject> counts = services.get(
                        "registration", "/api/registrations/course-counts?courseId=" + id, v.token())
                .map(a -> a.ok() && a.array().size() == 1 ? a.array().getJsonObject(0) : null)
                .onFailure()
                .recoverWithNull();
        return Uni.combine().all().unis(course, info, record, counts).asTuple().map(all -> {
            JsonObject c = all.getItem1();
            ServiceCalls.Answer lottery = all.getItem2();
            if (c == null || !"LOTTERY".equals(c.getString("allocation")) || lottery.status() == 404) {
                return errorPage(404);
            }
            if (!lottery.ok()) {
                return errorPage(lottery.status() == 403 ? 403 : 503);
            }
            JsonObject l = lottery.object();
            Map<String, Object> data = new HashMap<>();
            data.put("nav", "staff-courses");
            data.put("st", StaffText.of(v.language()));
            data.put("ct", words(v.language()));
            data.put("course", block(c, null, v.language()));
            data.put(
                    "facts",
                    facts(c, l, all.getItem3().ok() ? all.getItem3().object() : null, all.getItem4(), v.language()));
            data.put("commitment", l.getString("commitment", ""));
            data.put("drawn", Boolean.TRUE.equals(l.getValue("drawn")));
            data.put("message", message);
            data.put("check", null);
            data.put("checkOk", false);
            if (extra != null) {
                data.putAll(extra);
            }
            return (Result) new Html(status, "staff/course-lottery", data);
        });
    }

    /** {@code counts}: her course-counts of this course (its applications before the draw), or null when unknown. */
    static List<StaffViews.Count> facts(
            JsonObject course, JsonObject lottery, JsonObject record, JsonObject counts, Language language) {
        boolean ja = language == Language.JA;
        List<StaffViews.Count> facts = new ArrayList<>();
        facts.add(new StaffViews.Count(
                "deadline",
                ja ? "応募締切" : "Applications close",
                Wording.when(PageFlow.time(lottery.getString("applicationsCloseAt")), null, language)));
        boolean drawn = Boolean.TRUE.equals(lottery.getValue("drawn"));
        if (!drawn) {
            facts.add(new StaffViews.Count(
                    "applications",
                    ja ? "応募 / コースの定員" : "Applications / course places",
                    (counts != null && counts.getValue("applied") instanceof Number n ? n.toString() : "—") + " / "
                            + course.getInteger("capacity", 0)));
        }
        facts.add(new StaffViews.Count(
                "state",
                ja ? "状態" : "State",
                drawn
                        ? (ja ? "抽選済み（当選した方は全部の回を予約済み）" : "Drawn; winners are booked on every date")
                        : (ja ? "未抽選" : "Not drawn yet")));
        if (record != null && record.getString("drawnAt") != null) {
            facts.add(new StaffViews.Count(
                    "drawn-at",
                    ja ? "抽選日時" : "Drawn at",
                    Wording.when(PageFlow.time(record.getString("drawnAt")), null, language)));
            facts.add(new StaffViews.Count(
                    "results",
                    ja ? "結果" : "Results",
                    ja
                            ? "当選 " + record.getValue("winners") + "人・補欠 " + record.getValue("reserve") + "人（抽選した席 "
                                    + record.getValue("seats") + "）"
                            : record.getValue("winners") + " won, " + record.getValue("reserve")
                                    + " on the reserve list (" + record.getValue("seats") + " places drawn)"));
            facts.add(new StaffViews.Count("seed", ja ? "公開した種" : "Revealed seed", record.getString("seed", "")));
            facts.add(new StaffViews.Count(
                    "input-digest", ja ? "応募内容の指紋" : "Input digest", record.getString("inputDigest", "")));
        }
        return facts;
    }

    private Uni<Result> action(Visit v, MultiMap form) {
        UUID id = uuid(v.ctx().pathParam("id"));
        String action = v.ctx().pathParam("action");
        if (id == null || !List.of("draw", "check").contains(action)) {
            return Uni.createFrom().item(errorPage(404));
        }
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        String base = "/api/registrations/courses/" + id + "/lottery";
        boolean ja = v.ja();
        if ("draw".equals(action)) {
            return services.post(
                            "registration",
                            base + "/draw",
                            v.token(),
                            null,
                            UUID.randomUUID().toString(),
                            v.ctx().request())
                    .flatMap(answer -> answer.ok()
                            ? lottery(v, ja ? "抽選しました。" : "Drawn.", null, 200)
                            : lottery(v, problem(answer, ja), null, answer.status() >= 500 ? 503 : 409));
        }
        return LotteryCheck.run(
                services,
                v,
                base,
                answer -> problem(answer, ja),
                (message, extra, status) -> lottery(v, message, extra, status));
    }

    private static String problem(ServiceCalls.Answer answer, boolean ja) {
        return switch (answer.problem()) {
            case "applications-still-open" ->
                ja ? "まだ応募の受付中です。締切の後に抽選できます。" : "Applications are still open; draw after the closing.";
            case "not-drawn" -> ja ? "まだ抽選していません。" : "Not drawn yet.";
            // the scheduler drew at the closing first (the same draw), or no place fits on every date yet
            case "already-drawn" ->
                ja
                        ? "抽選は締切のあと自動で行われました（結果は下のとおり）。全部の回に入れる席がまだないときは、席が空いたときに抽選されます。"
                        : "The draw ran by itself after the closing (results below); when no place fits on every date yet,"
                                + " it runs once one frees.";
            default ->
                answer.status() >= 500
                        ? (ja ? "いまは処理できません。少し待ってから、もう一度お試しください。" : "Not possible now; try again shortly.")
                        : answer.object().getString("detail", "HTTP " + answer.status());
        };
    }

    /** This screen's own words (kept here so that StaffText, shared by every staff screen, merges cleanly). */
    static Map<String, String> words(Language language) {
        boolean ja = language == Language.JA;
        Map<String, String> w = new HashMap<>();
        w.put("title", ja ? "連続講座の管理" : "Your courses");
        w.put("none", ja ? "まだコースはありません。" : "No courses yet.");
        w.put(
                "help",
                ja
                        ? "数だけを表示しています（だれが予約・応募したかは表示しません）。各回の席は、単発の予約とコースの予約で共有です。"
                        : "Counts only (never who booked or applied). Each date's seats are shared by single and course"
                                + " bookings.");
        w.put("dates", ja ? "日程と各回の席" : "Dates and seats per date");
        w.put("places", ja ? "コースの予約" : "Course places");
        w.put("lottery", ja ? "抽選のページ" : "Lottery page");
        w.put("lotteryTitle", ja ? "コースの抽選" : "Course lottery");
        w.put("back", ja ? "連続講座の一覧へ戻る" : "Back to your courses");
        w.put("newCourse", ja ? "新しいコースをつくる" : "Make a course");
        w.put("edit", ja ? "コースを変更する" : "Change the course");
        w.put("roster", ja ? "コースの名簿" : "Course roster");
        w.put("newTitle", ja ? "新しいコース" : "New course");
        w.put("editTitle", ja ? "コースの変更" : "Change a course");
        w.put("datesLegend", ja ? "日程（各回の託児）" : "Dates (childcare per date)");
        w.put(
                "datesHelp",
                ja
                        ? "公開済みの先着順の講座から、2回以上を選んでください。会場・時間・定員・託児は各回のページで決めます。"
                        : "Choose two or more of your published first-come sessions. Each date's venue, time, capacity"
                                + " and childcare are set on its own page.");
        w.put(
                "datesFixed",
                ja
                        ? "公開したコースの日程は変えられません（予約した方は全部の回をまとめて予約しています）。1回の時間・部屋・託児の変更や中止は、その回のページで行います。"
                        : "A published course keeps its dates (women booked them as one). Change one date's time, room or"
                                + " childcare, or cancel it, on its own page.");
        w.put(
                "noDates",
                ja
                        ? "選べる講座がありません。先に先着順の講座を作って公開してください。"
                        : "No session to choose: make and publish first-come sessions first.");
        w.put("changeDate", ja ? "この回を変更する" : "Change this date");
        w.put("allocation", ja ? "参加のしかた" : "How places are given");
        w.put("firstCome", ja ? "先着順（すぐに予約を受け付けます）" : "First come (bookings open at once)");
        w.put("byLottery", ja ? "抽選（応募締切のあとに抽選します）" : "Lottery (drawn after applications close)");
        w.put("closing", ja ? "抽選の応募締切（抽選のときだけ）" : "Lottery closing (lottery only)");
        w.put(
                "closingHelp",
                ja
                        ? "いまより後で、最初の回より前にしてください。公開したあとは、締切の前に後ろへ延ばすことだけができます。"
                        : "In the future and before the first date. Once published it can only move later, before it"
                                + " passes.");
        w.put("create", ja ? "コースをつくって公開する" : "Make and publish the course");
        w.put("rosterTitle", ja ? "コースの名簿" : "Course roster");
        w.put(
                "rosterHelp",
                ja
                        ? "コースで予約した方を回ごとに表示します（ニックネーム、状態、託児、受付）。見た記録は残ります。受付は各回の「受付」で行います。"
                        : "Who booked the course, per date (nickname, state, childcare, check-in). Every look is recorded."
                                + " Check-in is done at each date's door.");
        return w;
    }
}
