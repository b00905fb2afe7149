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
 * A series' later edits from the screens: "this date and the ones after" get a new time, room, capacity or title. The
 * first step shows every date it will change (before and after; dates changed or cancelled on their own are said to
 * stay) and only the second sends it to the event service, which ends the series the day before and lets a new one
 * take over those dates in place (their bookings stay). One date alone is changed or cancelled on its own session page.
 */
@ApplicationScoped
public class SeriesChangePages {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final List<String> FIELDS = List.of("from", "titleJa", "startTime", "endTime", "roomId", "capacity");

    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    /** Which dates are still to come (the gateway's pages read the clock like this; tests may set it). */
    Clock clock = Clock.systemUTC();

    /** One date the change reaches: how it is now and how it will be. */
    @TemplateData
    public record AffectedDate(String id, String before, String after, boolean keptOnItsOwn) {}

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
            if (!errors.isEmpty()) {
                return page(v, id, series, values, errors, null, 422);
            }
            List<AffectedDate> affected = affected(series, values, v.language());
            if (!confirmed) {
                return page(v, id, series, values, Map.of(), affected, 200);
            }
            LocalDate from = date(values.get("from"));
            return services.post(
                            "event",
                            "/api/events/series/" + id + "/from/" + from,
                            v.token(),
                            request(series, values),
                            null,
                            v.ctx().request())
                    .flatMap(answer -> {
                        if (answer.ok()) {
                            return Uni.createFrom().item((Result) new Redirect(
                                    "/staff/series/" + answer.object().getString("id") + "?done=changed&also=" + id));
                        }
                        if (answer.status() >= 500 || answer.status() == 401) {
                            return Uni.createFrom().item(errorPage(503));
                        }
                        if (answer.status() == 403 || answer.status() == 404) {
                            return Uni.createFrom().item(errorPage(answer.status()));
                        }
                        Map<String, String> refused = new LinkedHashMap<>();
                        for (Object o : arr(answer.object(), "violations")) {
                            if (o instanceof JsonObject violation) {
                                refused.merge(
                                        fieldOf(violation.getString("field")),
                                        SessionForm.message(
                                                violation.getString("code"),
                                                violation.getString("message"),
                                                v.language()),
                                        (a, b) -> a + " " + b);
                            }
                        }
                        if (refused.isEmpty()) {
                            refused.put("form", answer.object().getString("detail", "HTTP " + answer.status()));
                        }
                        return page(v, id, series, values, refused, null, 422);
                    });
        });
    }

    /** The form's fields, each "" when left empty (no room chosen): never null, which check() would trip over. */
    static Map<String, String> valuesFrom(MultiMap form) {
        Map<String, String> values = new HashMap<>();
        for (String field : FIELDS) {
            String kept = PageFlow.trimmed(form.get(field), 200); // null for a missing or blank value
            values.put(field, kept == null ? "" : kept);
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
            if (n == null || n < 1) {
                errors.put("capacity", ja ? "定員は1以上の数字で入力してください。" : "Enter a capacity of 1 or more.");
            }
        }
        return errors;
    }

    /** Every date from the chosen one on, now and after the change; dates changed on their own stay as they are. */
    static List<AffectedDate> affected(JsonObject series, Map<String, String> values, Language language) {
        LocalDate from = date(values.get("from"));
        LocalTime start = time(values.get("startTime"));
        LocalTime end = time(values.get("endTime"));
        List<AffectedDate> affected = new ArrayList<>();
        for (Object o : series.getJsonArray("occurrences", new JsonArray())) {
            if (!(o instanceof JsonObject occurrence)) {
                continue;
            }
            LocalDate day = day(occurrence);
            boolean cancelledByPlan =
                    "cancelled".equals(occurrence.getString("status")) && occurrence.getString("override") == null;
            if (day == null || day.isBefore(from) || cancelledByPlan) {
                continue;
            }
            String before = Wording.when(
                    PageFlow.time(occurrence.getString("startsAt")),
                    PageFlow.time(occurrence.getString("endsAt")),
                    language);
            boolean own = occurrence.getString("override") != null;
            String after = own
                    ? before
                    : Wording.when(
                            day.atTime(start).atZone(TOKYO).toOffsetDateTime(),
                            day.atTime(end).atZone(TOKYO).toOffsetDateTime(),
                            language);
            affected.add(new AffectedDate(occurrence.getString("sessionId"), before, after, own));
        }
        return affected;
    }

    /**
     * The series as it is, with her changes, starting on the chosen date; it ends as the series did (its last day, or
     * the dates its count still had from that day on).
     */
    static JsonObject request(JsonObject series, Map<String, String> values) {
        LocalDate from = date(values.get("from"));
        LocalTime start = time(values.get("startTime"));
        LocalTime end = time(values.get("endTime"));
        JsonObject request = new JsonObject()
                .put("rrule", series.getString("rrule"))
                .put("firstStart", LocalDateTime.of(from, start).toString())
                .put("durationMinutes", (int)
                        java.time.Duration.between(start, end).toMinutes())
                .put("kind", series.getString("kind"))
                .put("titleJa", values.get("titleJa"))
                .put("titleEn", series.getString("titleEn"))
                .put("venueId", series.getString("venueId"))
                .put("allocation", series.getString("allocation"))
                .put("applicationOpensDaysBefore", series.getValue("applicationOpensDaysBefore"))
                .put("applicationClosesHoursBefore", series.getValue("applicationClosesHoursBefore"))
                .put("lottery", series.getValue("lottery"))
                .put("childcare", series.getValue("childcare"));
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
        LocalDateTime first = localDateTime(series.getString("firstStart"));
        int minutes = series.getInteger("durationMinutes", 60);
        values.put("startTime", first == null ? "" : first.toLocalTime().toString());
        values.put(
                "endTime",
                first == null ? "" : first.toLocalTime().plusMinutes(minutes).toString());
        String room = series.getString("roomId");
        values.put("roomId", room == null ? "" : series.getString("venueId") + "/" + room);
        values.put("capacity", series.getValue("capacity") == null ? "" : String.valueOf(series.getValue("capacity")));
        return values;
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
                    fields.add(field("startTime", st.get("startTime"), "time", values, errors));
                    fields.add(field("endTime", st.get("endTime"), "time", values, errors));
                    fields.add(StaffViews.roomField(
                            values.getOrDefault("roomId", ""), errors.get("roomId"), seriesVenue, language));
                    fields.add(field("capacity", st.get("capacity"), "number", values, errors));
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
                    data.put("errorList", list);
                    data.put("formError", errors.get("form"));
                    data.put("hasErrors", !errors.isEmpty());
                    data.put("affected", affected);
                    return (Result) new Html(status, "staff/series-change", data);
                });
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
            default -> {
                String mapped = SessionForm.fieldOf(serviceField.replaceFirst("^occurrences\\[[^\\]]*\\]\\.", ""));
                yield FIELDS.contains(mapped) ? mapped : "form";
            }
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
