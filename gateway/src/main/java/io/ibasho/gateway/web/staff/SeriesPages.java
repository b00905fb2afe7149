package io.ibasho.gateway.web.staff;

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
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A series by a repeat form: "monthly on the 2nd Tuesday" (from the first date), at one or more venues (one series per
 * venue), made as drafts so that the next page shows every date it makes before anything is published; one
 * occurrence is changed on its own session page (the event service keeps it as an override).
 */
@ApplicationScoped
public class SeriesPages {
    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    void routes(@Observes Router router) {
        router.get("/staff/series")
                .order(900)
                .handler(ctx -> flow.page(ctx, true, OrganiserSessionPages.organiser(this::list)));
        router.get("/staff/series/new")
                .order(900)
                .handler(ctx -> flow.page(
                        ctx,
                        true,
                        OrganiserSessionPages.organiser(v -> form(v, defaults(), List.of(), Map.of(), 200))));
        router.post("/staff/series/new")
                .order(900)
                .handler(ctx -> FormBody.read(
                        ctx, form -> flow.page(ctx, true, OrganiserSessionPages.organiser(v -> create(v, form)))));
        router.get("/staff/series/:id")
                .order(900)
                .handler(ctx -> flow.page(ctx, true, OrganiserSessionPages.organiser(this::series)));
        router.post("/staff/series/:id/publish")
                .order(900)
                .handler(ctx -> FormBody.read(
                        ctx, form -> flow.page(ctx, true, OrganiserSessionPages.organiser(v -> publish(v, form)))));
    }

    private static Map<String, String> defaults() {
        Map<String, String> values = new HashMap<>();
        values.put("kind", "cafe");
        values.put("repeat", "monthly");
        values.put("count", "6");
        values.put("allocation", "FIRST_COME");
        values.put("opensDaysBefore", "30");
        values.put("closesHoursBefore", "24");
        return values;
    }

    private Uni<Result> form(
            Visit v, Map<String, String> values, List<String> chosenVenues, Map<String, String> errors, int status) {
        return services.get("event", "/api/events/venues/mine", v.token())
                .map(a -> a.ok() ? a.array() : new JsonArray())
                .onFailure()
                .recoverWithItem(new JsonArray())
                .map(venues -> {
                    Language language = v.language();
                    Map<String, String> st = StaffText.of(language);
                    List<StaffViews.Option> venueOptions = new ArrayList<>();
                    for (Object o : venues) {
                        if (o instanceof JsonObject venue && venue.getString("id") != null) {
                            String name = language == Language.EN && venue.getString("nameEn") != null
                                    ? venue.getString("nameEn")
                                    : venue.getString("nameJa", "");
                            venueOptions.add(new StaffViews.Option(
                                    venue.getString("id"), name, chosenVenues.contains(venue.getString("id"))));
                        }
                    }
                    List<StaffViews.Field> fields = new ArrayList<>();
                    String kind = values.getOrDefault("kind", "");
                    fields.add(new StaffViews.Field(
                            "kind",
                            st.get("kind"),
                            "select",
                            kind,
                            errors.get("kind"),
                            SessionForm.KINDS.stream()
                                    .map(k -> new StaffViews.Option(k, Wording.kind(k, language), k.equals(kind)))
                                    .toList()));
                    fields.add(text("titleJa", "text", st, values, errors));
                    fields.addAll(StaffViews.aboutFields(values, errors, language));
                    String repeat = values.getOrDefault("repeat", "monthly");
                    fields.add(new StaffViews.Field(
                            "repeat",
                            st.get("repeat"),
                            "select",
                            repeat,
                            errors.get("repeat"),
                            List.of(
                                    new StaffViews.Option("monthly", st.get("repeatMonthly"), "monthly".equals(repeat)),
                                    new StaffViews.Option("weekly", st.get("repeatWeekly"), "weekly".equals(repeat)))));
                    fields.add(text("firstDate", "date", st, values, errors));
                    fields.add(text("startTime", "time", st, values, errors));
                    fields.add(text("endTime", "time", st, values, errors));
                    fields.add(text("count", "number", st, values, errors));
                    String allocation = values.getOrDefault("allocation", "");
                    fields.add(new StaffViews.Field(
                            "allocation",
                            st.get("allocation"),
                            "select",
                            allocation,
                            errors.get("allocation"),
                            List.of(
                                    new StaffViews.Option("NONE", st.get("allocationNone"), "NONE".equals(allocation)),
                                    new StaffViews.Option(
                                            "FIRST_COME",
                                            st.get("allocationFirstCome"),
                                            "FIRST_COME".equals(allocation)))));
                    fields.add(StaffViews.roomField(
                            values.getOrDefault("roomId", ""), errors.get("roomId"), venues, language));
                    fields.add(text("capacity", "number", st, values, errors));
                    fields.add(text("opensDaysBefore", "number", st, values, errors));
                    fields.add(text("closesHoursBefore", "number", st, values, errors));
                    // 託児 at every date: ages, carers, and the request deadline counted back from each date
                    fields.add(new StaffViews.Field(
                            "childcare",
                            st.get("childcareOffered"),
                            "checkbox",
                            "1".equals(values.get("childcare")) ? "1" : "",
                            errors.get("childcare"),
                            List.of()));
                    fields.add(text("childMinAge", "number", st, values, errors));
                    fields.add(text("childMaxAge", "number", st, values, errors));
                    fields.add(text("carers", "number", st, values, errors));
                    fields.add(new StaffViews.Field(
                            "childcareHoursBefore",
                            VenueText.of(language).get("childcareHoursBefore"),
                            "number",
                            values.getOrDefault("childcareHoursBefore", ""),
                            errors.get("childcareHoursBefore"),
                            List.of()));
                    Map<String, Object> data = new HashMap<>();
                    data.put("nav", "staff-sessions");
                    data.put("st", st);
                    data.put("fields", fields);
                    data.put("venues", venueOptions);
                    data.put("venuesError", errors.get("venues"));
                    data.put("formError", errors.get("form"));
                    List<StaffViews.ErrorLink> list = new ArrayList<>();
                    errors.forEach((field, message) -> list.add(new StaffViews.ErrorLink(field, message)));
                    data.put("errorList", list);
                    data.put("hasErrors", !errors.isEmpty());
                    return (Result) new Html(status, "staff/series-form", data);
                });
    }

