package io.ibasho.gateway.web;

import static io.ibasho.gateway.web.PageFlow.*;

import io.ibasho.gateway.BrowserSessions;
import io.ibasho.gateway.FormBody;
import io.ibasho.gateway.GatewayConfig;
import io.ibasho.gateway.web.PageFlow.Html;
import io.ibasho.gateway.web.PageFlow.Raw;
import io.ibasho.gateway.web.PageFlow.Redirect;
import io.ibasho.gateway.web.PageFlow.Result;
import io.ibasho.gateway.web.PageFlow.Visit;
import io.ibasho.gateway.web.ServiceCalls.Answer;
import io.ibasho.typedinput.TypedInput;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The women's web app: server-rendered Qute pages (docs/adr/0009). Each page asks the services server side with her
 * session's access token and answers HTML that works without JavaScript; forms carry the CSRF token of the session.
 * Every title is the neutral 「いばしょ」 and no URL names a topic.
 */
@ApplicationScoped
public class Pages {
    private static final Logger LOG = Logger.getLogger(Pages.class);
    static final int PAGE_SIZE = 20;
    /** The registration service answers seat figures for at most this many sessions per call. */
    static final int MAX_AVAILABILITY_IDS = 50;

    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    @Inject
    SurveyPages surveys;

    @Inject
    GatewayConfig config;

    @Inject
    DropInChildcarePages dropIns;

    @Inject
    io.ibasho.gateway.recovery.ConfirmedEmailSync confirmedEmails;

    @Inject
    Clock clock;

    void routes(@Observes Router router) {
        router.get("/").order(900).handler(ctx -> page(ctx, false, this::find));
        router.get("/s/:id").order(900).handler(ctx -> page(ctx, false, this::session));
        router.get("/s/:id/book")
                .order(900)
                .handler(ctx -> page(ctx, false, v -> bookForm(v, null, Map.of(), Map.of(), 200)));
        router.post("/s/:id/book")
                .order(900)
                .handler(ctx -> FormBody.read(ctx, form -> page(ctx, false, v -> book(v, form))));
        router.get("/app/bookings").order(900).handler(ctx -> page(ctx, true, this::bookings));
        router.get("/app/bookings/for/:sessionId").order(900).handler(ctx -> page(ctx, true, this::bookingForSession));
        router.get("/app/bookings/:id").order(900).handler(ctx -> page(ctx, true, v -> booking(v, null)));
        router.get("/app/bookings/:id/qr.svg").order(900).handler(ctx -> page(ctx, true, this::qr));
        router.get("/app/bookings/:id/cancel").order(900).handler(ctx -> page(ctx, true, this::confirmCancel));
        router.post("/app/bookings/:id/:action")
                .order(900)
                .handler(ctx -> FormBody.read(ctx, form -> page(ctx, true, v -> bookingAction(v, form))));
        router.get("/app/inbox").order(900).handler(ctx -> page(ctx, true, this::inbox));
        router.get("/app/settings")
                .order(900)
                .handler(ctx -> page(ctx, true, v -> {
                    retryConfirmedEmail(v);
                    // after a saved form (post-redirect-get): what was done, in her words
                    String done = v.ctx().request().getParam("done");
                    return settings(
                            v, Map.of(), done != null && SETTINGS_DONE.contains(done) ? v.text(done) : null, 200);
                }));
        router.post("/app/settings")
                .order(900)
                .handler(ctx -> FormBody.read(ctx, form -> page(ctx, true, v -> saveSettings(v, form))));
        router.post("/app/settings/email")
                .order(900)
                .handler(ctx -> FormBody.read(ctx, form -> page(ctx, true, v -> email(v, form))));
        router.post("/app/settings/email/verify")
                .order(900)
                .handler(ctx -> FormBody.read(ctx, form -> page(ctx, true, v -> verifyEmail(v, form))));
        router.get("/safety")
                .order(900)
                .handler(ctx -> page(ctx, false, v -> html(200, "safety", Map.of("nav", "safety"))));
        // The signed-out page sets the Back guard, not the sign-out's answer: that one's Clear-Site-Data "cookies"
        // would
        // take it away again. Back from here then leads to the neutral site, never to a page she had open
        // (docs/adr/0087).
        router.get("/bye").order(900).handler(ctx -> {
            ctx.response().addCookie(io.ibasho.gateway.BrowserLogin.backGuard(ctx));
            ctx.response()
                    .addCookie(io.ibasho.gateway.BrowserSessions.expired(
                            ctx, io.ibasho.gateway.BrowserLogin.OLD_BACK_GUARD_COOKIE, "/"));
            page(ctx, false, v -> html(200, "bye", Map.of()));
        });
        // Links in messages sent before the app had pages: /inbox and /sessions/{id}.
        router.get("/inbox").order(900).handler(ctx -> redirect(ctx, "/app/inbox"));
        router.get("/sessions/:id").order(900).handler(ctx -> redirect(ctx, "/s/" + safeId(ctx.pathParam("id"))));
        router.errorHandler(404, flow::notFound);
        router.errorHandler(500, flow::internalError);
    }

    private void page(RoutingContext ctx, boolean signInNeeded, Function<Visit, Uni<Result>> work) {
        flow.page(ctx, signInNeeded, work);
    }

    /** The HTML error page in the app's layout; for BrowserLogin (sign-out with a stale page) as well. */
    public void error(RoutingContext ctx, int status, String kind) {
        flow.error(ctx, status, kind);
    }

    // ---- Find -----------------------------------------------------------------------------------------------------

