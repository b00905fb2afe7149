package io.ibasho.gateway.web.staff;

import static io.ibasho.gateway.web.PageFlow.errorPage;

import io.ibasho.gateway.web.Language;
import io.ibasho.gateway.web.PageFlow;
import io.ibasho.gateway.web.PageFlow.Html;
import io.ibasho.gateway.web.PageFlow.Result;
import io.ibasho.gateway.web.PageFlow.Visit;
import io.ibasho.gateway.web.ServiceCalls;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The organiser's capacity dashboard for a month across her venues: per session, seats taken of the capacity (or
 * lottery applications against the seats), how many wait and the offers out (with the first deadline) and childcare
 * (children against places, carers against those needed), and a table of each venue's month added up. Counts only,
 * from the services' count endpoints; drawn as {@code <meter>} with the numbers in words beside it, so that nothing
 * depends on colour.
 */
@ApplicationScoped
public class DashboardPages {
    /** The registration service answers seat figures for at most this many sessions per call. */
    static final int MAX_AVAILABILITY_IDS = 50;

    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    @Inject
    Clock clock;

    void routes(@Observes Router router) {
        router.get("/staff/dashboard")
                .order(900)
                .handler(ctx -> flow.page(ctx, true, OrganiserSessionPages.organiser(this::dashboard)));
    }

    private Uni<Result> dashboard(Visit v) {
        YearMonth month = month(v.ctx().request().getParam("month"));
        String window = "&startsFrom="
                + PageFlow.enc(month.atDay(1)
                        .atStartOfDay(SessionForm.TOKYO)
                        .toOffsetDateTime()
                        .toString())
                + "&startsBefore="
                + PageFlow.enc(month.plusMonths(1)
                        .atDay(1)
                        .atStartOfDay(SessionForm.TOKYO)
                        .toOffsetDateTime()
                        .toString());
        return monthSessions(path -> services.get("event", path, v.token()), window)
                .flatMap(found -> {
                    if (found.failedStatus() != 0) {
                        return Uni.createFrom().item(errorPage(found.failedStatus() == 403 ? 403 : 503));
                    }
                    List<JsonObject> sessions = found.items().stream()
                            .filter(JsonObject.class::isInstance)
                            .map(JsonObject.class::cast)
                            .filter(s -> "published".equals(s.getString("status")))
                            .filter(s -> {
                                var starts = PageFlow.time(s.getString("startsAt"));
                                return starts != null
                                        && YearMonth.from(starts.atZoneSameInstant(SessionForm.TOKYO))
                                                .equals(month);
                            })
                            .sorted(java.util.Comparator.comparing(s -> s.getString("startsAt", "")))
                            .toList();
                    // her own counts, behind her role and organisation: the public figures are bands (docs/adr/0086)
                    Uni<Map<String, JsonObject>> seats = counts("/api/registrations/seat-counts?", sessions, v.token());
                    List<Uni<JsonObject>> care = sessions.stream()
                            .map(s -> s.getJsonObject("childcare") != null
                                            && Boolean.TRUE.equals(
                                                    s.getJsonObject("childcare").getValue("offered"))
                                    ? services.get(
                                                    "childcare-booking",
                                                    "/api/childcare/sessions/" + s.getString("id"),
                                                    v.token())
                                            .map(a -> a.ok() ? a.object() : null)
                                            .onFailure()
                                            .recoverWithNull()
                                    : Uni.createFrom().<JsonObject>nullItem())
                            .toList();
                    Uni<List<JsonObject>> allCare = care.isEmpty()
                            ? Uni.createFrom().item(List.of())
                            : Uni.join().all(care).andCollectFailures();
                    List<JsonObject> booked = sessions.stream()
                            .filter(s -> !"NONE".equals(s.getString("allocation", "NONE")))
                            .toList();
                    // counts only, so no audited roster read: who waits is on each session's waitlist page
                    Uni<Map<String, JsonObject>> waits =
                            counts("/api/registrations/waitlist-counts?", booked, v.token());
                    return Uni.combine()
                            .all()
                            .unis(seats, allCare, waits)
                            .asTuple()
                            .map(all -> {
                                Map<String, List<StaffViews.CapacityLine>> byVenue = new LinkedHashMap<>();
                                for (int i = 0; i < sessions.size(); i++) {
                                    JsonObject s = sessions.get(i);
                                    StaffViews.CapacityLine line = line(
                                            s,
                                            all.getItem1().get(s.getString("id")),
                                            all.getItem2().get(i),
                                            all.getItem3().get(s.getString("id")),
                                            v.language());
                                    byVenue.computeIfAbsent(line.venue(), k -> new ArrayList<>())
                                            .add(line);
                                }
                                Map<String, Object> data = new HashMap<>();
                                data.put("nav", "staff-dashboard");
                                data.put("st", StaffText.of(v.language()));
                                data.put(
                                        "heading",
                                        v.ja()
                                                ? month.getYear() + "年" + month.getMonthValue() + "月"
                                                : month.toString());
                                List<StaffViews.VenueGroup> groups = byVenue.entrySet().stream()
                                        .map(e -> new StaffViews.VenueGroup(e.getKey(), e.getValue()))
                                        .toList();
                                data.put("venues", groups);
                                data.put(
                                        "summary",
                                        groups.stream()
                                                .map(DashboardPages::summary)
                                                .toList());
                                data.put(
                                        "cutNotice",
                                        found.cut()
                                                ? StaffText.of(v.language())
                                                        .get("dashboardCut")
                                                        .replace("{n}", String.valueOf(MONTH_PAGES * MONTH_PAGE_SIZE))
                                                : null);
                                data.put("prevHref", "/staff/dashboard?month=" + month.minusMonths(1));
                                data.put("nextHref", "/staff/dashboard?month=" + month.plusMonths(1));
                                return (Result) new Html(200, "staff/dashboard", data);
                            });
                });
    }

