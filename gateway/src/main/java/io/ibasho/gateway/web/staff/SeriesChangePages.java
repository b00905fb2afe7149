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
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A series' later edits from the screens: "this date and the ones after" get a new repeat rule (the 2nd Tuesday becomes
 * the 3rd Thursday), time, room, capacity, title, way of giving places (first come, lottery) with the application
 * window counted back from each date, and the lottery's rules. The first step asks the event service what it would do
 * (the same checks as the change itself, nothing stored) and shows every date: new, changed, the same, changed on its
 * own (stays) or cancelled; only the second sends the change, which ends the series the day before and lets a new one
 * take over those dates in place (their bookings stay). One date alone is changed or cancelled on its own session page.
 */
@ApplicationScoped
public class SeriesChangePages {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final List<String> FIELDS = List.of(
            "from",
            "repeat",
            "week",
            "weekday",
            "titleJa",
            "titleEn",
            "targetAudienceJa",
            "descriptionJa",
            "bringJa",
            "feeYen",
            "startTime",
            "endTime",
            "roomId",
            "capacity",
            "allocation",
            "opensDaysBefore",
            "closesHoursBefore",
            "priorityTiers",
            "oneWinPerMonth",
            "childcareRequiredToWin",
            "confirmationRequired",
            "confirmationHours");

    static final List<String> CHECKBOXES = List.of("oneWinPerMonth", "childcareRequiredToWin", "confirmationRequired");

    static final List<String> WEEKDAYS = List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");

    private static final java.util.regex.Pattern MONTHLY =
            java.util.regex.Pattern.compile("FREQ=MONTHLY;BYDAY=(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)");
    private static final java.util.regex.Pattern WEEKLY =
            java.util.regex.Pattern.compile("FREQ=WEEKLY;BYDAY=(MO|TU|WE|TH|FR|SA|SU)");

    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    /** Which dates are still to come (the gateway's pages read the clock like this; tests may set it). */
    @Inject
    Clock clock;

    /**
     * One date the change reaches: how it is now and how it will be, and what happens to it in words (the change's
     * code too, for the page's tests; the words never depend on colour).
     */
    @TemplateData
    public record AffectedDate(String id, String before, String after, String change, String what) {
        public boolean keptOnItsOwn() {
            return "OWN".equals(change);
        }
    }

    void routes(@Observes Router router) {
        router.get("/staff/series/:id/change")
                .order(899)
                .handler(ctx -> flow.page(ctx, true, OrganiserSessionPages.organiser(v -> start(v))));
        router.post("/staff/series/:id/change")
                .order(899)
                .handler(ctx -> FormBody.read(
                        ctx, form -> flow.page(ctx, true, OrganiserSessionPages.organiser(v -> change(v, form)))));
    }