    private Uni<Result> find(Visit v) {
        RoutingContext ctx = v.ctx();
        String area = trimmed(ctx.request().getParam("area"), 60);
        UUID venue = uuid(ctx.request().getParam("venue"));
        String kind = ctx.request().getParam("kind");
        if (kind != null && !List.of("cafe", "workshop", "online", "free-space").contains(kind)) {
            kind = null;
        }
        boolean childcare = "1".equals(ctx.request().getParam("childcare"));
        boolean online = "1".equals(ctx.request().getParam("online"));
        LocalDate date = parseDate(ctx.request().getParam("date"));
        boolean monthView = "month".equals(ctx.request().getParam("view"));
        YearMonth month = parseMonth(ctx.request().getParam("month"));
        if (month == null) {
            month = YearMonth.from((date != null ? date : LocalDate.now(clock.withZone(Wording.TOKYO))));
        }
        int page = Math.max(0, Math.min(500, parseInt(ctx.request().getParam("page"), 0)));

        StringBuilder filter = new StringBuilder();
        if (area != null) {
            filter.append("&area=").append(enc(area));
        }
        if (venue != null) {
            filter.append("&venueId=").append(venue);
        }
        if (kind != null) {
            filter.append("&kind=").append(kind);
        }
        if (childcare) {
            filter.append("&childcareOffered=true");
        }
        if (online) {
            filter.append("&online=true");
        }
        String query;
        if (monthView) {
            LocalDate first = month.atDay(1);
            LocalDate today = LocalDate.now(clock.withZone(Wording.TOKYO));
            query = "?from=" + (first.isBefore(today) ? today : first) + "&to="
                    + month.plusMonths(1).atDay(1) + "&size=100" + filter;
        } else {
            query = "?page=" + page + "&size=" + PAGE_SIZE + (date != null ? "&from=" + date : "") + filter;
        }
        // The links keep the filters (not the page or view).
        StringBuilder keep = new StringBuilder();
        if (area != null) {
            keep.append("&area=").append(enc(area));
        }
        if (venue != null) {
            keep.append("&venue=").append(venue);
        }
        if (kind != null) {
            keep.append("&kind=").append(kind);
        }
        if (childcare) {
            keep.append("&childcare=1");
        }
        if (online) {
            keep.append("&online=1");
        }
        if (date != null) {
            keep.append("&date=").append(date);
        }
        final String kindChosen = kind;
        final YearMonth shownMonth = month;
        Uni<Answer> sessions = services.get("event", "/api/events/sessions" + query, null);
        // the filter's venue list is a nicety: without it the page still lists sessions
        Uni<Answer> venues = services.get("event", "/api/events/venues", null)
                .onFailure()
                .recoverWithItem(new Answer(503, Buffer.buffer(), null));
        return Uni.combine().all().unis(sessions, venues).asTuple().flatMap(both -> {
            Answer found = both.getItem1();
            if (!found.ok()) {
                return Uni.createFrom().item(errorPage(found.status() == 400 ? 404 : 503));
            }
            JsonArray list = found.array();
            return seatFigures(list).map(counts -> {
                Map<String, Object> data = new HashMap<>();
                data.put("nav", "find");
                data.put("groups", groupByDay(list, counts, v.language()));
                data.put("count", list.size());
                data.put("monthView", monthView);
                data.put(
                        "monthHeading",
                        v.ja()
                                ? shownMonth.getYear() + "年" + shownMonth.getMonthValue() + "月"
                                : shownMonth
                                                .getMonth()
                                                .getDisplayName(
                                                        java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH)
                                        + " " + shownMonth.getYear());
                String base = "/?" + (keep.length() > 0 ? keep.substring(1) + "&" : "");
                data.put("listHref", "/" + (keep.length() > 0 ? "?" + keep.substring(1) : ""));
                data.put("monthHref", base + "view=month&month=" + shownMonth);
                data.put(
                        "prevMonthHref",
                        shownMonth.isAfter(YearMonth.now(clock.withZone(Wording.TOKYO)))
                                ? base + "view=month&month=" + shownMonth.minusMonths(1)
                                : null);
                data.put("nextMonthHref", base + "view=month&month=" + shownMonth.plusMonths(1));
                data.put("prevHref", !monthView && page > 0 ? base + "page=" + (page - 1) : null);
                data.put("nextHref", !monthView && list.size() >= PAGE_SIZE ? base + "page=" + (page + 1) : null);
                data.put("areas", areaOptions(both.getItem2().array(), area, v.language()));
                data.put("venues", venueOptions(both.getItem2().array(), venue, v.language()));
                data.put("kinds", kindOptions(kindChosen, v.language()));
                data.put("date", date == null ? "" : date.toString());
                data.put("childcare", childcare);
                data.put("online", online);
                data.put(
                        "filtered",
                        area != null || venue != null || kindChosen != null || date != null || childcare || online);
                return new Html(200, "find", data);
            });
        });
    }