    static final int MONTH_PAGE_SIZE = PagedRead.LARGEST_PAGE;

    /**
     * A month is read a page at a time up to this many pages (2,000 sessions, far above the busiest organisation's
     * month); beyond it the page says it shows the first 2,000, never a silently shorter month.
     */
    static final int MONTH_PAGES = 10;

    /**
     * Her month's sessions, read a page at a time up to {@link #MONTH_PAGES}; {@code event} asks the event service for a
     * path (a stub in DashboardPagingTest).
     */
    static Uni<PagedRead.Read> monthSessions(
            java.util.function.Function<String, Uni<ServiceCalls.Answer>> event, String window) {
        return PagedRead.all(
                page -> event.apply("/api/events/sessions/mine?size=" + MONTH_PAGE_SIZE + "&page=" + page + window),
                MONTH_PAGE_SIZE,
                MONTH_PAGES);
    }

    /** One venue's month in a row of numbers: the same figures as its cards, added up. */
    static StaffViews.VenueSummary summary(StaffViews.VenueGroup group) {
        int seatsTaken = 0;
        int capacity = 0;
        int applications = 0;
        long waiting = 0;
        long offersOut = 0;
        for (StaffViews.CapacityLine line : group.lines()) {
            if (line.seatsBooked()) {
                seatsTaken += line.value();
                capacity += line.max();
            }
            applications += line.applications();
            waiting += Math.max(0, line.waiting());
            offersOut += Math.max(0, line.offersOut());
        }
        return new StaffViews.VenueSummary(
                group.venue(), group.lines().size(), seatsTaken, capacity, applications, waiting, offersOut);
    }

    /** Who waits and the offers out, in words: counts and the first deadline, never who. Null without bookings. */
    static String waitlistText(JsonObject session, JsonObject waits, Language language) {
        boolean ja = language == Language.JA;
        if ("NONE".equals(session.getString("allocation", "NONE")) || session.getInteger("capacity") == null) {
            return null;
        }
        if (waits == null) {
            return ja ? "キャンセル待ち: 人数を取得できませんでした" : "Waitlist: counts unknown";
        }
        long waiting = waits.getLong("waiting", 0L);
        long offers = waits.getLong("offersOut", 0L);
        StringBuilder text = new StringBuilder(
                ja
                        ? "キャンセル待ち " + waiting + "人・ご案内中 " + offers + "件"
                        : waiting + " waiting · " + offers + (offers == 1 ? " offer out" : " offers out"));
        var first = PageFlow.time(waits.getString("firstOfferExpiresAt"));
        if (offers > 0 && first != null) {
            text.append(
                    ja
                            ? "（最も早い回答期限 " + io.ibasho.gateway.web.Wording.when(first, null, language) + "）"
                            : " (first answer due " + io.ibasho.gateway.web.Wording.when(first, null, language) + ")");
        }
        return text.toString();
    }

    static StaffViews.CapacityLine line(JsonObject s, JsonObject seats, JsonObject care, Language language) {
        return line(s, seats, care, null, language);
    }