    private Uni<Result> create(Visit v, MultiMap form) {
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        boolean ja = v.ja();
        Map<String, String> values = new HashMap<>();
        List<String> typed = new ArrayList<>(SessionForm.ABOUT_FIELDS);
        typed.addAll(List.of(
                "kind",
                "titleJa",
                "repeat",
                "firstDate",
                "startTime",
                "endTime",
                "count",
                "allocation",
                "capacity",
                "roomId",
                "opensDaysBefore",
                "closesHoursBefore",
                "childcare",
                "childMinAge",
                "childMaxAge",
                "carers",
                "childcareHoursBefore"));
        for (String field : typed) {
            String value = form.get(field);
            values.put(field, value == null ? "" : value.strip());
        }
        List<String> venues = form.getAll("venueId").stream()
                .filter(id -> uuid(id) != null)
                .distinct()
                .toList();
        Map<String, String> errors = new LinkedHashMap<>();
        if (!SessionForm.KINDS.contains(values.get("kind"))) {
            errors.put("kind", ja ? "種類を選んでください。" : "Choose a kind.");
        }
        if (values.get("titleJa").isEmpty()) {
            errors.put("titleJa", ja ? "日本語のタイトルを入力してください。" : "Enter a Japanese title.");
        }
        if (!RepeatRule.CHOICES.contains(values.get("repeat"))) {
            errors.put("repeat", ja ? "くり返し方を選んでください。" : "Choose how it repeats.");
        }
        LocalDate first = date(values.get("firstDate"));
        if (first == null) {
            errors.put("firstDate", ja ? "初回の日付を入力してください。" : "Enter the first date.");
        }
        LocalTime start = time(values.get("startTime"));
        LocalTime end = time(values.get("endTime"));
        if (start == null) {
            errors.put("startTime", ja ? "開始時刻を 13:30 のように入力してください。" : "Enter a start time like 13:30.");
        }
        if (end == null || (start != null && !end.isAfter(start))) {
            errors.put("endTime", ja ? "終了時刻は開始時刻より後にしてください。" : "The end must be after the start.");
        }
        Integer count = number(values.get("count"), 1, 52);
        if (count == null) {
            errors.put("count", ja ? "回数は1から52までの数字で入力してください。" : "Enter a number of times from 1 to 52.");
        }
        if (venues.isEmpty()) {
            errors.put("venues", ja ? "会場を1つ以上選んでください。" : "Choose at least one venue.");
        }
        String room = values.get("roomId");
        String roomVenue = room.contains("/") ? room.substring(0, room.indexOf('/')) : null;
        if (!room.isEmpty() && !venues.contains(roomVenue)) {
            errors.put(
                    "roomId",
                    ja
                            ? "この部屋は選んだ会場にありません。会場に合う部屋を選んでください。"
                            : "This room is not at a chosen venue: choose one of its rooms.");
        }
        Integer capacity =
                values.get("capacity").isEmpty() ? null : number(values.get("capacity"), 1, SessionForm.MAX_CAPACITY);
        if (!values.get("capacity").isEmpty() && capacity == null) {
            errors.put("capacity", SessionForm.capacityOutOfRange(ja));
        }
        Integer opens = number(values.get("opensDaysBefore"), 1, 365);
        Integer closes = number(values.get("closesHoursBefore"), -8760, 8760);
        if (!"NONE".equals(values.get("allocation"))) {
            if (opens == null) {
                errors.put("opensDaysBefore", ja ? "1から365までの数字で入力してください。" : "Enter a number from 1 to 365.");
            }
            if (closes == null) {
                errors.put("closesHoursBefore", ja ? "時間数を数字で入力してください。" : "Enter a number of hours.");
            }
        }
        JsonObject childcare = childcare(values, errors, ja);
        // 英語のタイトル, 対象, 内容・プログラム…: read as the session form reads them, for every date
        JsonObject about = new JsonObject();
        SessionForm.readAbout(values, null, about, errors, ja);
        // what reads of it, for the event service's check now and for saving once nothing is wrong
        JsonObject base = new JsonObject()
                .put("kind", SessionForm.KINDS.contains(values.get("kind")) ? values.get("kind") : null)
                .put("titleJa", values.get("titleJa").isEmpty() ? null : values.get("titleJa"))
                .put("allocation", values.get("allocation").isEmpty() ? null : values.get("allocation"))
                .mergeIn(about);
        if (first != null && RepeatRule.CHOICES.contains(values.get("repeat"))) {
            base.put("rrule", RepeatRule.rrule(values.get("repeat"), first));
        }
        if (first != null && start != null) {
            base.put("firstStart", first.atTime(start).toString());
        }
        if (start != null && end != null && end.isAfter(start)) {
            base.put("durationMinutes", (int) Duration.between(start, end).toMinutes());
        }
        if (count != null) {
            base.put("count", count);
        }
        if (capacity != null) {
            base.put("capacity", capacity);
        }
        if (!"NONE".equals(values.get("allocation"))) {
            base.put("applicationOpensDaysBefore", opens).put("applicationClosesHoursBefore", closes);
        }
        if (childcare != null) {
            base.put("childcare", childcare);
        }
        // the event service's check in the same submit as the form's own, for each venue chosen: every mistake at once
        Uni<SeriesChecks> checked = Uni.createFrom().item(new SeriesChecks(new LinkedHashMap<>(), null));
        List<String> checkedAt = venues.isEmpty() ? java.util.Collections.singletonList(null) : venues;
        for (String venue : checkedAt) {
            JsonObject one = base.copy();
            if (venue == null) {
                // without a venue, where childcare is held cannot be judged: asked again once she chose one
                one.remove("childcare");
            } else {
                withRoom(one.put("venueId", venue), room);
            }
            checked = checked.flatMap(so -> so.page() != null
                    ? Uni.createFrom().item(so)
                    : services.postNotRateLimited("event", "/api/events/series/check", v.token(), one)
                            .map(answer -> so.with(answer, v.language())));
        }
        return checked.flatMap(found -> {
            if (found.page() != null) {
                return Uni.createFrom().item(found.page());
            }
            Map<String, String> every = EveryMistake.of(errors, found.mistakes());
            if (!every.isEmpty()) {
                return form(v, values, venues, every, 422);
            }
            return save(v, base, venues, room, values);
        });
    }

