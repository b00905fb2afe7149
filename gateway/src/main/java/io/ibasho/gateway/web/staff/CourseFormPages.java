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
import io.ibasho.gateway.web.ServiceCalls;
import io.ibasho.gateway.web.ServiceCalls.Answer;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An organiser makes and changes a course from the screens (docs/courses.md): a new course from her published
 * first-come sessions (each date shown with its childcare), and later its texts, a larger capacity or a lottery's
 * closing moved later. Every refusal, the gateway's or the event service's (by stable code), is beside its field. The
 * course roster: per date who is booked (nicknames, as the door shows them), childcare and check-in, read from
 * registration's course roster, which audits every read (reason {@value #AUDIT_REASON}).
 */
@ApplicationScoped
public class CourseFormPages {
    static final String AUDIT_REASON = "course roster";
    private static final Set<String> GONE = Set.of("cancelled", "expired");

    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    @Inject
    java.time.Clock clock;

    /** A date she may choose (or a date of the course being edited), with its childcare in words. */
    @TemplateData
    public record DateChoice(String id, String title, String when, String venue, String childcare, boolean chosen) {}

    /** One date of the course roster. */
    @TemplateData
    public record RosterDate(String id, String when, String venue, String booked, List<RosterPerson> people) {}

    /** One woman on a date: her nickname, state, childcare and check-in, as the door's roster shows them. */
    @TemplateData
    public record RosterPerson(String nickname, String status, String childcare, String attendance) {}

    void routes(@Observes Router router) {
        router.get("/staff/courses/new")
                .order(899)
                .handler(ctx -> flow.page(
                        ctx,
                        true,
                        OrganiserSessionPages.organiser(v -> form(v, null, blank(), Set.of(), Map.of(), null, 200))));
        router.post("/staff/courses/new")
                .order(899)
                .handler(ctx -> FormBody.read(
                        ctx, form -> flow.page(ctx, true, OrganiserSessionPages.organiser(v -> create(v, form)))));
        router.get("/staff/courses/:id/edit")
                .order(899)
                .handler(ctx -> flow.page(ctx, true, OrganiserSessionPages.organiser(this::edit)));
        router.post("/staff/courses/:id/edit")
                .order(899)
                .handler(ctx -> FormBody.read(
                        ctx, form -> flow.page(ctx, true, OrganiserSessionPages.organiser(v -> update(v, form)))));
        router.get("/staff/courses/:id/roster")
                .order(899)
                .handler(ctx -> flow.page(ctx, true, OrganiserSessionPages.organiser(this::roster)));
    }

    // ---- new and edit ----

    private Uni<Result> create(Visit v, MultiMap form) {
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        Map<String, String> typed = typed(form);
        List<String> chosen = form.getAll("sessionIds").stream().limit(60).toList();
        CourseForm.Parsed parsed = CourseForm.read(typed, chosen, null, v.language());
        if (!parsed.valid()) {
            return form(v, null, typed, Set.copyOf(chosen), parsed.errors(), null, 422);
        }
        return services.post(
                        "event",
                        "/api/events/courses",
                        v.token(),
                        parsed.request(),
                        null,
                        v.ctx().request())
                .flatMap(answer -> answer.ok()
                        ? Uni.createFrom()
                                .item(new Redirect(
                                        "/staff/courses/" + answer.object().getString("id") + "/edit?done=saved"))
                        : refused(v, null, typed, Set.copyOf(chosen), answer));
    }