    static StaffViews.CapacityLine line(
            JsonObject s, JsonObject seats, JsonObject care, JsonObject waits, Language language) {
        boolean ja = language == Language.JA;
        StaffViews.SessionRow row = StaffViews.row(s, language);
        Integer capacity = s.getInteger("capacity");
        String allocation = s.getString("allocation", "NONE");
        int value = 0;
        int max = capacity == null ? 0 : capacity;
        String seatsText;
        boolean seatsBooked = false;
        int applications = 0;
        if ("NONE".equals(allocation) || capacity == null) {
            seatsText = ja ? "予約不要" : "No booking";
        } else if ("LOTTERY".equals(allocation)
                && seats != null
                && seats.getValue("applications") instanceof Number n) {
            value = n.intValue();
            applications = value;
            max = Math.max(capacity, value);
            seatsText = ja
                    ? "抽選: 申込 " + value + " / 定員 " + capacity
                    : "Lottery: " + value + " applications for " + capacity + " seats";
        } else if (seats != null && seats.getValue("seatsLeft") instanceof Number left) {
            // a first-come session, or a lottery once drawn: registration answers its seats left from then on
            value = Math.max(0, capacity - left.intValue());
            seatsBooked = true;
            seatsText = ja
                    ? "予約 " + value + " / 定員 " + capacity + "（残り " + left.intValue() + "）"
                    : value + " of " + capacity + " seats taken (" + left.intValue() + " left)";
        } else {
            seatsText = ja ? "定員 " + capacity + "（予約数は取得できませんでした）" : capacity + " seats (bookings unknown)";
        }
        String careText = null;
        int careValue = 0;
        int careMax = 0;
        if (care != null) {
            careValue = care.getInteger("totalChildren", 0);
            careMax = care.getValue("capApplied") instanceof Number cap ? cap.intValue() : Math.max(careValue, 1);
            StringBuilder text = new StringBuilder(
                    ja
                            ? "託児: 子ども " + careValue + "人"
                            : "Childcare: " + StaffText.count(careValue, "child", "children"));
            if (care.getValue("capApplied") instanceof Number cap) {
                text.append(ja ? " / 上限 " + cap.intValue() + "人" : " of " + cap.intValue());
            }
            text.append(
                    ja
                            ? "、保育者 " + care.getInteger("carers", 0) + "人（必要 " + care.getInteger("carersNeeded", 0)
                                    + "人）"
                            : ", " + StaffText.count(care.getInteger("carers", 0), "carer", "carers") + " ("
                                    + care.getInteger("carersNeeded", 0)
                                    + " needed)");
            for (Object o : care.getJsonArray("childrenByBand", new JsonArray())) {
                if (o instanceof JsonObject band && band.getInteger("children", 0) > 0) {
                    StaffViews.Band words =
                            StaffViews.Band.of(band.getString("ages"), band.getInteger("children"), language);
                    text.append(ja ? "・" : "; ")
                            .append(words.ages())
                            .append(": ")
                            .append(words.children());
                }
            }
            careText = text.toString();
        }
        return new StaffViews.CapacityLine(
                row.id(),
                row.title(),
                row.when(),
                row.venue().isEmpty() ? (ja ? "会場なし" : "No venue") : row.venue(),
                seatsText,
                value,
                max,
                careText,
                careValue,
                careMax,
                seatsBooked,
                applications,
                waitlistText(s, waits, language),
                waits == null ? -1 : waits.getLong("waiting", 0L),
                waits == null ? -1 : waits.getLong("offersOut", 0L));
    }

    /** Registration's figures for the sessions, by id, asked in groups of at most 50 (its limit per call). */
    private Uni<Map<String, JsonObject>> counts(String pathAndQuery, List<JsonObject> sessions, String token) {
        List<Uni<Map<String, JsonObject>>> calls = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i += MAX_AVAILABILITY_IDS) {
            String ids = sessions.subList(i, Math.min(sessions.size(), i + MAX_AVAILABILITY_IDS)).stream()
                    .map(s -> "sessionId=" + s.getString("id"))
                    .collect(Collectors.joining("&"));
            calls.add(services.get("registration", pathAndQuery + ids, token)
                    .map(a -> byId(a.ok() ? a.array() : new JsonArray()))
                    .onFailure()
                    .recoverWithItem(Map.of()));
        }
        if (calls.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Uni.join().all(calls).andCollectFailures().map(parts -> {
            Map<String, JsonObject> all = new HashMap<>();
            parts.forEach(all::putAll);
            return all;
        });
    }

    private YearMonth month(String param) {
        try {
            return param == null ? YearMonth.now(clock.withZone(SessionForm.TOKYO)) : YearMonth.parse(param);
        } catch (DateTimeParseException e) {
            return YearMonth.from(LocalDate.now(clock.withZone(SessionForm.TOKYO)));
        }
    }

    private static Map<String, JsonObject> byId(JsonArray figures) {
        Map<String, JsonObject> byId = new HashMap<>();
        for (Object o : figures) {
            if (o instanceof JsonObject f && f.getString("sessionId") != null) {
                byId.put(f.getString("sessionId"), f);
            }
        }
        return byId;
    }
}