    /** The event service's checks of a new series so far: its mistakes by field, or the error page an answer needs. */
    record SeriesChecks(Map<String, String> mistakes, Result page) {
        SeriesChecks with(ServiceCalls.Answer answer, Language language) {
            if (answer.ok()) {
                return this;
            }
            if (answer.status() >= 500 || answer.status() == 401) {
                return new SeriesChecks(mistakes, errorPage(503));
            }
            if (answer.status() == 403 || answer.status() == 404) {
                return new SeriesChecks(mistakes, errorPage(answer.status()));
            }
            Map<String, String> more = new LinkedHashMap<>(mistakes);
            refusals(answer.object(), language).forEach(more::putIfAbsent);
            return new SeriesChecks(more, null);
        }
    }

    /** One series per venue, one after the other: the first refusal is shown beside its field. */
    private Uni<Result> save(Visit v, JsonObject base, List<String> venues, String room, Map<String, String> values) {
        Uni<List<String>> made = Uni.createFrom().item(new ArrayList<>());
        for (String venue : venues) {
            made = made.flatMap(ids -> services.post(
                            "event",
                            "/api/events/series",
                            v.token(),
                            withRoom(base.copy().put("venueId", venue), room),
                            null,
                            v.ctx().request())
                    .map(answer -> {
                        if (!answer.ok()) {
                            throw new Refused(answer);
                        }
                        ids.add(answer.object().getString("id"));
                        return ids;
                    }));
        }
        return made.map(ids -> (Result) new Redirect(
                        "/staff/series/" + ids.get(0) + "?also=" + String.join(",", ids.subList(1, ids.size()))))
                .onFailure(Refused.class)
                .recoverWithUni(failure -> {
                    ServiceCalls.Answer answer = ((Refused) failure).answer;
                    if (answer.status() >= 500) {
                        return Uni.createFrom().item(errorPage(503));
                    }
                    return form(v, values, venues, refusals(answer.object(), v.language()), 422);
                });
    }