    private Uni<Result> edit(Visit v) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        String done = "saved".equals(v.ctx().request().getParam("done")) ? (v.ja() ? "保存しました。" : "Saved.") : null;
        return own(services, v, id)
                .flatMap(course -> course == null
                        ? Uni.createFrom().item(errorPage(404))
                        : form(v, course, CourseForm.valuesOf(course), Set.of(), Map.of(), done, 200));
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
        return own(services, v, id).flatMap(course -> {
            if (course == null) {
                return Uni.createFrom().item(errorPage(404));
            }
            CourseForm.Parsed parsed = CourseForm.read(typed, null, course, v.language());
            if (!parsed.valid()) {
                return form(v, course, typed, Set.of(), parsed.errors(), null, 422);
            }
            return services.put(
                            "event",
                            "/api/events/courses/" + id,
                            v.token(),
                            parsed.request(),
                            v.ctx().request())
                    .flatMap(answer -> answer.ok()
                            ? Uni.createFrom().item(new Redirect("/staff/courses/" + id + "/edit?done=saved"))
                            : refused(v, course, typed, Set.of(), answer));
        });
    }

    /** The service refused: its reasons beside her fields, her values kept. */
    private Uni<Result> refused(
            Visit v, JsonObject course, Map<String, String> typed, Set<String> chosen, Answer answer) {
        if (answer.status() >= 500 || answer.status() == 401) {
            return Uni.createFrom().item(errorPage(503));
        }
        if (answer.status() == 403 || (answer.status() == 404 && course != null)) {
            return Uni.createFrom().item(errorPage(answer.status()));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        JsonArray violations = arr(answer.object(), "violations");
        for (Object o : violations) {
            if (o instanceof JsonObject violation) {
                errors.merge(
                        CourseForm.fieldOf(violation.getString("code"), violation.getString("field")),
                        CourseForm.message(violation.getString("code"), violation.getString("message"), v.language()),
                        (a, b) -> a + " " + b);
            }
        }
        if (errors.isEmpty()) {
            String code = answer.problem();
            errors.put(
                    CourseForm.fieldOf(code, null),
                    CourseForm.message(code, answer.object().getString("detail"), v.language()));
        }
        return form(v, course, typed, chosen, errors, null, answer.status() == 409 ? 409 : 422);
    }

    private Uni<Result> form(
            Visit v,
            JsonObject course,
            Map<String, String> values,
            Set<String> chosen,
            Map<String, String> errors,
            String message,
            int status) {
        Uni<List<DateChoice>> dates =
                course != null ? Uni.createFrom().item(courseDates(course, v.language())) : choices(v, chosen);
        return dates.map(choices -> {
            Map<String, Object> data = new HashMap<>();
            data.put("nav", "staff-courses");
            data.put("st", StaffText.of(v.language()));
            data.put("ct", CourseStaffPages.words(v.language()));
            data.put("course", course == null ? null : CourseStaffPages.block(course, null, v.language()));
            data.put(
                    "action",
                    course == null ? "/staff/courses/new" : "/staff/courses/" + course.getString("id") + "/edit");
            data.put("fields", fields(values, errors, v.language()));
            data.put("datesError", errors.get("sessionIds"));
            data.put("allocationError", errors.get("allocation"));
            data.put("closesError", errors.containsKey("closesDate") || errors.containsKey("closesTime"));
            data.put("dates", choices);
            data.put("lottery", "LOTTERY".equals(values.get("allocation")));
            data.put("firstCome", !"LOTTERY".equals(values.get("allocation")));
            data.put("formError", errors.get("form"));
            data.put("hasErrors", !errors.isEmpty());
            data.put("errorList", CourseForm.errorList(errors));
            data.put("message", message);
            return (Result) new Html(status, "staff/course-form", data);
        });
    }

    /** The form's text fields as typed, each with the message beside it. */
    @TemplateData
    public record Fields(
            StaffViews.Field titleJa,
            StaffViews.Field titleEn,
            StaffViews.Field descriptionJa,
            StaffViews.Field capacity,
            StaffViews.Field closesDate,
            StaffViews.Field closesTime) {
        public List<StaffViews.Field> texts() {
            return List.of(titleJa, titleEn, descriptionJa, capacity);
        }

        public List<StaffViews.Field> closing() {
            return List.of(closesDate, closesTime);
        }
    }

    static Fields fields(Map<String, String> values, Map<String, String> errors, Language language) {
        boolean ja = language == Language.JA;
        java.util.function.BiFunction<String, String, StaffViews.Field> field = (name, label) ->
                new StaffViews.Field(name, label, "text", values.getOrDefault(name, ""), errors.get(name), List.of());
        return new Fields(
                field.apply("titleJa", ja ? "コースのタイトル（日本語）" : "Course title (Japanese)"),
                field.apply("titleEn", ja ? "コースのタイトル（英語・任意）" : "Course title (English, optional)"),
                new StaffViews.Field(
                        "descriptionJa",
                        ja ? "内容・各回のプログラム" : "Description and programme",
                        "textarea",
                        values.getOrDefault("descriptionJa", ""),
                        errors.get("descriptionJa"),
                        List.of()),
                new StaffViews.Field(
                        "capacity",
                        ja ? "コースの定員（コース全体を申し込める人数）" : "Course capacity (women who can book the whole course)",
                        "number",
                        values.getOrDefault("capacity", ""),
                        errors.get("capacity"),
                        List.of()),
                new StaffViews.Field(
                        "closesDate",
                        ja ? "応募締切の日付" : "Applications close: date",
                        "date",
                        values.getOrDefault("closesDate", ""),
                        errors.get("closesDate"),
                        List.of()),
                new StaffViews.Field(
                        "closesTime",
                        ja ? "応募締切の時刻" : "Applications close: time",
                        "time",
                        values.getOrDefault("closesTime", ""),
                        errors.get("closesTime"),
                        List.of()));
    }

    /** Her published first-come sessions still ahead and in no course yet: the dates a new course may have. */
    private Uni<List<DateChoice>> choices(Visit v, Set<String> chosen) {
        // the coming sessions only, soonest first: two pages of the service's largest (a busy organisation has years
        // of past sessions, which could never be a course's dates)
        String upcoming = "/api/events/sessions/mine?size=" + PagedRead.LARGEST_PAGE + "&startsFrom="
                + clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        // a page that fails leaves the pages read before it: fewer dates to choose, never an error page
        Uni<JsonArray> sessions = PagedRead.all(
                        page -> services.get("event", upcoming + "&page=" + page, v.token()), PagedRead.LARGEST_PAGE, 2)
                .map(PagedRead.Read::items);
        Uni<JsonArray> courses = services.get("event", "/api/events/courses/mine", v.token())
                .map(a -> a.ok() ? a.array() : new JsonArray());
        return Uni.combine()
                .all()
                .unis(sessions, courses)
                .asTuple()
                .map(both ->
                        candidates(both.getItem1(), both.getItem2(), chosen, OffsetDateTime.now(clock), v.language()));
    }

    /** Of her sessions, those a new course may have: published, first come, still ahead, in no course yet. */
    static List<DateChoice> candidates(
            JsonArray sessions, JsonArray courses, Set<String> chosen, OffsetDateTime now, Language language) {
        Set<String> taken = new HashSet<>();
        for (Object c : courses) {
            for (Object d : ((JsonObject) c).getJsonArray("dates", new JsonArray())) {
                taken.add(((JsonObject) d).getString("sessionId"));
            }
        }
        return sessions.stream()
                .map(JsonObject.class::cast)
                .filter(s -> "published".equalsIgnoreCase(s.getString("status"))
                        && "FIRST_COME".equalsIgnoreCase(s.getString("allocation"))
                        && !taken.contains(s.getString("id")))
                .filter(s -> {
                    OffsetDateTime starts = PageFlow.time(s.getString("startsAt"));
                    return starts != null && starts.isAfter(now);
                })
                .sorted(Comparator.comparing(s -> PageFlow.time(s.getString("startsAt"))))
                .map(s -> sessionChoice(s, chosen.contains(s.getString("id")), language))
                .toList();
    }

    static DateChoice sessionChoice(JsonObject s, boolean chosen, Language language) {
        StaffViews.SessionRow row = StaffViews.row(s, language);
        JsonObject care = s.getValue("childcare") instanceof JsonObject o ? o : new JsonObject();
        return new DateChoice(
                s.getString("id"),
                row.title(),
                row.when(),
                row.venue(),
                childcare(
                        Boolean.TRUE.equals(care.getValue("offered")),
                        care.getInteger("minAgeYears"),
                        care.getInteger("maxAgeYears"),
                        language),
                chosen);
    }

    static List<DateChoice> courseDates(JsonObject course, Language language) {
        List<DateChoice> dates = new ArrayList<>();
        for (Object o : course.getJsonArray("dates", new JsonArray())) {
            JsonObject d = (JsonObject) o;
            dates.add(new DateChoice(
                    d.getString("sessionId"),
                    language == Language.EN && d.getString("titleEn") != null
                            ? d.getString("titleEn")
                            : d.getString("titleJa", ""),
                    Wording.when(
                            PageFlow.time(d.getString("startsAt")), PageFlow.time(d.getString("endsAt")), language),
                    venue(d, language),
                    childcare(
                            d.getBoolean("childcareOffered", false),
                            d.getInteger("childcareMinAge"),
                            d.getInteger("childcareMaxAge"),
                            language),
                    true));
        }
        return dates;
    }

    static String childcare(boolean offered, Integer min, Integer max, Language language) {
        boolean ja = language == Language.JA;
        if (!offered) {
            return ja ? "託児なし" : "No childcare";
        }
        if (min == null || max == null) {
            return ja ? "託児あり" : "Childcare";
        }
        return ja ? "託児あり（" + min + "〜" + max + "歳）" : "Childcare (ages " + min + "–" + max + ")";
    }

    private static String venue(JsonObject d, Language language) {
        return language == Language.EN && d.getString("venueNameEn") != null
                ? d.getString("venueNameEn")
                : d.getString("venueNameJa", d.getBoolean("online", false) ? "オンライン" : "");
    }

    // ---- the roster ----

    private Uni<Result> roster(Visit v) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        return own(services, v, id).flatMap(course -> {
            if (course == null) {
                return Uni.createFrom().item(errorPage(404));
            }
            // the course's places booked, as the course list shows them (counts only)
            Uni<JsonObject> counts = services.get(
                            "registration", "/api/registrations/course-counts?courseId=" + id, v.token())
                    .map(a -> a.ok() && !a.array().isEmpty() ? a.array().getJsonObject(0) : null);
            return services.get(
                            "registration",
                            "/api/registrations/courses/" + id + "/roster?reason=" + AUDIT_REASON.replace(" ", "%20"),
                            v.token())
                    .flatMap(answer -> counts.map(numbers -> {
                        if (answer.status() == 404) {
                            // registration has not heard of the course yet: nobody can have booked it
                            return rosterPage(v, course, numbers, new JsonObject());
                        }
                        if (!answer.ok()) {
                            return errorPage(answer.status() == 403 ? 403 : 503);
                        }
                        return rosterPage(v, course, numbers, answer.object());
                    }));
        });
    }

    private static Result rosterPage(Visit v, JsonObject course, JsonObject counts, JsonObject roster) {
        Map<String, Object> data = new HashMap<>();
        data.put("nav", "staff-courses");
        data.put("st", StaffText.of(v.language()));
        data.put("ct", CourseStaffPages.words(v.language()));
        data.put("course", CourseStaffPages.block(course, counts, v.language()));
        data.put("dates", rosterDates(course, roster, v.language()));
        return new Html(200, "staff/course-roster", data);
    }

    static List<RosterDate> rosterDates(JsonObject course, JsonObject roster, Language language) {
        boolean ja = language == Language.JA;
        Map<String, JsonObject> byDate = new HashMap<>();
        for (Object o : roster.getJsonArray("dates", new JsonArray())) {
            JsonObject d = (JsonObject) o;
            byDate.put(d.getString("sessionId"), d);
        }
        Map<String, String> st = StaffText.of(language);
        List<RosterDate> dates = new ArrayList<>();
        for (Object o : course.getJsonArray("dates", new JsonArray())) {
            JsonObject d = (JsonObject) o;
            JsonObject r = byDate.getOrDefault(d.getString("sessionId"), new JsonObject());
            List<RosterPerson> people = new ArrayList<>();
            for (Object e : r.getJsonArray("entries", new JsonArray())) {
                JsonObject entry = (JsonObject) e;
                if (GONE.contains(entry.getString("status", ""))) {
                    continue; // who gave a date back is not booked on it
                }
                String attendance = entry.getString("attendance");
                people.add(new RosterPerson(
                        entry.getString("nickname", ""),
                        DoorPages.registrationStatus(entry.getString("status", ""), language),
                        childcareState(entry.getString("childcareStatus"), entry.getInteger("children", 0), language),
                        attendance == null
                                ? st.get("notYet")
                                : "ATTENDED".equals(attendance) ? st.get("attended") : st.get("noShow")));
            }
            int confirmed = r.getInteger("confirmed", 0);
            dates.add(new RosterDate(
                    d.getString("sessionId"),
                    Wording.when(
                            PageFlow.time(d.getString("startsAt")), PageFlow.time(d.getString("endsAt")), language),
                    venue(d, language),
                    ja ? "コースの予約確定 " + confirmed + "人" : confirmed + " confirmed with the course",
                    people));
        }
        return dates;
    }

    static String childcareState(String status, int children, Language language) {
        boolean ja = language == Language.JA;
        if (status == null || children == 0) {
            return ja ? "なし" : "None";
        }
        String state = switch (status) {
            case "reserved" -> ja ? "確定" : "Confirmed";
            case "pending" -> ja ? "確認中" : "Being asked";
            case "rejected" -> ja ? "お受けできず" : "Not possible";
            case "released" -> ja ? "取り消し" : "Cancelled";
            default -> status;
        };
        return ja
                ? state + "（" + children + "人）"
                : state + " (" + children + (children == 1 ? " child)" : " children)");
    }

    /** A course of her organisation (from the event service's list of hers), or null: another's is not found. */
    static Uni<JsonObject> own(ServiceCalls services, Visit v, UUID id) {
        return services.get("event", "/api/events/courses/mine", v.token())
                .map(a -> a.ok()
                        ? a.array().stream()
                                .map(JsonObject.class::cast)
                                .filter(c -> id.toString().equals(c.getString("id")))
                                .findFirst()
                                .orElse(null)
                        : null);
    }

    private static Map<String, String> blank() {
        Map<String, String> values = new HashMap<>();
        values.put("allocation", "FIRST_COME");
        values.put("closesTime", "12:00");
        return values;
    }

    private static Map<String, String> typed(MultiMap form) {
        Map<String, String> typed = new HashMap<>();
        for (String field : CourseForm.FIELDS) {
            String value = form.get(field);
            if (value != null && !"sessionIds".equals(field)) {
                typed.put(field, value.length() > 2000 ? value.substring(0, 2000) : value);
            }
        }
        return typed;
    }
}