    /**
     * The public seat figures of these sessions (a band of the seats, never a count: docs/adr/0086), in one call per 50 sessions, by
     * session id. Without them the cards still show the capacity: a failure here never fails the page.
     */
    private Uni<Map<String, JsonObject>> seatFigures(JsonArray sessions) {
        List<String> ids = new ArrayList<>();
        for (Object o : sessions) {
            if (o instanceof JsonObject s
                    && s.getString("id") != null
                    && s.getString("allocation") != null
                    && !"NONE".equals(s.getString("allocation"))) {
                ids.add(s.getString("id"));
            }
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Uni<JsonArray>> asks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += MAX_AVAILABILITY_IDS) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + MAX_AVAILABILITY_IDS));
            String query = batch.stream()
                    .map(id -> "sessionId=" + URLEncoder.encode(id, StandardCharsets.UTF_8))
                    .collect(java.util.stream.Collectors.joining("&"));
            asks.add(services.get("registration", "/api/registrations/availability?" + query, null)
                    .map(a -> a.ok() ? a.array() : new JsonArray())
                    .onFailure()
                    .recoverWithItem(new JsonArray()));
        }
        return Uni.join().all(asks).andCollectFailures().map(Pages::figuresById);
    }

    static Map<String, JsonObject> figuresById(List<JsonArray> answers) {
        Map<String, JsonObject> figures = new HashMap<>();
        for (JsonArray answer : answers) {
            for (Object o : answer) {
                if (o instanceof JsonObject f && f.getString("sessionId") != null) {
                    figures.put(f.getString("sessionId"), f);
                }
            }
        }
        return figures;
    }

    /** The band of a session's seats in its figures (AVAILABLE, FEW, FULL), or null when unknown. */
    static String seats(JsonObject figures) {
        return figures == null ? null : figures.getString("seats");
    }

    static List<Views.DayGroup> groupByDay(JsonArray sessions, Map<String, JsonObject> seatFigures, Language language) {
        Map<String, List<Views.SessionCard>> days = new LinkedHashMap<>();
        for (Object o : sessions) {
            if (!(o instanceof JsonObject s)) {
                continue;
            }
            OffsetDateTime starts = time(s.getString("startsAt"));
            if (starts == null) {
                continue;
            }
            days.computeIfAbsent(Wording.day(starts, language), d -> new ArrayList<>())
                    .add(card(s, seatFigures.get(s.getString("id")), language));
        }
        return days.entrySet().stream()
                .map(e -> new Views.DayGroup(e.getKey(), e.getValue()))
                .toList();
    }

    /** {@code figures}: the registration service's seat figures of this session, or null when unknown. */
    static Views.SessionCard card(JsonObject s, JsonObject figures, Language language) {
        String[] title = title(s.getString("titleJa"), s.getString("titleEn"), language);
        JsonObject childcare = obj(s, "childcare");
        return new Views.SessionCard(
                s.getString("id"),
                Wording.kind(s.getString("kind"), language),
                title[0],
                title[1],
                Wording.when(time(s.getString("startsAt")), time(s.getString("endsAt")), language),
                where(s, language),
                Wording.availability(
                        s.getString("allocation"),
                        s.getInteger("capacity"),
                        seats(figures),
                        time(s.getString("applicationClosesAt")),
                        language),
                Wording.childcare(
                        bool(childcare, "offered"),
                        childcare.getInteger("minAgeYears"),
                        childcare.getInteger("maxAgeYears"),
                        time(childcare.getString("deadline")),
                        language),
                bool(s, "online"));
    }

    /** [title, its lang]: English if asked for and there is one, else Japanese. */
    static String[] title(String ja, String en, Language language) {
        if (language == Language.EN && en != null && !en.isBlank()) {
            return new String[] {en, "en"};
        }
        return ja != null && !ja.isBlank() ? new String[] {ja, "ja"} : new String[] {en == null ? "" : en, "en"};
    }

    static String where(JsonObject s, Language language) {
        if (bool(s, "online")) {
            return Wording.kind("online", language);
        }
        JsonObject venue = obj(s, "venue");
        if (venue.isEmpty()) {
            return "";
        }
        String name = language == Language.EN && venue.getString("nameEn") != null
                ? venue.getString("nameEn")
                : venue.getString("nameJa");
        return Wording.place(name, area(venue, language), language);
    }

    /** The venue's area in her language (the Japanese where no English was given), or null. */
    static String area(JsonObject venue, Language language) {
        return Wording.area(venue.getString("area"), venue.getString("areaEn"), language);
    }

    /**
     * The find page's areas: each the Japanese area the list filters by, named in her language, in the order of the
     * names she reads.
     */
    static List<Views.Option> areaOptions(JsonArray venues, String chosen, Language language) {
        TreeMap<String, String> areas = new TreeMap<>();
        for (Object o : venues) {
            if (o instanceof JsonObject venue && venue.getString("area") != null) {
                areas.putIfAbsent(venue.getString("area"), area(venue, language));
            }
        }
        return areas.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .map(e -> new Views.Option(e.getKey(), e.getValue(), e.getKey().equals(chosen)))
                .toList();
    }

    private static List<Views.Option> venueOptions(JsonArray venues, UUID chosen, Language language) {
        List<Views.Option> options = new ArrayList<>();
        for (Object o : venues) {
            if (o instanceof JsonObject venue && venue.getString("id") != null) {
                String name = language == Language.EN && venue.getString("nameEn") != null
                        ? venue.getString("nameEn")
                        : venue.getString("nameJa");
                options.add(new Views.Option(
                        venue.getString("id"),
                        name == null ? "" : name,
                        chosen != null && chosen.toString().equals(venue.getString("id"))));
            }
        }
        return options;
    }

    private static List<Views.Option> kindOptions(String chosen, Language language) {
        return List.of("cafe", "workshop", "online", "free-space").stream()
                .map(k -> new Views.Option(k, Wording.kind(k, language), k.equals(chosen)))
                .toList();
    }

    // ---- a session ------------------------------------------------------------------------------------------------

    private Uni<Result> session(Visit v) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        return services.get("event", "/api/events/sessions/" + id, null).flatMap(found -> {
            if (found.status() == 404 || found.status() == 400) {
                return Uni.createFrom().item(errorPage(404));
            }
            if (!found.ok()) {
                return Uni.createFrom().item(errorPage(503));
            }
            JsonObject s = found.object();
            return mine(v).flatMap(registrations -> {
                JsonObject own = activeFor(registrations, id.toString());
                boolean confirmed = own != null && "confirmed".equals(own.getString("status"));
                // at a café that takes no booking, her drop-in childcare reservation is her place: the event service
                // knows it (and answers 404 without one), so the question goes out beside the others, not after them
                boolean mayHoldPlace = confirmed || (v.token() != null && takesNoBooking(s));
                Uni<JsonObject> details = mayHoldPlace
                        ? services.get("event", "/api/events/sessions/" + id + "/attendee-details", v.token())
                                .map(a -> a.ok() ? a.object() : null)
                                .onFailure()
                                .recoverWithNull()
                        : Uni.createFrom().nullItem();
                Uni<JsonObject> figures = seatFigures(new JsonArray().add(s))
                        .map(byId -> byId.get(id.toString()))
                        .onFailure()
                        .recoverWithNull();
                Uni<List<DropInChildcarePages.Reservation>> care = dropIns.mine(v);
                return Uni.combine()
                        .all()
                        .unis(details, figures, care)
                        .asTuple()
                        .map(all -> {
                            OffsetDateTime now = OffsetDateTime.now(clock);
                            Views.SessionPage page =
                                    sessionPage(s, all.getItem1(), all.getItem2(), own, v.language(), now);
                            Map<String, Object> data = new HashMap<>();
                            data.put("s", page);
                            data.put("nav", "find");
                            // 託児 alone at a drop-in café: her reservation, or the way to make one
                            data.put("dropInMine", DropInChildcarePages.forSession(all.getItem3(), id.toString()));
                            data.put("dropInOffered", DropInChildcarePages.offered(s, now));
                            return (Result) new Html(200, "session", data);
                        });
            });
        });
    }

    /** A café or space one simply comes to: no seat to book (allocation NONE). */
    private static boolean takesNoBooking(JsonObject session) {
        String allocation = session.getString("allocation");
        return allocation == null || "NONE".equals(allocation);
    }

    static Views.SessionPage sessionPage(
            JsonObject s,
            JsonObject details,
            JsonObject figures,
            JsonObject own,
            Language language,
            OffsetDateTime now) {
        boolean ja = language == Language.JA;
        String[] title = title(s.getString("titleJa"), s.getString("titleEn"), language);
        JsonObject venue = obj(s, "venue");
        boolean online = bool(s, "online");
        String address = venue.getString("address");
        String addressNote = null;
        String meetingLink = null;
        if (details != null) {
            if (details.getString("address") != null) {
                address = details.getString("address");
            } else {
                addressNote = ja
                        ? details.getString("addressNoteJa")
                        : details.getString("addressNoteEn", details.getString("addressNoteJa"));
            }
            meetingLink = details.getString("meetingLink");
        }
        if (address == null && addressNote == null && !online) {
            String why = details != null
                    ? "addressNever"
                    : !takesNoBooking(s)
                            ? "addressLater"
                            : bool(obj(s, "childcare"), "offered") ? "addressDropInChildcare" : "addressUnpublished";
            addressNote = UiText.of(language).get(why);
        }
        List<Views.Part> parts = new ArrayList<>();
        for (Object o : arr(s, "parts")) {
            if (o instanceof JsonObject p) {
                parts.add(new Views.Part(
                        Wording.partLabel(p.getString("label", ""), language),
                        Wording.when(time(p.getString("startsAt")), time(p.getString("endsAt")), language),
                        partPlace(obj(p, "venue"), partDetails(details, p.getString("partId")), language)));
            }
        }
        JsonObject childcare = obj(s, "childcare");
        String allocation = s.getString("allocation");
        String status = s.getString("status", "");
        boolean cancelled = "CANCELLED".equalsIgnoreCase(status);
        OffsetDateTime ends = time(s.getString("endsAt"));
        boolean past = "COMPLETED".equalsIgnoreCase(status) || (ends != null && ends.isBefore(now));
        // a full first-come session still takes her, on its waitlist: the link says so instead of 予約へ進む
        String seats = seats(figures);
        // after a lottery's deadline the link no longer offers an application, only a look at seats left over
        String bookLabel = UiText.of(language)
                .get(
                        switch (formMode(
                                "LOTTERY".equals(allocation),
                                false,
                                seats,
                                time(s.getString("applicationClosesAt")),
                                now)) {
                            case "apply" -> "goApply";
                            case "closed" -> "goLeftoverSeats";
                            case "waitlist" -> "goWaitlist";
                            default -> "goBook";
                        });
        boolean bookable = !cancelled && !past && allocation != null && !"NONE".equals(allocation) && own == null;
        String audience =
                ja ? s.getString("targetAudienceJa") : s.getString("targetAudienceEn", s.getString("targetAudienceJa"));
        String venueName =
                ja || venue.getString("nameEn") == null ? venue.getString("nameJa") : venue.getString("nameEn");
        return new Views.SessionPage(
                s.getString("id"),
                Wording.kind(s.getString("kind"), language),
                title[0],
                title[1],
                Wording.when(time(s.getString("startsAt")), ends, language),
                online ? Wording.kind("online", language) : Wording.place(venueName, area(venue, language), language),
                online ? null : address,
                online ? null : addressNote,
                meetingLink,
                audience,
                parts,
                Wording.childcare(
                        bool(childcare, "offered"),
                        childcare.getInteger("minAgeYears"),
                        childcare.getInteger("maxAgeYears"),
                        time(childcare.getString("deadline")),
                        language),
                Wording.availability(
                        allocation,
                        s.getInteger("capacity"),
                        seats,
                        time(s.getString("applicationClosesAt")),
                        language),
                bookLabel,
                bookable,
                "LOTTERY".equals(allocation),
                cancelled,
                past,
                online,
                own == null ? null : myBooking(own, s, language),
                flyer(obj(s, "flyer"), language));
    }

    /** What the attendee details say of this part (its place released to her once confirmed), or an empty object. */
    static JsonObject partDetails(JsonObject details, String partId) {
        for (Object o : arr(details, "parts")) {
            if (o instanceof JsonObject part && partId != null && partId.equals(part.getString("partId"))) {
                return part;
            }
        }
        return new JsonObject();
    }

    /**
     * A part's own place (Nagaoka's 第3部 met elsewhere): the venue's name and area, and its address when public or,
     * once her place is confirmed, when the attendee details release it (a shelter's never: then their note).
     */
    static String partPlace(JsonObject venue, JsonObject released, Language language) {
        if (venue.isEmpty()) {
            return null;
        }
        boolean ja = language == Language.JA;
        if (released.getString("address") != null) {
            venue = venue.copy().put("address", released.getString("address"));
        } else if (released.getString("addressNoteJa") != null && venue.getString("address") == null) {
            venue = venue.copy()
                    .put(
                            "address",
                            ja
                                    ? released.getString("addressNoteJa")
                                    : released.getString("addressNoteEn", released.getString("addressNoteJa")));
        }
        String name = ja || venue.getString("nameEn") == null ? venue.getString("nameJa") : venue.getString("nameEn");
        String place = Wording.place(name, area(venue, language), language);
        String address = venue.getString("address");
        return address == null ? place : place + (ja ? "　" : ", ") + address;
    }

    /** The flyer's details in her language (Japanese where no English was given, marked so); null when none. */
    static Views.Flyer flyer(JsonObject flyer, Language language) {
        if (flyer.isEmpty()) {
            return null;
        }
        boolean ja = language == Language.JA;
        String[] description = title(flyer.getString("descriptionJa"), flyer.getString("descriptionEn"), language);
        List<String> speakers = new ArrayList<>();
        for (Object o : arr(flyer, "speakers")) {
            if (o instanceof JsonObject speaker) {
                String role =
                        ja ? speaker.getString("roleJa") : speaker.getString("roleEn", speaker.getString("roleJa"));
                String name = speaker.getString("name", "");
                speakers.add(role == null ? name : ja ? name + "（" + role + "）" : name + " (" + role + ")");
            }
        }
        String[] bring = title(flyer.getString("bringJa"), flyer.getString("bringEn"), language);
        return new Views.Flyer(
                description[0].isBlank() ? null : description[0],
                description[1],
                speakers,
                bring[0].isBlank() ? null : bring[0],
                bring[1],
                Wording.fee(flyer.getInteger("feeYen"), language));
    }

    // ---- book or apply --------------------------------------------------------------------------------------------

    private Uni<Result> bookForm(
            Visit v, String mode, Map<String, String> values, Map<String, String> errors, int status) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        return services.get("event", "/api/events/sessions/" + id, null).flatMap(found -> {
            if (found.status() == 404 || found.status() == 400) {
                return Uni.createFrom().item(errorPage(404));
            }
            if (!found.ok()) {
                return Uni.createFrom().item(errorPage(503));
            }
            JsonObject s = found.object();
            boolean lottery = "LOTTERY".equals(s.getString("allocation"));
            if (mode != null) {
                return Uni.createFrom().item((Result) new Html(status, "book", bookData(v, s, mode, values, errors)));
            }
            // After a draw whose reserve list ran out, the seats left over are booked first come
            Uni<Boolean> firstComeOpen = lottery && v.signedIn()
                    ? services.get("registration", "/api/registrations/sessions/" + id + "/lottery", v.token())
                            .map(a -> a.ok() && bool(a.object(), "firstComeOpen"))
                            .onFailure()
                            .recoverWithItem(false)
                    : Uni.createFrom().item(false);
            // a full first-come session takes her on its waitlist: the form says so before she submits
            Uni<String> seats = lottery
                    ? Uni.createFrom().nullItem()
                    : seatFigures(new JsonArray().add(s))
                            .map(byId -> seats(byId.get(id.toString())))
                            .onFailure()
                            .recoverWithNull();
            return Uni.combine().all().unis(firstComeOpen, seats).asTuple().map(known -> {
                String chosenMode = formMode(
                        lottery,
                        known.getItem1(),
                        known.getItem2(),
                        time(s.getString("applicationClosesAt")),
                        OffsetDateTime.now(clock));
                return (Result) new Html(status, "book", bookData(v, s, chosenMode, values, errors));
            });
        });
    }

    /**
     * The form the booking page offers when the link asked for none: a lottery's application until its deadline, then
     * "closed" (no form) unless the draw left seats over for first-come booking; a full first-come session's waitlist.
     */
    static String formMode(
            boolean lottery, boolean firstComeOpen, String seats, OffsetDateTime closesAt, OffsetDateTime now) {
        if (lottery) {
            if (firstComeOpen) {
                return "book";
            }
            return closesAt != null && !now.isBefore(closesAt) ? "closed" : "apply";
        }
        return "FULL".equals(seats) ? "waitlist" : "book";
    }

    private Map<String, Object> bookData(
            Visit v, JsonObject s, String mode, Map<String, String> values, Map<String, String> errors) {
        Map<String, Object> data = new HashMap<>();
        String[] title = title(s.getString("titleJa"), s.getString("titleEn"), v.language());
        data.put("nav", "find");
        data.put("sessionId", s.getString("id"));
        data.put("title", title[0]);
        data.put("titleLang", title[1]);
        data.put("when", Wording.when(time(s.getString("startsAt")), time(s.getString("endsAt")), v.language()));
        data.put("dropIn", s.getString("allocation") == null || "NONE".equals(s.getString("allocation")));
        data.put("mode", mode);
        data.put(
                "heading",
                v.text(
                        switch (mode) {
                            case "apply" -> "applyTitle";
                            case "waitlist" -> "waitlistTitle";
                            case "closed" -> "applicationsClosedTitle";
                            default -> "bookTitle";
                        }));
        data.put(
                "submit",
                v.text(
                        switch (mode) {
                            case "apply" -> "submitApply";
                            case "waitlist" -> "submitWaitlist";
                            default -> "submitBook";
                        }));
        JsonObject childcare = obj(s, "childcare");
        boolean offered = bool(childcare, "offered");
        OffsetDateTime childcareDeadline = time(childcare.getString("deadline"));
        // past its deadline the children's fields are not offered: the seat alone can still be booked or asked for
        boolean childcareClosed = BookingForm.childcareClosed(offered, childcareDeadline, clock.instant());
        data.put("childcareOffered", offered && !childcareClosed);
        data.put(
                "childcareClosed",
                childcareClosed ? BookingForm.childcareClosedText(childcareDeadline, v.language()) : null);
        data.put(
                "childcareText",
                Wording.childcare(
                        offered,
                        childcare.getInteger("minAgeYears"),
                        childcare.getInteger("maxAgeYears"),
                        time(childcare.getString("deadline")),
                        v.language()));
        int min = childcare.getValue("minAgeYears") instanceof Number n ? n.intValue() : 0;
        int max = childcare.getValue("maxAgeYears") instanceof Number n ? n.intValue() : 17;
        List<List<Views.Option>> ages = new ArrayList<>();
        for (int child = 1; child <= 3; child++) {
            String chosen = values.getOrDefault("childAge" + child, "");
            List<Views.Option> options = new ArrayList<>();
            options.add(new Views.Option("", v.text("noChild"), chosen.isEmpty()));
            for (int age = Math.max(0, min); age <= Math.min(17, max); age++) {
                options.add(new Views.Option(
                        Integer.toString(age), Wording.age(age, v.language()), chosen.equals(Integer.toString(age))));
            }
            ages.add(options);
        }
        data.put("ages", ages);
        List<Views.Option> tiers = new ArrayList<>();
        JsonObject lottery = obj(s, "lottery");
        if ("apply".equals(mode)) {
            JsonArray priority = arr(lottery, "priorityTiers");
            for (int i = 0; i < priority.size(); i++) {
                tiers.add(new Views.Option(
                        Integer.toString(i),
                        String.valueOf(priority.getValue(i)),
                        Integer.toString(i).equals(values.get("tier"))));
            }
            if (!tiers.isEmpty()) {
                tiers.add(new Views.Option(
                        "",
                        v.text("tierNone"),
                        values.get("tier") == null || values.get("tier").isEmpty()));
            }
        }
        data.put("tiers", tiers);
        String audience = v.ja()
                ? s.getString("targetAudienceJa")
                : s.getString("targetAudienceEn", s.getString("targetAudienceJa"));
        data.put("audience", audience);
        data.put("nickname", values.getOrDefault("nickname", ""));
        data.put("errors", errors);
        data.put("hasErrors", !errors.isEmpty());
        data.put("idem", UUID.randomUUID().toString());
        data.put("signInHref", "/app/signin?next=" + enc("/s/" + s.getString("id") + "/book"));
        return data;
    }

    private Uni<Result> book(Visit v, MultiMap form) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        if (!v.signedIn()) {
            return Uni.createFrom().item(new Redirect("/s/" + id + "/book"));
        }
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        String mode = form.get("mode");
        if (!List.of("book", "apply", "waitlist").contains(String.valueOf(mode))) {
            mode = "book";
        }
        Map<String, String> values = new HashMap<>();
        values.put("nickname", form.get("nickname") == null ? "" : form.get("nickname"));
        List<String> ageValues = form.getAll("childAge");
        for (int i = 0; i < Math.min(3, ageValues.size()); i++) {
            values.put("childAge" + (i + 1), ageValues.get(i));
        }
        if (form.get("tier") != null) {
            values.put("tier", form.get("tier"));
        }
        final String chosenMode = mode;
        // the session's own childcare ages: an age its carers cannot take is told now, not after a seat was held
        // read once: the outcome page after the booking words its deadline from the same copy
        return services.get("event", "/api/events/sessions/" + id, null)
                .map(found -> found.ok() ? found.object() : null)
                .onFailure()
                .recoverWithNull()
                .flatMap(session -> {
                    JsonObject childcare = session == null ? new JsonObject() : obj(session, "childcare");
                    BookingForm.Checked checked = BookingForm.check(
                            values.get("nickname"),
                            ageValues,
                            form.get("tier"),
                            childcare.getInteger("minAgeYears"),
                            childcare.getInteger("maxAgeYears"),
                            v.language());
                    Map<String, String> errors = new LinkedHashMap<>(checked.errors());
                    OffsetDateTime childcareDeadline = time(childcare.getString("deadline"));
                    if (!checked.childrenAges().isEmpty()
                            && !errors.containsKey("childAge")
                            && BookingForm.childcareClosed(
                                    bool(childcare, "offered"), childcareDeadline, clock.instant())) {
                        // a form opened before the deadline and sent after it: told now, before a seat is held
                        errors.put("childAge", BookingForm.childcareClosedText(childcareDeadline, v.language()));
                    }
                    if (!errors.isEmpty()) {
                        return bookForm(v, chosenMode, values, errors, 422);
                    }
                    return send(v, id, form, chosenMode, values, checked, session);
                });
    }

    private Uni<Result> send(
            Visit v,
            UUID id,
            MultiMap form,
            String chosenMode,
            Map<String, String> values,
            BookingForm.Checked checked,
            JsonObject session) {
        JsonObject body = new JsonObject()
                .put("nickname", checked.nickname())
                .put("childrenAges", new JsonArray(checked.childrenAges()));
        if ("apply".equals(chosenMode) && checked.priorityTier() != null) {
            body.put("priorityTier", checked.priorityTier());
        }
        String path = "/api/registrations/sessions/" + id
                + switch (chosenMode) {
                    case "apply" -> "/applications";
                    case "waitlist" -> "/waitlist";
                    default -> "/bookings";
                };
        String key = form.get("idem") != null && form.get("idem").matches("[0-9a-f-]{36}")
                ? form.get("idem")
                : UUID.randomUUID().toString();
        return services.post("registration", path, v.token(), body, key, v.ctx().request())
                .flatMap(answer -> {
                    BookingForm.Outcome outcome = BookingForm.outcome(
                            answer.status(), answer.problem(), answer.object().getString("status"));
                    if (outcome == BookingForm.Outcome.INVALID) {
                        return bookForm(
                                v, chosenMode, values, BookingForm.fieldErrors(answer.object(), v.language()), 422);
                    }
                    if (outcome == BookingForm.Outcome.SEATS_AVAILABLE) {
                        return bookForm(v, "book", values, Map.of(), 200);
                    }
                    if (outcome == BookingForm.Outcome.UNAVAILABLE) {
                        return Uni.createFrom().item(errorPage(503));
                    }
                    Uni<JsonObject> read = session != null
                            ? Uni.createFrom().item(session)
                            : services.get("event", "/api/events/sessions/" + id, null)
                                    .map(ServiceCalls.Answer::object);
                    return read.map(found -> {
                        Map<String, Object> data =
                                bookData(v, found.copy().put("id", id.toString()), "waitlist", values, Map.of());
                        JsonObject registration = answer.object();
                        data.put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
                        data.put("outcomeTitle", BookingForm.title(outcome, v.language()));
                        data.put(
                                "outcomeNext",
                                BookingForm.nextStep(
                                        outcome,
                                        registration.getInteger("position"),
                                        time(found.getString("applicationClosesAt")),
                                        v.language()));
                        data.put("registrationId", outcome.madeRegistration() ? registration.getString("id") : null);
                        data.put("bookingCode", registration.getString("bookingCode"));
                        data.put("offerWaitlist", outcome == BookingForm.Outcome.FULL);
                        data.put("childAges", checked.childrenAges());
                        return (Result) new Html(outcome.status(), "outcome", data);
                    });
                });
    }

    // ---- her bookings ---------------------------------------------------------------------------------------------

    private Uni<JsonArray> mine(Visit v) {
        if (!v.signedIn()) {
            return Uni.createFrom().item(new JsonArray());
        }
        return services.get("registration", "/api/registrations/mine", v.token())
                .map(a -> a.ok() ? a.array() : new JsonArray())
                .onFailure()
                .recoverWithItem(new JsonArray());
    }

    private static final List<String> ACTIVE =
            List.of("confirmed", "pending_childcare", "applied", "waitlisted", "offered");

    static JsonObject activeFor(JsonArray registrations, String sessionId) {
        JsonObject latest = null;
        for (Object o : registrations) {
            if (o instanceof JsonObject r && sessionId.equals(r.getString("sessionId"))) {
                if (ACTIVE.contains(r.getString("status"))) {
                    return r;
                }
                latest = r;
            }
        }
        return latest != null && ACTIVE.contains(latest.getString("status")) ? latest : null;
    }

    /** The public sessions of these registrations by id (an empty object for one no longer public); her data page too. */
    Uni<Map<String, JsonObject>> sessionsOf(JsonArray registrations) {
        List<String> ids = new ArrayList<>();
        for (Object o : registrations) {
            if (o instanceof JsonObject r
                    && r.getString("sessionId") != null
                    && !ids.contains(r.getString("sessionId"))) {
                ids.add(r.getString("sessionId"));
            }
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Uni<Map.Entry<String, JsonObject>>> asks = ids.stream()
                .map(id -> services.get("event", "/api/events/sessions/" + id, null)
                        .map(a -> Map.entry(id, a.ok() ? a.object() : new JsonObject()))
                        .onFailure()
                        .recoverWithItem(Map.entry(id, new JsonObject())))
                .toList();
        return Uni.join().all(asks).andCollectFailures().map(entries -> {
            Map<String, JsonObject> sessions = new HashMap<>();
            entries.forEach(e -> sessions.put(e.getKey(), e.getValue()));
            return sessions;
        });
    }

    private Uni<Result> bookings(Visit v) {
        return services.get("registration", "/api/registrations/mine", v.token())
                .flatMap(answer -> {
                    if (answer.status() == 403) {
                        return html(
                                200,
                                "bookings",
                                Map.of(
                                        "nav",
                                        "bookings",
                                        "items",
                                        List.of(),
                                        "dropIns",
                                        List.of(),
                                        "notAttendee",
                                        true,
                                        "surveys",
                                        List.of()));
                    }
                    if (!answer.ok()) {
                        return Uni.createFrom().item(errorPage(503));
                    }
                    JsonArray list = answer.array();
                    Uni<List<DropInChildcarePages.Reservation>> care = dropIns.mine(v);
                    return Uni.combine()
                            .all()
                            .unis(sessionsOf(list), care, surveys.invitations(v))
                            .asTuple()
                            .map(found -> {
                                Map<String, JsonObject> sessions = found.getItem1();
                                List<Views.MyBooking> active = new ArrayList<>();
                                List<Views.MyBooking> ended = new ArrayList<>();
                                for (Object o : list) {
                                    if (o instanceof JsonObject r) {
                                        Views.MyBooking item = myBooking(
                                                r,
                                                sessions.getOrDefault(r.getString("sessionId"), new JsonObject()),
                                                v.language());
                                        (item.active() ? active : ended).add(item);
                                    }
                                }
                                return (Result) new Html(
                                        200,
                                        "bookings",
                                        Map.of(
                                                "nav",
                                                "bookings",
                                                "items",
                                                active,
                                                "ended",
                                                ended,
                                                "dropIns",
                                                found.getItem2(),
                                                "notAttendee",
                                                false,
                                                "surveys",
                                                SurveyPages.offered(found.getItem3(), sessions, v.language())));
                            });
                });
    }

    static Views.MyBooking myBooking(JsonObject r, JsonObject s, Language language) {
        return myBooking(r, s, language, false);
    }

    /**
     * Her booking in words. {@code pastCancellationCutOff}: the registration service refuses to give up a seat from
     * its cut-off before the start, so then the page offers no button that can only be refused.
     */
    static Views.MyBooking myBooking(JsonObject r, JsonObject s, Language language, boolean pastCancellationCutOff) {
        String[] title = title(s.getString("titleJa"), s.getString("titleEn"), language);
        String status = r.getString("status");
        JsonObject childcareOffer = obj(s, "childcare");
        // a refusal says why (the age, the deadline, no place), never only "no place"
        String childcare = "rejected".equals(r.getString("childcareStatus"))
                ? Wording.childcareRefused(
                        r.getString("childcareRejectReason"),
                        childcareOffer.getInteger("minAgeYears"),
                        childcareOffer.getInteger("maxAgeYears"),
                        language)
                : Wording.childcareStatus(r.getString("childcareStatus"), language);
        List<Integer> ages = new ArrayList<>();
        for (Object age : arr(r, "childrenAges")) {
            if (age instanceof Number n) {
                ages.add(n.intValue());
            }
        }
        // the seat was released for want of childcare: she can book again at a first-come session still taking
        // bookings, and wait for childcare too when it was full (an age or a deadline will not change by waiting)
        boolean rebook = "childcare_unavailable".equals(status)
                && "FIRST_COME".equals(s.getString("allocation"))
                && !List.of("CANCELLED", "COMPLETED")
                        .contains(s.getString("status", "").toUpperCase(Locale.ROOT));
        boolean waitlist = rebook
                && bool(childcareOffer, "offered")
                && Wording.CHILDCARE_FULL.contains(r.getString("childcareRejectReason"));
        OffsetDateTime offer = time(r.getString("offerExpiresAt"));
        OffsetDateTime starts = time(s.getString("startsAt"));
        boolean tooLate = pastCancellationCutOff && "seat".equals(cancelKind(status));
        return new Views.MyBooking(
                r.getString("id"),
                r.getString("sessionId"),
                title[0],
                title[1],
                starts == null ? "" : Wording.when(starts, time(s.getString("endsAt")), language),
                Wording.status(
                        status,
                        "offered".equals(status) ? r.getString("offerReason") : r.getString("waitlistReason"),
                        r.getInteger("position"),
                        r.getString("cancelledBy"),
                        language),
                status,
                "confirmed".equals(status) ? r.getString("bookingCode") : null,
                "confirmed".equals(status),
                offer == null ? null : Wording.until(offer, language),
                tooLate ? null : cancelKind(status),
                "offered".equals(status),
                "offered".equals(status) && Wording.LOTTERY_WIN.equals(r.getString("offerReason")),
                childcare,
                Wording.childrenAges(ages, language),
                Wording.nextSteps(
                        r.getString("nextStepsCode"),
                        waitlist,
                        "LOTTERY".equals(s.getString("allocation")),
                        r.getString("childcareRejectReason"),
                        language),
                rebook,
                waitlist,
                r.getString("nickname", ""),
                ages,
                ACTIVE.contains(status),
                tooLate,
                r.getString("lotteryReference"));
    }

    /** What cancelling gives up: a place in line on the waitlist, a lottery application, else a seat (held, offered). */
    private static String cancelKind(String status) {
        return switch (String.valueOf(status)) {
            case "waitlisted" -> "waitlist";
            case "applied" -> "application";
            case "confirmed", "pending_childcare", "offered" -> "seat";
            default -> null;
        };
    }

    private Uni<Result> booking(Visit v, String done) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        String doneParam = done != null ? done : v.ctx().request().getParam("done");
        return ownBooking(v, id).map(booking -> {
            if (booking == null) {
                return errorPage(404);
            }
            Map<String, Object> data = new HashMap<>();
            data.put("nav", "bookings");
            data.put("b", booking);
            String message = doneParam == null
                    ? null
                    : switch (doneParam) {
                        case "cancelled" -> v.text("doneCancelled");
                        case "left-waitlist" -> v.text("doneLeftWaitlist");
                        case "withdrawn" -> v.text("doneWithdrawn");
                        case "accepted" -> v.text("doneAccepted");
                        case "declined" -> v.text("doneDeclined");
                        default -> BookingForm.actionProblem(doneParam, v.language());
                    };
            data.put("message", message);
            data.put("tooLateToCancel", BookingForm.actionProblem("cancellation-closed", v.language()));
            // the buttons to book again each send a new booking form, which needs an idempotency key of its own
            data.put("idem", UUID.randomUUID().toString());
            data.put("idemWaitlist", UUID.randomUUID().toString());
            return (Result) new Html(200, "booking", data);
        });
    }

    /**
     * One more question before a seat or a waitlist place is given up (as for course dates and drop-in childcare): a
     * tap on the booking's page only opens this page; the cancellation is its button.
     */
    private Uni<Result> confirmCancel(Visit v) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        return ownBooking(v, id)
                .map(booking -> booking == null
                        ? errorPage(404)
                        // already ended (another tab, the back button): her booking's page says where it stands
                        : !booking.canCancel()
                                ? new Redirect("/app/bookings/" + id)
                                : new Html(200, "booking-cancel", Map.of("nav", "bookings", "b", booking)));
    }

    /** Her own registration with this id, in words, or null when she has none. */
    private Uni<Views.MyBooking> ownBooking(Visit v, UUID id) {
        return mine(v).flatMap(list -> {
            JsonObject own = null;
            for (Object o : list) {
                if (o instanceof JsonObject r && id.toString().equals(r.getString("id"))) {
                    own = r;
                }
            }
            if (own == null) {
                return Uni.createFrom().nullItem();
            }
            JsonObject registration = own;
            return services.get("event", "/api/events/sessions/" + registration.getString("sessionId"), null)
                    .map(found -> {
                        JsonObject s = found.ok() ? found.object() : new JsonObject();
                        return myBooking(
                                registration,
                                s,
                                v.language(),
                                pastCancellationCutOff(
                                        time(registration.getString("cancellableUntil")), OffsetDateTime.now(clock)));
                    });
        });
    }

    /**
     * Past the time until which registration lets her give up the seat she holds ({@code cancellableUntil} in her
     * registration, its own cut-off before the start): the one rule, read from the service that applies it.
     */
    static boolean pastCancellationCutOff(OffsetDateTime cancellableUntil, OffsetDateTime now) {
        return cancellableUntil != null && now.isAfter(cancellableUntil);
    }

    private Uni<Result> bookingForSession(Visit v) {
        UUID session = uuid(v.ctx().pathParam("sessionId"));
        if (session == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        return mine(v).flatMap(list -> {
            JsonObject own = activeFor(list, session.toString());
            if (own == null) {
                for (Object o : list) {
                    if (o instanceof JsonObject r && session.toString().equals(r.getString("sessionId"))) {
                        own = r;
                    }
                }
            }
            if (own != null) {
                return Uni.createFrom().item((Result) new Redirect("/app/bookings/" + own.getString("id")));
            }
            // no seat: a message about childcare reserved alone at a drop-in café leads to that reservation
            return dropIns.mine(v).map(care -> {
                DropInChildcarePages.Reservation reserved = DropInChildcarePages.forSession(care, session.toString());
                return (Result) new Redirect(reserved == null ? "/s/" + session : "/app/childcare/" + reserved.id());
            });
        });
    }

    private Uni<Result> qr(Visit v) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        return services.get("registration", "/api/registrations/mine/" + id + "/qr", v.token())
                .map(answer -> answer.ok()
                                && answer.contentType() != null
                                && answer.contentType().startsWith("image/svg+xml")
                        ? new Raw(200, "image/svg+xml", answer.body())
                        : errorPage(404));
    }

    private Uni<Result> bookingAction(Visit v, MultiMap form) {
        UUID id = uuid(v.ctx().pathParam("id"));
        String action = v.ctx().pathParam("action");
        if (id == null || !List.of("cancel", "accept", "decline").contains(action)) {
            return Uni.createFrom().item(errorPage(404));
        }
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        return services.post(
                        "registration",
                        "/api/registrations/mine/" + id + "/" + action,
                        v.token(),
                        null,
                        null,
                        v.ctx().request())
                .flatMap(answer -> {
                    if (answer.ok()) {
                        String done = switch (action) {
                            // the confirmation page says which she gave up: a seat, her place on the waitlist or
                            // her lottery application
                            case "cancel" ->
                                switch (String.valueOf(form.get("leaving"))) {
                                    case "waitlist" -> "left-waitlist";
                                    case "application" -> "withdrawn";
                                    default -> "cancelled";
                                };
                            case "accept" -> "accepted";
                            default -> "declined";
                        };
                        return Uni.createFrom().item(new Redirect("/app/bookings/" + id + "?done=" + done));
                    }
                    if (answer.status() == 404) {
                        return Uni.createFrom().item(errorPage(404));
                    }
                    if (answer.status() >= 500) {
                        return Uni.createFrom().item(errorPage(503));
                    }
                    return booking(v, answer.problem().isEmpty() ? "http-" + answer.status() : answer.problem());
                });
    }

    // ---- inbox ----------------------------------------------------------------------------------------------------

    private Uni<Result> inbox(Visit v) {
        return services.get(
                        "notification",
                        "/api/notifications/inbox?lang=" + v.language().tag(),
                        v.token())
                .map(answer -> {
                    if (answer.status() == 403) {
                        return new Html(200, "inbox", Map.of("nav", "inbox", "messages", List.of()));
                    }
                    if (!answer.ok()) {
                        return errorPage(503);
                    }
                    List<Views.Message> messages = new ArrayList<>();
                    for (Object o : answer.array()) {
                        if (o instanceof JsonObject m) {
                            messages.add(message(m, v.language()));
                        }
                    }
                    return new Html(200, "inbox", Map.of("nav", "inbox", "messages", messages));
                });
    }

    private static final List<String> ABOUT_HER_BOOKING = List.of(
            "BOOKING_CONFIRMED",
            "APPLICATION_RECEIVED",
            "LOTTERY_WON",
            "LOTTERY_RESERVE",
            "SEAT_OFFERED",
            "LOTTERY_WON_CONFIRM",
            "OFFER_EXPIRED",
            "CANCELLED_BY_ATTENDEE",
            "CANCELLED_BY_ORGANISER",
            "CHILDCARE_RESERVED",
            "CHILDCARE_REJECTED");

    /**
     * A message's link goes to her booking (messages about it), to the session's page, or for a course to her courses
     * (a course message names no session); never to a dead address.
     */
    static Views.Message message(JsonObject m, Language language) {
        String session = m.getString("sessionId");
        Views.Link link = null;
        if (session == null && m.getString("courseId") != null) {
            link = new Views.Link("/app/courses", UiText.of(language).get("navMyCourses"));
        } else if (session != null) {
            boolean aboutBooking = ABOUT_HER_BOOKING.contains(
                    String.valueOf(m.getString("kind")).toUpperCase(java.util.Locale.ROOT));
            link = aboutBooking
                    ? new Views.Link(
                            "/app/bookings/for/" + session, UiText.of(language).get("seeBooking"))
                    : new Views.Link("/s/" + session, UiText.of(language).get("openSession"));
        }
        OffsetDateTime at = time(m.getString("createdAt"));
        return new Views.Message(
                m.getString("text", ""),
                at == null ? "" : Wording.when(at, null, language),
                Boolean.FALSE.equals(m.getValue("read")),
                link);
    }

    // ---- settings -------------------------------------------------------------------------------------------------

    /** What a settings form did, said on the page it redirects to (UiText keys). */
    private static final java.util.Set<String> SETTINGS_DONE = java.util.Set.of("saved", "codeSent", "verified");

    private Uni<Result> settings(Visit v, Map<String, String> errors, String message, int status) {
        // LINE is linked on a page of its own (LinePages); here only a link to it, if this installation offers LINE.
        Uni<Boolean> lineOffered = services.get("notification", "/api/notifications/line", v.token())
                .map(answer -> answer.ok() && bool(answer.object(), "available"))
                .onFailure()
                .recoverWithItem(false);
        return lineOffered.flatMap(line -> settings(v, errors, message, status, line));
    }

    private Uni<Result> settings(Visit v, Map<String, String> errors, String message, int status, boolean line) {
        return services.get("notification", "/api/notifications/preferences", v.token())
                .map(answer -> {
                    if (!answer.ok()) {
                        Map<String, Object> none = new HashMap<>();
                        none.put("nav", "settings");
                        none.put("notAttendee", true);
                        none.put("message", null);
                        return answer.status() == 403 ? new Html(200, "settings", none) : errorPage(503);
                    }
                    JsonObject p = answer.object();
                    Map<String, Object> data = new HashMap<>();
                    data.put("nav", "settings");
                    data.put("notAttendee", false);
                    data.put("language", shownLanguage(p, v.language()).tag());
                    data.put("emailOn", arr(p, "channels").contains("email"));
                    data.put("fullDetail", bool(p, "fullDetail"));
                    JsonObject quiet = p.getJsonObject("quietHours");
                    data.put("quietStart", quiet == null ? "" : quiet.getString("start", ""));
                    data.put("quietEnd", quiet == null ? "" : quiet.getString("end", ""));
                    data.put("emailAddress", bool(p, "emailVerified") ? p.getString("emailAddress") : null);
                    data.put("pendingEmail", p.getString("pendingEmailAddress"));
                    data.put("errors", errors);
                    data.put("message", message);
                    data.put("lineOffered", line);
                    return new Html(status, "settings", data);
                });
    }

    /**
     * The language her settings' radio shows: the one she chose, if notification says she chose one
     * ({@code languageChosen}), Japanese included; otherwise the language she is using, so that saving any other
     * setting from the English app keeps English instead of the default notification answers for her.
     */
    static Language shownLanguage(JsonObject preferences, Language using) {
        Language stored = Language.ofTag(preferences.getString("language"));
        return stored != null && bool(preferences, "languageChosen") ? stored : using;
    }

    private Uni<Result> saveSettings(Visit v, MultiMap form) {
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        Language language = Language.ofTag(form.get("language"));
        if (language == null) {
            language = v.language();
        }
        JsonArray channels = new JsonArray().add("in-app");
        if (form.get("email") != null) {
            channels.add("email");
        }
        JsonObject body = new JsonObject()
                .put("language", language.tag())
                .put("channels", channels)
                .put("fullDetail", "true".equals(form.get("fullDetail")));
        // a browser without a time picker gives a text field: "２２：００" is 22:00, "9:00" is 09:00
        String typedStart = TypedInput.plain(trimmed(form.get("quietStart"), 8));
        String typedEnd = TypedInput.plain(trimmed(form.get("quietEnd"), 8));
        String start = TypedInput.time(typedStart);
        String end = TypedInput.time(typedEnd);
        Map<String, String> errors = new HashMap<>();
        if (typedStart != null || typedEnd != null) {
            if (start == null || end == null || start.equals(end)) {
                errors.put(
                        "quiet",
                        language == Language.JA
                                ? "開始と終了を 22:00 のように、違う時刻で入力してください。"
                                : "Enter a start and an end like 22:00, not the same time.");
            } else {
                body.put(
                        "quietHours",
                        new JsonObject().put("start", start).put("end", end).put("zone", "Asia/Tokyo"));
            }
        }
        Visit chosen = new Visit(v.ctx(), language, v.identity(), v.token());
        v.ctx()
                .response()
                .addCookie(Cookie.cookie(Language.COOKIE, language.tag())
                        .setPath("/")
                        .setMaxAge(365L * 24 * 3600)
                        .setSecure(v.ctx().request().isSSL())
                        .setSameSite(CookieSameSite.LAX));
        if (!errors.isEmpty()) {
            return settings(chosen, errors, null, 422);
        }
        return services.put(
                        "notification",
                        "/api/notifications/preferences",
                        v.token(),
                        body,
                        v.ctx().request())
                .flatMap(answer -> {
                    if (answer.ok()) {
                        // e-mail on or off: the address Keycloak's reset may mail follows (docs/adr/0027)
                        Uni<?> copied = v.hasRole("attendee")
                                ? confirmedEmails.sync(subject(v))
                                : Uni.createFrom().voidItem();
                        return copied.replaceWith((Result) new Redirect("/app/settings?done=saved"));
                    }
                    Map<String, String> problems = new HashMap<>();
                    switch (answer.problem()) {
                        case "email-not-verified" ->
                            problems.put(
                                    "email",
                                    chosen.ja()
                                            ? "メールを選ぶ前に、下でアドレスを登録して確認コードを入力してください。"
                                            : "Add an address below and enter its code before choosing e-mail.");
                        case "invalid-quiet-hours" ->
                            problems.put(
                                    "quiet", chosen.ja() ? "開始と終了を 22:00 のように入力してください。" : "Enter times like 22:00.");
                        default -> {
                            return Uni.createFrom().item(errorPage(answer.status() >= 500 ? 503 : 500));
                        }
                    }
                    return settings(chosen, problems, null, 422);
                });
    }

    private Uni<Result> email(Visit v, MultiMap form) {
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        String address = trimmed(form.get("address"), 254);
        if (address == null || !address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            return settings(
                    v,
                    Map.of(
                            "address",
                            v.ja()
                                    ? "メールアドレスを name@example.jp のように入力してください。"
                                    : "Enter an e-mail address like name@example.com."),
                    null,
                    422);
        }
        return emailStep(
                v,
                "/api/notifications/preferences/email",
                "address",
                // the code mail is in this page's language if she never chose one
                new JsonObject()
                        .put("address", address)
                        .put("language", v.language().tag()),
                "codeSent");
    }

    private Uni<Result> verifyEmail(Visit v, MultiMap form) {
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        // "６３８２３８" or "638 238" from a phone keyboard is the same code
        String code = TypedInput.withoutSeparators(trimmed(form.get("code"), 20));
        if (code == null || !code.matches("[0-9]{6}")) {
            return settings(
                    v,
                    Map.of("code", v.ja() ? "メールに書かれた6桁の数字を入力してください。" : "Enter the 6 digits from the e-mail."),
                    null,
                    422);
        }
        // the page showed the consent wording in this language (issue #18): notification records it
        return services.post(
                        "notification",
                        "/api/notifications/preferences/email/verify",
                        v.token(),
                        new JsonObject()
                                .put("code", code)
                                .put("consentLanguage", v.language().tag()),
                        null,
                        v.ctx().request())
                .flatMap(answer -> answer.ok()
                        // the confirmed address becomes the one Keycloak's reset may mail (docs/adr/0027)
                        ? confirmedEmails.sync(subject(v)).replaceWith((Result)
                                new Redirect("/app/settings?done=verified"))
                        : settings(
                                v,
                                Map.of(
                                        "code",
                                        BookingForm.accountProblem(answer.problem(), answer.status(), v.language())),
                                null,
                                answer.status() == 429 ? 429 : 422));
    }

    /**
     * Copies her confirmed address to Keycloak again in case the copy after confirming failed (docs/adr/0027); in the
     * background, the page does not wait. Attendees only: staff accounts' addresses are set by admins.
     */
    private void retryConfirmedEmail(Visit v) {
        if (v.hasRole("attendee")) {
            confirmedEmails.sync(subject(v)).subscribe().with(ignored -> {});
        }
    }

    private static String subject(Visit v) {
        return v.identity() != null
                        && v.identity().getPrincipal() instanceof org.eclipse.microprofile.jwt.JsonWebToken jwt
                ? jwt.getSubject()
                : null;
    }

    /**
     * One step of setting her e-mail channel (send a code, confirm it): done, a redirect to the settings page that says
     * so (a reload sends nothing again); refused, the settings page with the problem next to the field.
     */
    private Uni<Result> emailStep(Visit v, String path, String field, JsonObject body, String doneText) {
        return services.post(
                        "notification", path, v.token(), body, null, v.ctx().request())
                .flatMap(answer -> answer.ok()
                        ? Uni.createFrom().item((Result) new Redirect("/app/settings?done=" + doneText))
                        : settings(
                                v,
                                Map.of(
                                        field,
                                        BookingForm.accountProblem(answer.problem(), answer.status(), v.language())),
                                null,
                                answer.status() == 429 ? 429 : 422));
    }
}