    /** The event service's refusal of a series beside the repeat form's fields, in her words. */
    static Map<String, String> refusals(JsonObject problem, Language language) {
        Map<String, String> refused = new LinkedHashMap<>();
        for (Object o : problem.getJsonArray("violations", new JsonArray())) {
            if (o instanceof JsonObject violation) {
                refused.merge(
                        seriesField(violation.getString("field"), violation.getString("code")),
                        SessionForm.message(violation.getString("code"), violation.getString("message"), language),
                        (a, b) -> a.equals(b) ? a : a + " " + b);
            }
        }
        if (refused.isEmpty()) {
            refused.put("form", problem.getString("detail", ""));
        }
        return refused;
    }

    /**
     * The series' childcare offer when "childcare" is ticked (ages 0 to 12, carers, the request deadline in hours before
     * each date, which the event service checks against each date's start), or null; mistakes go into {@code errors}.
     */
    static JsonObject childcare(Map<String, String> values, Map<String, String> errors, boolean ja) {
        if (!"1".equals(values.get("childcare"))) {
            return null;
        }
        Integer min = number(values.getOrDefault("childMinAge", ""), 0, 12);
        Integer max = number(values.getOrDefault("childMaxAge", ""), 0, 12);
        Integer carers = number(values.getOrDefault("carers", ""), 0, 100);
        Integer hours = number(values.getOrDefault("childcareHoursBefore", ""), -8760, 8760);
        if (min == null) {
            errors.put("childMinAge", ja ? "0から12までの数字で入力してください。" : "Enter an age from 0 to 12.");
        }
        if (max == null || (min != null && max < min)) {
            errors.put(
                    "childMaxAge",
                    ja ? "0から12まで、「何歳から」以上の数字で入力してください。" : "Enter an age from 0 to 12, not below the first.");
        }
        if (carers == null) {
            errors.put("carers", ja ? "保育者の人数を数字で入力してください。" : "Enter the number of carers.");
        }
        if (hours == null) {
            errors.put("childcareHoursBefore", ja ? "時間数を数字で入力してください。" : "Enter a number of hours.");
        }
        if (min == null || max == null || carers == null || hours == null || max < min) {
            return null;
        }
        return new JsonObject()
                .put("minAgeYears", min)
                .put("maxAgeYears", max)
                .put("carers", carers)
                .put("deadlineHoursBefore", hours);
    }