    private Uni<Result> start(Visit v) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        return series(v, id).flatMap(series -> {
            if (series == null) {
                return Uni.createFrom().item(errorPage(404));
            }
            Map<String, String> values = valuesOf(series);
            String from = v.ctx().request().getParam("from");
            List<LocalDate> dates = changeableDates(series, today());
            values.put(
                    "from",
                    from != null && dates.contains(date(from))
                            ? from
                            : dates.isEmpty() ? "" : dates.get(0).toString());
            return page(v, id, series, values, Map.of(), null, 200);
        });
    }

    private Uni<Result> change(Visit v, MultiMap form) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        Map<String, String> values = valuesFrom(form);
        boolean confirmed = "1".equals(form.get("confirm"));
        return series(v, id).flatMap(series -> {
            if (series == null) {
                return Uni.createFrom().item(errorPage(404));
            }
            Map<String, String> errors = check(series, values, today(), v.language());
            if (confirmed && errors.isEmpty()) {
                String path = "/api/events/series/" + id + "/from/" + date(values.get("from"));
                return services.post(
                                "event",
                                path,
                                v.token(),
                                request(series, values, errors, v.language()),
                                null,
                                v.ctx().request())
                        .flatMap(answer -> answer.ok()
                                ? Uni.createFrom().item((Result) new Redirect("/staff/series/"
                                        + answer.object().getString("id") + "?done=changed&also=" + id))
                                : refused(v, id, series, values, answer));
            }
            // the event service's preview in the same submit as the form's own checks: every mistake at once. What she
            // got wrong goes to it as the series has it now, so the rest is still checked (EveryMistake).
            Map<String, String> asked = standIns(series, values, errors, today());
            LocalDate from = date(asked.get("from"));
            if (from == null) {
                return page(v, id, series, values, errors, null, 422); // no date left to change from
            }
            JsonObject request = request(series, asked, new HashMap<>(), v.language());
            String path = "/api/events/series/" + id + "/from/" + from + "/preview";
            // a dry run that stores nothing: not a write for the rate limits
            return services.postNotRateLimited("event", path, v.token(), request)
                    .flatMap(answer -> {
                        if (answer.ok() && errors.isEmpty()) {
                            return page(v, id, series, values, Map.of(), affected(answer.object(), v.language()), 200);
                        }
                        if (!answer.ok() && (answer.status() >= 500 || answer.status() == 401)) {
                            return Uni.createFrom().item(errorPage(503));
                        }
                        if (answer.status() == 403 || answer.status() == 404) {
                            return Uni.createFrom().item(errorPage(answer.status()));
                        }
                        Map<String, String> elsewhere =
                                answer.ok() ? Map.of() : refusals(answer.object(), v.language());
                        return page(v, id, series, values, EveryMistake.of(errors, elsewhere), null, 422);
                    });
        });
    }

    /**
     * What the preview is sent while she has mistakes of her own: her values, but for each field she got wrong the
     * series' own (the date changed from: the first she may choose; a repeat rule she got wrong: the series' rule as
     * it is), so that the event service checks the rest of what she typed. Its words on those fields are hers to fix
     * already, and are left out.
     */
    static Map<String, String> standIns(
            JsonObject series, Map<String, String> values, Map<String, String> errors, LocalDate today) {
        if (errors.isEmpty()) {
            return values;
        }
        Map<String, String> asIs = valuesOf(series);
        Map<String, String> asked = new HashMap<>(values);
        for (String field : errors.keySet()) {
            if (asIs.containsKey(field)) {
                asked.put(field, asIs.get(field));
            }
        }
        if (errors.containsKey("from")) {
            List<LocalDate> dates = changeableDates(series, today);
            asked.put("from", dates.isEmpty() ? "" : dates.get(0).toString());
        }
        if (errors.containsKey("repeat") || errors.containsKey("week") || errors.containsKey("weekday")) {
            asked.put("repeat", "keep");
        }
        if (time(asked.get("startTime")) == null
                || time(asked.get("endTime")) == null
                || !time(asked.get("endTime")).isAfter(time(asked.get("startTime")))) {
            asked.put("startTime", asIs.get("startTime"));
            asked.put("endTime", asIs.get("endTime"));
        }
        return asked;
    }

    /** The event service said no: its reasons beside the fields they are about, in her language. */
    private Uni<Result> refused(
            Visit v, UUID id, JsonObject series, Map<String, String> values, ServiceCalls.Answer answer) {
        if (answer.status() >= 500 || answer.status() == 401) {
            return Uni.createFrom().item(errorPage(503));
        }
        if (answer.status() == 403 || answer.status() == 404) {
            return Uni.createFrom().item(errorPage(answer.status()));
        }
        return page(v, id, series, values, refusals(answer.object(), v.language()), null, 422);
    }

    static Map<String, String> refusals(JsonObject problem, Language language) {
        Map<String, String> refused = new LinkedHashMap<>();
        for (Object o : arr(problem, "violations")) {
            if (o instanceof JsonObject violation) {
                String coded = SessionForm.codedField(violation.getString("code"));
                refused.merge(
                        coded != null && FIELDS.contains(coded) ? coded : fieldOf(violation.getString("field")),
                        SessionForm.message(violation.getString("code"), violation.getString("message"), language),
                        (a, b) -> a.equals(b) ? a : a + " " + b);
            }
        }
        if (refused.isEmpty()) {
            refused.put("form", problem == null ? "" : problem.getString("detail", ""));
        }
        return refused;
    }

    /** The form's fields, each "" when left empty (no room chosen): never null, which check() would trip over. */
    static Map<String, String> valuesFrom(MultiMap form) {
        Map<String, String> values = new HashMap<>();
        for (String field : FIELDS) {
            // null for a missing or blank value; 内容・プログラム may be longer (its limit is said beside it)
            String kept = PageFlow.trimmed(form.get(field), SessionForm.ABOUT_FIELDS.contains(field) ? 2001 : 500);
            values.put(field, kept == null ? "" : kept);
        }
        for (String box : CHECKBOXES) {
            values.put(box, "1".equals(form.get(box)) ? "1" : "");
        }
        if (values.get("repeat").isEmpty()) {
            values.put("repeat", "keep");
        }
        return values;
    }

    /** The dates from which a change may start: the series' live dates after today (today's is changed on its own). */
    static List<LocalDate> changeableDates(JsonObject series, LocalDate today) {
        List<LocalDate> dates = new ArrayList<>();
        for (Object o : series.getJsonArray("occurrences", new JsonArray())) {
            if (o instanceof JsonObject occurrence && !"cancelled".equals(occurrence.getString("status"))) {
                LocalDate day = day(occurrence);
                if (day != null && day.isAfter(today) && !dates.contains(day)) {
                    dates.add(day);
                }
            }
        }
        return dates;
    }

    /** Her mistakes, by field, in her language; empty when the change can be shown. */
    static Map<String, String> check(
            JsonObject series, Map<String, String> values, LocalDate today, Language language) {
        boolean ja = language == Language.JA;
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate from = date(values.get("from"));
        if (from == null || !changeableDates(series, today).contains(from)) {
            errors.put("from", ja ? "変更する最初の回を選んでください。" : "Choose the first date to change.");
        }
        if (values.getOrDefault("titleJa", "").isBlank()) {
            errors.put("titleJa", ja ? "日本語のタイトルを入力してください。" : "Enter a Japanese title.");
        }
        LocalTime start = time(values.get("startTime"));
        LocalTime end = time(values.get("endTime"));
        if (start == null) {
            errors.put("startTime", ja ? "開始時刻を 13:30 のように入力してください。" : "Enter a start time like 13:30.");
        }
        if (end == null || (start != null && !end.isAfter(start))) {
            errors.put("endTime", ja ? "終了時刻は開始時刻より後にしてください。" : "The end must be after the start.");
        }
        String room = values.getOrDefault("roomId", "");
        if (!room.isEmpty() && !room.startsWith(series.getString("venueId", "-") + "/")) {
            errors.put("roomId", ja ? "この部屋はこのシリーズの会場にありません。" : "This room is not at the series' venue.");
        }
        String capacity = values.getOrDefault("capacity", "");
        if (!capacity.isEmpty()) {
            Integer n = number(capacity);
            if (n == null || n < 1 || n > SessionForm.MAX_CAPACITY) {
                errors.put("capacity", SessionForm.capacityOutOfRange(ja));
            }
        }
        String repeat = values.getOrDefault("repeat", "keep");
        if (!List.of("keep", "monthly", "weekly").contains(repeat)) {
            errors.put("repeat", ja ? "くり返しを選んでください。" : "Choose how it repeats.");
        }
        if (!"keep".equals(repeat) && !WEEKDAYS.contains(values.getOrDefault("weekday", ""))) {
            errors.put("weekday", ja ? "曜日を選んでください。" : "Choose a weekday.");
        }
        if ("monthly".equals(repeat)
                && !List.of("1", "2", "3", "4", "last").contains(values.getOrDefault("week", ""))) {
            errors.put("week", ja ? "第何週かを選んでください。" : "Choose the week of the month.");
        }
        if (!List.of("NONE", "FIRST_COME", "LOTTERY").contains(values.getOrDefault("allocation", ""))) {
            errors.put("allocation", ja ? "参加のしかたを選んでください。" : "Choose how places are given.");
        }
        String opens = values.getOrDefault("opensDaysBefore", "");
        if (!opens.isEmpty() && (number(opens) == null || number(opens) < 1 || number(opens) > 365)) {
            errors.put("opensDaysBefore", ja ? "1から365までの数字で入力してください。" : "Enter a number from 1 to 365.");
        }
        String closes = values.getOrDefault("closesHoursBefore", "");
        if (!closes.isEmpty() && (number(closes) == null || Math.abs(number(closes)) > 8760)) {
            errors.put("closesHoursBefore", ja ? "時間数を数字で入力してください。" : "Enter a number of hours.");
        }
        if ("LOTTERY".equals(values.get("allocation"))) {
            SessionForm.lottery(values, errors, ja);
        }
        SessionForm.readAbout(values, series, new JsonObject(), errors, ja);
        return errors;
    }

    /** The series' repeat rule for the event service: as it is, or monthly / weekly on the chosen week and weekday. */
    static String rrule(JsonObject series, Map<String, String> values) {
        String weekday = values.getOrDefault("weekday", "");
        return switch (values.getOrDefault("repeat", "keep")) {
            case "monthly" ->
                "FREQ=MONTHLY;BYDAY=" + ("last".equals(values.get("week")) ? "-1" : values.get("week")) + weekday;
            case "weekly" -> "FREQ=WEEKLY;BYDAY=" + weekday;
            default -> series.getString("rrule");
        };
    }

    /**
     * The first date of the changed series: the chosen date when the rule stays, otherwise the first day on or after
     * it that the new rule has (the 3rd Thursday after a 2nd Tuesday).
     */
    static LocalDate firstDate(LocalDate from, Map<String, String> values) {
        String repeat = values.getOrDefault("repeat", "keep");
        if ("keep".equals(repeat)) {
            return from;
        }
        java.time.DayOfWeek day = java.time.DayOfWeek.of(WEEKDAYS.indexOf(values.get("weekday")) + 1);
        if ("weekly".equals(repeat)) {
            return from.with(java.time.temporal.TemporalAdjusters.nextOrSame(day));
        }
        String week = values.get("week");
        for (java.time.YearMonth month = java.time.YearMonth.from(from); ; month = month.plusMonths(1)) {
            LocalDate candidate = "last".equals(week)
                    ? month.atEndOfMonth().with(java.time.temporal.TemporalAdjusters.previousOrSame(day))
                    : month.atDay(1)
                            .with(java.time.temporal.TemporalAdjusters.dayOfWeekInMonth(Integer.parseInt(week), day));
            if (!candidate.isBefore(from)) {
                return candidate;
            }
        }
    }

    /** The series' rule as the form shows it: "keep" when it is not a plain monthly or weekly one. */
    static void ruleValues(String rrule, Map<String, String> values) {
        var monthly = MONTHLY.matcher(rrule == null ? "" : rrule);
        var weekly = WEEKLY.matcher(rrule == null ? "" : rrule);
        if (monthly.matches()) {
            values.put("repeat", "monthly");
            values.put("week", "-1".equals(monthly.group(1)) ? "last" : monthly.group(1));
            values.put("weekday", monthly.group(2));
        } else if (weekly.matches()) {
            values.put("repeat", "weekly");
            values.put("week", "");
            values.put("weekday", weekly.group(1));
        } else {
            values.put("repeat", "keep");
            values.put("week", "");
            values.put("weekday", "");
        }
    }

    /** The event service's preview as lines: every date from the chosen one on, now and after, and what happens. */
    static List<AffectedDate> affected(JsonObject preview, Language language) {
        Map<String, String> vt = VenueText.of(language);
        List<AffectedDate> affected = new ArrayList<>();
        for (Object o : preview.getJsonArray("dates", new JsonArray())) {
            if (!(o instanceof JsonObject date)) {
                continue;
            }
            String change = date.getString("change", "");
            String before = date.getString("startsBefore") == null
                    ? "—"
                    : Wording.when(
                            PageFlow.time(date.getString("startsBefore")),
                            PageFlow.time(date.getString("endsBefore")),
                            language);
            String after = date.getString("startsAfter") == null
                    ? "—"
                    : Wording.when(
                            PageFlow.time(date.getString("startsAfter")),
                            PageFlow.time(date.getString("endsAfter")),
                            language);
            affected.add(new AffectedDate(
                    date.getString("sessionId", ""),
                    before,
                    after,
                    change,
                    vt.getOrDefault("change" + change, change)));
        }
        return affected;
    }

    /**
     * The series as it is, with her changes, starting on the chosen date; it ends as the series did (its last day, or
     * the dates its count still had from that day on).
     */
    static JsonObject request(JsonObject series, Map<String, String> values) {
        return request(series, values, new HashMap<>(), Language.JA);
    }

    static JsonObject request(
            JsonObject series, Map<String, String> values, Map<String, String> errors, Language language) {
        LocalDate from = date(values.get("from"));
        LocalTime start = time(values.get("startTime"));
        LocalTime end = time(values.get("endTime"));
        String allocation = values.getOrDefault("allocation", series.getString("allocation"));
        JsonObject request = new JsonObject()
                .put("rrule", rrule(series, values))
                .put(
                        "firstStart",
                        LocalDateTime.of(firstDate(from, values), start).toString())
                .put("durationMinutes", (int)
                        java.time.Duration.between(start, end).toMinutes())
                .put("kind", series.getString("kind"))
                .put("titleJa", values.get("titleJa"))
                .put("venueId", series.getString("venueId"))
                .put("allocation", allocation)
                .put(
                        "applicationOpensDaysBefore",
                        values.containsKey("opensDaysBefore")
                                ? number(values.get("opensDaysBefore"))
                                : series.getValue("applicationOpensDaysBefore"))
                .put(
                        "applicationClosesHoursBefore",
                        values.containsKey("closesHoursBefore")
                                ? number(values.get("closesHoursBefore"))
                                : series.getValue("applicationClosesHoursBefore"))
                .put(
                        "lottery",
                        !"LOTTERY".equals(allocation)
                                ? null
                                : values.containsKey("priorityTiers")
                                        ? SessionForm.lottery(values, errors, language == Language.JA)
                                        : series.getValue("lottery"))
                .put("childcare", series.getValue("childcare"));
        if (values.containsKey("descriptionJa")) {
            // 英語のタイトル, 対象, 内容・プログラム…: read as the session form reads them; the flyer's other parts kept
            SessionForm.readAbout(values, series, request, errors, language == Language.JA);
        } else {
            request.put("titleEn", series.getString("titleEn"));
        }
        String room = values.getOrDefault("roomId", "");
        if (!room.isEmpty()) {
            request.put("roomId", room.substring(room.indexOf('/') + 1));
        }
        String capacity = values.getOrDefault("capacity", "");
        if (!capacity.isEmpty()) {
            request.put("capacity", number(capacity));
        }
        if (series.getValue("count") != null) {
            int left = 0;
            for (Object o : series.getJsonArray("occurrences", new JsonArray())) {
                if (o instanceof JsonObject occurrence) {
                    LocalDate day = day(occurrence);
                    boolean cancelledByPlan = "cancelled".equals(occurrence.getString("status"))
                            && occurrence.getString("override") == null;
                    if (day != null && !day.isBefore(from) && !cancelledByPlan) {
                        left++;
                    }
                }
            }
            request.put("count", Math.max(1, left));
        } else if (series.getString("lastDay") != null) {
            request.put("lastDay", series.getString("lastDay"));
        }
        return request;
    }

    /** The form's values from the series as it is (time, room, capacity and title of the series' rule). */
    static Map<String, String> valuesOf(JsonObject series) {
        Map<String, String> values = new HashMap<>();
        values.put("titleJa", series.getString("titleJa", ""));
        SessionForm.putAboutValues(series, values);
        LocalDateTime first = localDateTime(series.getString("firstStart"));
        int minutes = series.getInteger("durationMinutes", 60);
        values.put("startTime", first == null ? "" : first.toLocalTime().toString());
        values.put(
                "endTime",
                first == null ? "" : first.toLocalTime().plusMinutes(minutes).toString());
        String room = series.getString("roomId");
        values.put("roomId", room == null ? "" : series.getString("venueId") + "/" + room);
        values.put("capacity", series.getValue("capacity") == null ? "" : String.valueOf(series.getValue("capacity")));
        ruleValues(series.getString("rrule"), values);
        values.put("allocation", series.getString("allocation", "NONE"));
        values.put("opensDaysBefore", text(series.getValue("applicationOpensDaysBefore")));
        values.put("closesHoursBefore", text(series.getValue("applicationClosesHoursBefore")));
        SessionForm.putLotteryValues(series.getValue("lottery"), values);
        return values;
    }

    private static String text(Object number) {
        return number == null ? "" : String.valueOf(number);
    }

    private Uni<Result> page(
            Visit v,
            UUID id,
            JsonObject series,
            Map<String, String> values,
            Map<String, String> errors,
            List<AffectedDate> affected,
            int status) {
        return services.get("event", "/api/events/venues/mine", v.token())
                .map(a -> a.ok() ? a.array() : new JsonArray())
                .onFailure()
                .recoverWithItem(new JsonArray())
                .map(venues -> {
                    Language language = v.language();
                    Map<String, String> st = StaffText.of(language);
                    Map<String, String> vt = VenueText.of(language);
                    JsonArray seriesVenue = new JsonArray();
                    String venueName = "";
                    for (Object o : venues) {
                        if (o instanceof JsonObject venue
                                && venue.getString("id", "").equals(series.getString("venueId"))) {
                            seriesVenue.add(venue);
                            venueName = venue.getString("nameJa", "");
                        }
                    }
                    List<StaffViews.Option> dates = new ArrayList<>();
                    String chosen = values.getOrDefault("from", "");
                    for (Object o : series.getJsonArray("occurrences", new JsonArray())) {
                        if (o instanceof JsonObject occurrence) {
                            LocalDate day = day(occurrence);
                            if (day != null && changeableDates(series, today()).contains(day)) {
                                dates.add(new StaffViews.Option(
                                        day.toString(),
                                        Wording.when(
                                                PageFlow.time(occurrence.getString("startsAt")),
                                                PageFlow.time(occurrence.getString("endsAt")),
                                                language),
                                        day.toString().equals(chosen)));
                            }
                        }
                    }
                    List<StaffViews.Field> fields = new ArrayList<>();
                    fields.add(new StaffViews.Field(
                            "from", vt.get("fromDate"), "select", chosen, errors.get("from"), dates));
                    fields.add(field("titleJa", st.get("titleJa"), "text", values, errors));
                    fields.addAll(StaffViews.aboutFields(values, errors, language));
                    fields.add(field("startTime", st.get("startTime"), "time", values, errors));
                    fields.add(field("endTime", st.get("endTime"), "time", values, errors));
                    fields.add(StaffViews.roomField(
                            values.getOrDefault("roomId", ""), errors.get("roomId"), seriesVenue, language));
                    fields.add(field("capacity", st.get("capacity"), "number", values, errors));
                    List<StaffViews.Field> ruleFields = new ArrayList<>();
                    String repeat = values.getOrDefault("repeat", "keep");
                    ruleFields.add(select(
                            "repeat",
                            vt.get("newRule"),
                            repeat,
                            errors,
                            List.of(
                                    new StaffViews.Option(
                                            "keep",
                                            vt.get("repeatKeep") + keptRule(series, language),
                                            "keep".equals(repeat)),
                                    new StaffViews.Option(
                                            "monthly", vt.get("repeatMonthlyOn"), "monthly".equals(repeat)),
                                    new StaffViews.Option(
                                            "weekly", vt.get("repeatWeeklyOn"), "weekly".equals(repeat)))));
                    String week = values.getOrDefault("week", "");
                    List<StaffViews.Option> weeks = new ArrayList<>();
                    weeks.add(new StaffViews.Option("", "—", week.isEmpty()));
                    for (String w : List.of("1", "2", "3", "4")) {
                        weeks.add(new StaffViews.Option(
                                w, language == Language.JA ? "第" + w : ordinal(w), w.equals(week)));
                    }
                    weeks.add(new StaffViews.Option("last", vt.get("weekLast"), "last".equals(week)));
                    ruleFields.add(select("week", vt.get("week"), week, errors, weeks));
                    String weekday = values.getOrDefault("weekday", "");
                    List<StaffViews.Option> weekdays = new ArrayList<>();
                    weekdays.add(new StaffViews.Option("", "—", weekday.isEmpty()));
                    for (int i = 0; i < WEEKDAYS.size(); i++) {
                        weekdays.add(new StaffViews.Option(
                                WEEKDAYS.get(i),
                                java.time.DayOfWeek.of(i + 1)
                                        .getDisplayName(
                                                java.time.format.TextStyle.FULL,
                                                language == Language.JA
                                                        ? java.util.Locale.JAPANESE
                                                        : java.util.Locale.ENGLISH),
                                WEEKDAYS.get(i).equals(weekday)));
                    }
                    ruleFields.add(select("weekday", vt.get("weekday"), weekday, errors, weekdays));
                    List<StaffViews.Field> placeFields = new ArrayList<>();
                    String allocation = values.getOrDefault("allocation", "NONE");
                    placeFields.add(select(
                            "allocation",
                            st.get("allocation"),
                            allocation,
                            errors,
                            List.of(
                                    new StaffViews.Option("NONE", st.get("allocationNone"), "NONE".equals(allocation)),
                                    new StaffViews.Option(
                                            "FIRST_COME",
                                            st.get("allocationFirstCome"),
                                            "FIRST_COME".equals(allocation)),
                                    new StaffViews.Option(
                                            "LOTTERY", st.get("allocationLottery"), "LOTTERY".equals(allocation)))));
                    placeFields.add(field("opensDaysBefore", st.get("opensDaysBefore"), "number", values, errors));
                    placeFields.add(field("closesHoursBefore", st.get("closesHoursBefore"), "number", values, errors));
                    placeFields.add(field("priorityTiers", st.get("priorityTiers"), "text", values, errors));
                    placeFields.add(field("oneWinPerMonth", st.get("oneWinPerMonth"), "checkbox", values, errors));
                    placeFields.add(field(
                            "childcareRequiredToWin", st.get("childcareRequiredToWin"), "checkbox", values, errors));
                    placeFields.add(
                            field("confirmationRequired", st.get("confirmationRequired"), "checkbox", values, errors));
                    placeFields.add(field("confirmationHours", st.get("confirmationHours"), "number", values, errors));
                    List<StaffViews.ErrorLink> list = new ArrayList<>();
                    for (String f : FIELDS) {
                        if (errors.containsKey(f)) {
                            list.add(new StaffViews.ErrorLink(f, errors.get(f)));
                        }
                    }
                    Map<String, Object> data = new HashMap<>();
                    data.put("nav", "staff-sessions");
                    data.put("st", st);
                    data.put("vt", vt);
                    data.put("seriesId", id.toString());
                    data.put("title", series.getString("titleJa", ""));
                    data.put("venue", venueName);
                    data.put("fields", fields);
                    data.put("ruleFields", ruleFields);
                    data.put("placeFields", placeFields);
                    data.put("errorList", list);
                    data.put("formError", errors.get("form"));
                    data.put("hasErrors", !errors.isEmpty());
                    data.put("affected", affected);
                    data.put("childcareNote", childcareNote(series, language));
                    return (Result) new Html(status, "staff/series-change", data);
                });
    }

    /**
     * With childcare, each date's childcare deadline is counted back from its own start (the series' hours before), so
     * a new time or day moves it too: said under the form. Null without childcare.
     */
    static String childcareNote(JsonObject series, Language language) {
        if (!(series.getValue("childcare") instanceof JsonObject childcare)
                || !(childcare.getValue("deadlineHoursBefore") instanceof Number hours)) {
            return null;
        }
        return language == Language.JA
                ? "託児の申込締切は、各回の開始の" + hours.intValue() + "時間前です。時刻や曜日を変えると、締切も各回の新しい開始に合わせて動きます。"
                : "Childcare requests close " + hours.intValue() + " hours before each date starts: with a new time or"
                        + " day, each date's deadline moves with it.";
    }

    private Uni<JsonObject> series(Visit v, UUID id) {
        return services.get("event", "/api/events/series/" + id, v.token())
                .map(answer -> answer.ok() ? answer.object() : null);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(TOKYO));
    }

    static String fieldOf(String serviceField) {
        if (serviceField == null) {
            return "form";
        }
        return switch (serviceField) {
            case "from", "firstStart" -> "from";
            case "durationMinutes" -> "endTime";
            case "roomId" -> "roomId";
            case "rrule", "count", "lastDay" -> "repeat";
            case "applicationOpensDaysBefore" -> "opensDaysBefore";
            case "applicationClosesHoursBefore" -> "closesHoursBefore";
            case "lottery" -> "allocation";
            default -> {
                String mapped = SessionForm.fieldOf(serviceField.replaceFirst("^occurrences\\[[^\\]]*\\]\\.", ""));
                yield switch (mapped) {
                    case "opens" -> "opensDaysBefore";
                    case "closes" -> "closesHoursBefore";
                    default -> FIELDS.contains(mapped) ? mapped : "form";
                };
            }
        };
    }

    private static StaffViews.Field select(
            String name, String label, String value, Map<String, String> errors, List<StaffViews.Option> options) {
        return new StaffViews.Field(name, label, "select", value, errors.get(name), options);
    }

    /** The series' rule as it is, in words, beside 今のまま: （毎月第2火曜日）. */
    private static String keptRule(JsonObject series, Language language) {
        Map<String, String> values = new HashMap<>();
        ruleValues(series.getString("rrule"), values);
        LocalDateTime first = localDateTime(series.getString("firstStart"));
        if ("keep".equals(values.get("repeat")) || first == null) {
            return "";
        }
        String words = "last".equals(values.get("week"))
                ? (language == Language.JA ? "毎月最終" : "Every last ")
                        + first.getDayOfWeek()
                                .getDisplayName(
                                        java.time.format.TextStyle.FULL,
                                        language == Language.JA ? java.util.Locale.JAPANESE : java.util.Locale.ENGLISH)
                        + (language == Language.JA ? "" : " of the month")
                : RepeatRule.words(values.get("repeat"), first.toLocalDate(), language);
        return language == Language.JA ? "（" + words + "）" : " (" + words + ")";
    }

    private static String ordinal(String n) {
        return n
                + switch (n) {
                    case "1" -> "st";
                    case "2" -> "nd";
                    case "3" -> "rd";
                    default -> "th";
                };
    }

    private static StaffViews.Field field(
            String name, String label, String type, Map<String, String> values, Map<String, String> errors) {
        return new StaffViews.Field(name, label, type, values.getOrDefault(name, ""), errors.get(name), List.of());
    }

    private static LocalDate day(JsonObject occurrence) {
        OffsetDateTime starts = PageFlow.time(occurrence.getString("startsAt"));
        return starts == null ? null : starts.atZoneSameInstant(TOKYO).toLocalDate();
    }

    private static LocalDate date(String v) {
        try {
            return v == null || v.isBlank() ? null : LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalTime time(String v) {
        try {
            return v == null || v.isBlank() ? null : LocalTime.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDateTime localDateTime(String v) {
        try {
            return v == null || v.isBlank() ? null : LocalDateTime.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Integer number(String v) {
        try {
            return Integer.parseInt(v.strip());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