    /** The room chosen as "venueId/roomId" goes to the series at that venue only. */
    static JsonObject withRoom(JsonObject series, String room) {
        String prefix = series.getString("venueId") + "/";
        if (room != null && room.startsWith(prefix)) {
            series.put("roomId", room.substring(prefix.length()));
        }
        return series;
    }

    /** The series' occurrences with their dates; the others made by the same form are linked ("also"). */
    private Uni<Result> series(Visit v) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        List<UUID> all = new ArrayList<>();
        all.add(id);
        String also = v.ctx().request().getParam("also");
        if (also != null) {
            for (String other : also.split(",")) {
                UUID o = uuid(other);
                if (o != null && all.size() < 10) {
                    all.add(o);
                }
            }
        }
        List<Uni<JsonObject>> asks = all.stream()
                .map(s -> services.get("event", "/api/events/series/" + s, v.token())
                        .map(a -> a.ok() ? a.object() : null))
                .toList();
        return Uni.join().all(asks).andCollectFailures().flatMap(found -> {
            if (found.get(0) == null) {
                return Uni.createFrom().item(errorPage(404));
            }
            return services.get("event", "/api/events/venues/mine", v.token())
                    .map(a -> a.ok() ? a.array() : new JsonArray())
                    .map(venues -> {
                        Map<String, String> names = venueNames(venues, v.language());
                        List<StaffViews.SeriesBlock> blocks = new ArrayList<>();
                        for (JsonObject s : found) {
                            if (s != null) {
                                blocks.add(block(s, names, v.language()));
                            }
                        }
                        Map<String, Object> data = new HashMap<>();
                        data.put("nav", "staff-sessions");
                        data.put("st", StaffText.of(v.language()));
                        data.put("blocks", blocks);
                        data.put(
                                "anyDraft",
                                blocks.stream()
                                        .flatMap(b -> b.dates().stream())
                                        .anyMatch(d -> "draft".equals(d.state())));
                        data.put("also", also == null ? "" : also);
                        String done = v.ctx().request().getParam("done");
                        data.put(
                                "message",
                                "published".equals(done)
                                        ? StaffText.of(v.language()).get("published")
                                        : "changed".equals(done)
                                                ? VenueText.of(v.language()).get("seriesChanged")
                                                : null);
                        data.put("vt", VenueText.of(v.language()));
                        return (Result) new Html(200, "staff/series", data);
                    });
        });
    }

    private Uni<Result> publish(Visit v, MultiMap form) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        String back = form.get("back");
        UUID backTo = uuid(back);
        String also = form.get("also") == null ? "" : form.get("also").replaceAll("[^0-9a-fA-F,-]", "");
        return services.post(
                        "event",
                        "/api/events/series/" + id + "/publish",
                        v.token(),
                        null,
                        null,
                        v.ctx().request())
                .map(answer -> answer.ok()
                        ? new Redirect(
                                "/staff/series/" + (backTo == null ? id : backTo) + "?done=published&also=" + also)
                        : errorPage(answer.status() == 404 ? 404 : 503));
    }

    static StaffViews.SeriesBlock block(JsonObject s, Map<String, String> venueNames, Language language) {
        List<StaffViews.ScheduleLine> dates = new ArrayList<>();
        for (Object o : s.getJsonArray("occurrences", new JsonArray())) {
            if (o instanceof JsonObject occurrence) {
                String state = occurrence.getString("status", "").toLowerCase(java.util.Locale.ROOT);
                dates.add(new StaffViews.ScheduleLine(
                        occurrence.getString("sessionId"),
                        occurrence.getString("titleJa", s.getString("titleJa", "")),
                        Wording.when(
                                PageFlow.time(occurrence.getString("startsAt")),
                                PageFlow.time(occurrence.getString("endsAt")),
                                language),
                        "",
                        StaffViews.status(state, language),
                        state,
                        occurrence.getString("override") == null
                                ? ""
                                : (language == Language.JA ? "この回だけ変更" : "changed on its own")));
            }
        }
        return new StaffViews.SeriesBlock(
                s.getString("id"),
                title(s, language),
                venueNames.getOrDefault(s.getString("venueId"), ""),
                ruleWords(s, language),
                s.getString("status", "").toLowerCase(java.util.Locale.ROOT),
                dates,
                later(s.getString("datesMadeThrough"), s.getString("nextDateToMake"), language));
    }

    /**
     * The series' rule in her words (毎月第2火曜日), read from the rule itself; from its first date when the rule has
     * another shape, and the rule as it is when neither can be read.
     */
    static String ruleWords(JsonObject s, Language language) {
        String fromRule = RepeatRule.words(s.getString("rrule", ""), language);
        if (fromRule != null) {
            return fromRule;
        }
        String first = s.getString("firstStart", "");
        LocalDate firstDate = first.length() >= 10 ? date(first.substring(0, 10)) : null;
        String rule = s.getString("rrule", "");
        String choice = rule.startsWith("FREQ=WEEKLY") ? "weekly" : "monthly";
        return firstDate == null ? rule : RepeatRule.words(choice, firstDate, language);
    }

    /** The English title in English when there is one, else the Japanese. */
    static String title(JsonObject s, Language language) {
        String en = s.getString("titleEn");
        return language == Language.EN && en != null && !en.isBlank() ? en : s.getString("titleJa", "");
    }

    /**
     * Her organisation's series (the event service lists only those), with rule, venue, next date and state, so that she
     * finds a series again after leaving its page; those with dates to come first.
     */
    private Uni<Result> list(Visit v) {
        Language language = v.language();
        Uni<ServiceCalls.Answer> series = services.get("event", "/api/events/series", v.token());
        Uni<JsonArray> venues = services.get("event", "/api/events/venues/mine", v.token())
                .map(a -> a.ok() ? a.array() : new JsonArray())
                .onFailure()
                .recoverWithItem(new JsonArray());
        return Uni.combine().all().unis(series, venues).asTuple().map(both -> {
            ServiceCalls.Answer answer = both.getItem1();
            if (!answer.ok()) {
                return errorPage(answer.status() == 403 ? 403 : 503);
            }
            Map<String, Object> data = new HashMap<>();
            data.put("nav", "staff-sessions");
            data.put("st", StaffText.of(language));
            data.put("rows", seriesRows(answer.array(), venueNames(both.getItem2(), language), language));
            return (Result) new Html(200, "staff/series-list", data);
        });
    }

    static List<StaffViews.SeriesRow> seriesRows(JsonArray series, Map<String, String> venueNames, Language language) {
        boolean ja = language == Language.JA;
        List<StaffViews.SeriesRow> rows = new ArrayList<>();
        for (Object o : series) {
            if (o instanceof JsonObject s && s.getString("id") != null) {
                String nextStart = s.getString("nextStartsAt");
                String state = s.getString("status", "").toLowerCase(java.util.Locale.ROOT);
                rows.add(new StaffViews.SeriesRow(
                        s.getString("id"),
                        title(s, language),
                        ruleWords(s, language) + since(s.getString("firstStart"), language),
                        venueNames.getOrDefault(s.getString("venueId"), ""),
                        nextStart == null
                                ? (ja ? "これからの日程はありません" : "No dates to come")
                                : Wording.when(
                                        PageFlow.time(nextStart), PageFlow.time(s.getString("nextEndsAt")), language),
                        nextStart != null,
                        StaffViews.status(state, language),
                        state));
            }
        }
        return rows;
    }

    /** Venue names by id, in her language where the venue has one. */
    static Map<String, String> venueNames(JsonArray venues, Language language) {
        Map<String, String> names = new HashMap<>();
        for (Object o : venues) {
            if (o instanceof JsonObject venue && venue.getString("id") != null) {
                names.put(
                        venue.getString("id"),
                        language == Language.EN && venue.getString("nameEn") != null
                                ? venue.getString("nameEn")
                                : venue.getString("nameJa", ""));
            }
        }
        return names;
    }

    /**
     * A rule with more dates than the event service makes ahead (its horizon, three months) has only the nearer ones
     * yet: said under the dates, so she does not take them for all of them. Null when every date is made.
     */
    /**
     * Its first date beside the rule (（12月24日(木)から）): a series changed from a date on is two series with the same
     * title and rule, told apart by where each begins.
     */
    static String since(String firstStart, Language language) {
        // the event service keeps a series' first start in Tokyo's local time, without an offset
        LocalDate first = firstStart == null || firstStart.length() < 10 ? null : date(firstStart.substring(0, 10));
        if (first == null) {
            return "";
        }
        String day = Wording.day(first.atStartOfDay(SessionForm.TOKYO).toOffsetDateTime(), language);
        return language == Language.JA ? "（" + day + "から）" : " (from " + day + ")";
    }

    static String later(String madeThrough, String nextDate, Language language) {
        LocalDate through = madeThrough == null ? null : date(madeThrough);
        LocalDate next = nextDate == null ? null : date(nextDate);
        if (through == null || next == null) {
            return null;
        }
        String throughDay = Wording.day(through.atStartOfDay(SessionForm.TOKYO).toOffsetDateTime(), language);
        String nextDay = Wording.day(next.atStartOfDay(SessionForm.TOKYO).toOffsetDateTime(), language);
        return language == Language.JA
                ? "いまつくってある日程は" + throughDay + "までです。次の" + nextDay + "からあとの日程は、日が近づくにつれて自動で追加されます。"
                : "Dates are made up to " + throughDay + ". The next, " + nextDay
                        + ", and those after it are added automatically as their day comes nearer.";
    }

    /** The repeat form's field for a violation: by its code where the code names the field, else by its field. */
    static String seriesField(String field, String code) {
        String coded = SessionForm.codedField(code);
        if (coded != null) {
            return switch (coded) {
                case "date", "startTime" -> "firstDate";
                case "kind", "titleJa", "endTime", "capacity", "allocation", "roomId" -> coded;
                case "titleEn", "targetAudienceJa", "descriptionJa", "bringJa", "feeYen" -> coded;
                case "childcare", "childMinAge", "childMaxAge", "carers" -> coded;
                default -> "form";
            };
        }
        return "deadlineHoursBefore".equals(field) ? "childcareHoursBefore" : seriesField(field);
    }

    static String seriesField(String field) {
        if (field == null) {
            return "form";
        }
        return switch (field) {
            case "rrule" -> "repeat";
            case "firstStart" -> "firstDate";
            case "durationMinutes" -> "endTime";
            case "count", "lastDay" -> "count";
            case "venueId" -> "venues";
            case "roomId" -> "roomId";
            case "applicationOpensDaysBefore" -> "opensDaysBefore";
            case "applicationClosesHoursBefore" -> "closesHoursBefore";
            default -> {
                // an occurrence's rules are named by its recurrence id: occurrences[20270128T100000].capacity
                String mapped = SessionForm.fieldOf(field.replaceFirst("^occurrences\\[[^\\]]*\\]\\.", ""));
                yield switch (mapped) {
                    case "opens" -> "opensDaysBefore";
                    case "closes" -> "closesHoursBefore";
                    case "startTime", "date" -> "firstDate";
                    case "kind", "titleJa", "endTime", "capacity", "allocation" -> mapped;
                    case "titleEn", "targetAudienceJa", "descriptionJa", "bringJa", "feeYen" -> mapped;
                    case "childcare", "childMinAge", "childMaxAge", "carers" -> mapped;
                    case "childcareDeadline" -> "childcareHoursBefore";
                    default -> "form";
                };
            }
        };
    }

    /** A refusal of one series while several are made: carries the service's answer out of the chain. */
    private static final class Refused extends RuntimeException {
        final transient ServiceCalls.Answer answer;

        Refused(ServiceCalls.Answer answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }

    private static StaffViews.Field text(
            String name, String type, Map<String, String> st, Map<String, String> values, Map<String, String> errors) {
        return new StaffViews.Field(
                name, st.get(name), type, values.getOrDefault(name, ""), errors.get(name), List.of());
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

    private static Integer number(String v, int min, int max) {
        try {
            int n = Integer.parseInt(v.strip());
            return n < min || n > max ? null : n;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
