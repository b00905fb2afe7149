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
import io.ibasho.gateway.web.Roles;
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
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A partner group's screens: the schedule of the venues linked to it (and what changed since her last visit, kept by
 * the event service per account; on her first visit, the last week), each venue's
 * calendar feed to subscribe to, and its webhook endpoints (create, rotate the secret, delete, the delivery log). Only
 * what the services give partners: sessions' public faces, never who booked.
 */
@ApplicationScoped
public class PartnerPages {
    /** "Changed recently" on her first visit: what a partner who looks in once a week has not seen yet. */
    static final int CHANGED_DAYS = 7;

    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    @Inject
    Clock clock;

    void routes(@Observes Router router) {
        router.get("/staff/partner")
                .order(900)
                .handler(ctx -> flow.page(ctx, true, partner(v -> schedule(v, null, null, 200))));
        router.post("/staff/partner/webhooks")
                .order(900)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, partner(v -> create(v, form)))));
        router.post("/staff/partner/feed/rotate")
                .order(900)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, partner(v -> rotateFeed(v, form)))));
        router.get("/staff/partner/webhooks/:id")
                .order(900)
                .handler(ctx -> flow.page(ctx, true, partner(this::deliveries)));
        router.post("/staff/partner/webhooks/:id/:action")
                .order(900)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, partner(v -> action(v, form)))));
    }

    static Function<Visit, Uni<Result>> partner(Function<Visit, Uni<Result>> page) {
        return v -> v.hasRole(Roles.PARTNER) ? page.apply(v) : Uni.createFrom().item(PageFlow.notAllowed());
    }

    private Uni<Result> schedule(Visit v, String secret, String webhookError, int status) {
        return schedule(v, secret, webhookError, null, status);
    }

    /**
     * A new URL for the group's private feed (its venues of its organisation, changes included), shown once; the old
     * URL stops working, which is what she wants when it leaked.
     */
    private Uni<Result> rotateFeed(Visit v, MultiMap form) {
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        return services.post(
                        "event",
                        "/api/events/partner/feed/rotate",
                        v.token(),
                        null,
                        null,
                        v.ctx().request())
                .flatMap(answer -> answer.ok()
                        ? schedule(v, null, null, origin(v) + answer.object().getString("url"), 200)
                        : Uni.createFrom().item(errorPage(answer.status() == 403 ? 403 : 503)));
    }

    private Uni<Result> schedule(Visit v, String secret, String webhookError, String groupFeed, int status) {
        // her visit is recorded by the event service (never in her browser); reloads within a visit answer the same
        return services.postNotRateLimited("event", "/api/events/partner/visits", v.token(), null)
                .map(answer -> answer.ok() ? PageFlow.time(answer.object().getString("previousVisitAt")) : null)
                .onFailure()
                .recoverWithNull()
                .flatMap(lastVisit -> schedule(v, secret, webhookError, groupFeed, status, lastVisit));
    }

    /** Where "what changed" starts: her last visit, or the last week on her first (or when it is not known). */
    static OffsetDateTime changedSince(OffsetDateTime lastVisit, OffsetDateTime now) {
        return lastVisit != null ? lastVisit : now.minusDays(CHANGED_DAYS);
    }

    private Uni<Result> schedule(
            Visit v, String secret, String webhookError, String groupFeed, int status, OffsetDateTime lastVisit) {
        String since = changedSince(lastVisit, OffsetDateTime.now(clock))
                .truncatedTo(ChronoUnit.SECONDS)
                .withOffsetSameInstant(ZoneOffset.UTC)
                .toString();
        Uni<ServiceCalls.Answer> venues = services.get("event", "/api/events/partner/venues", v.token());
        Uni<ServiceCalls.Answer> upcoming = services.get("event", "/api/events/partner/sessions", v.token());
        Uni<ServiceCalls.Answer> changed =
                services.get("event", "/api/events/partner/sessions?changedSince=" + PageFlow.enc(since), v.token());
        Uni<ServiceCalls.Answer> hooks = services.get("notification", "/api/notifications/webhooks", v.token());
        Uni<ServiceCalls.Answer> followable =
                services.get("notification", "/api/notifications/webhooks/venues", v.token());
        return Uni.combine()
                .all()
                .unis(venues, upcoming, changed, hooks, followable)
                .asTuple()
                .map(all -> {
                    if (!all.getItem1().ok() || !all.getItem2().ok()) {
                        return errorPage(all.getItem1().status() == 403 ? 403 : 503);
                    }
                    String origin = origin(v);
                    List<StaffViews.PartnerVenue> venueViews = new ArrayList<>();
                    for (Object o : all.getItem1().array()) {
                        if (o instanceof JsonObject venue) {
                            String name = v.language() == Language.EN && venue.getString("nameEn") != null
                                    ? venue.getString("nameEn")
                                    : venue.getString("nameJa", "");
                            venueViews.add(new StaffViews.PartnerVenue(
                                    venue.getString("id"),
                                    name,
                                    partnerArea(venue, v.language()),
                                    origin + "/api/events/feeds/venues/" + venue.getString("id") + ".ics"));
                        }
                    }
                    Map<String, Object> data = new HashMap<>();
                    data.put("nav", "staff-partner");
                    data.put("st", StaffText.of(v.language()));
                    data.put("vt", VenueText.of(v.language()));
                    data.put("venues", venueViews);
                    data.put(
                            "changedHeading",
                            lastVisit == null
                                    ? StaffText.of(v.language()).get("changedRecently")
                                    : (v.ja()
                                            ? "前回ご覧になった時（" + Wording.when(lastVisit, null, v.language()) + "）からの変更"
                                            : "Changed since your last visit ("
                                                    + Wording.when(lastVisit, null, v.language()) + ")"));
                    data.put(
                            "noChanges",
                            lastVisit == null
                                    ? StaffText.of(v.language()).get("noChanges")
                                    : (v.ja() ? "前回ご覧になった時からの変更はありません。" : "Nothing changed since your last visit."));
                    data.put("upcoming", scheduleLines(all.getItem2().array(), v.language()));
                    data.put(
                            "changed",
                            all.getItem3().ok() ? scheduleLines(all.getItem3().array(), v.language()) : List.of());
                    data.put(
                            "webhooks",
                            webhooks(all.getItem4().ok() ? all.getItem4().array() : new JsonArray(), venueViews));
                    WebhookVenues follow = WebhookVenues.of(
                            venueViews, all.getItem5().ok() ? all.getItem5().array() : null);
                    data.put("followVenues", follow.offered());
                    data.put("notYetFollowable", follow.notYetSentence(v.language()));
                    data.put("secret", secret);
                    data.put("groupFeed", groupFeed);
                    data.put("webhookError", webhookError);
                    return (Result) new Html(status, "staff/partner", data);
                });
    }

    private Uni<Result> create(Visit v, MultiMap form) {
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        String url = form.get("url") == null ? "" : form.get("url").strip();
        List<String> venues = form.getAll("venueId").stream()
                .filter(id -> uuid(id) != null)
                .distinct()
                .toList();
        boolean ja = v.ja();
        if (!url.startsWith("https://") || url.length() > 2000) {
            return schedule(v, null, ja ? "https:// で始まるURLを入力してください。" : "Enter a URL starting with https://.", 422);
        }
        if (venues.isEmpty()) {
            return schedule(v, null, ja ? "知らせてほしい会場を1つ以上選んでください。" : "Choose at least one venue.", 422);
        }
        return services.post(
                        "notification",
                        "/api/notifications/webhooks",
                        v.token(),
                        new JsonObject().put("url", url).put("venueIds", new JsonArray(venues)),
                        null,
                        v.ctx().request())
                .flatMap(answer -> answer.ok()
                        ? schedule(v, answer.object().getString("secret"), null, 201)
                        : schedule(v, null, problem(answer, ja), answer.status() >= 500 ? 503 : 422));
    }

    private Uni<Result> action(Visit v, MultiMap form) {
        UUID id = uuid(v.ctx().pathParam("id"));
        String action = v.ctx().pathParam("action");
        if (id == null || !List.of("rotate", "delete").contains(action)) {
            return Uni.createFrom().item(errorPage(404));
        }
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        String path = "/api/notifications/webhooks/" + id;
        Uni<ServiceCalls.Answer> sent = "rotate".equals(action)
                ? services.post(
                        "notification",
                        path + "/rotate",
                        v.token(),
                        null,
                        null,
                        v.ctx().request())
                : services.delete("notification", path, v.token(), v.ctx().request());
        return sent.flatMap(answer -> {
            if (answer.status() == 404) {
                return Uni.createFrom().item(errorPage(404));
            }
            if (!answer.ok()) {
                return schedule(v, null, problem(answer, v.ja()), answer.status() >= 500 ? 503 : 422);
            }
            return "rotate".equals(action)
                    ? schedule(v, answer.object().getString("secret"), null, 200)
                    : Uni.createFrom().item(new Redirect("/staff/partner#webhooks"));
        });
    }

    private Uni<Result> deliveries(Visit v) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        return services.get("notification", "/api/notifications/webhooks/" + id + "/deliveries", v.token())
                .map(answer -> {
                    if (!answer.ok()) {
                        return errorPage(answer.status() == 404 ? 404 : answer.status() == 403 ? 403 : 503);
                    }
                    List<StaffViews.Delivery> lines = new ArrayList<>();
                    for (Object o : answer.array()) {
                        if (o instanceof JsonObject d) {
                            lines.add(new StaffViews.Delivery(
                                    deliveryType(d.getString("type", ""), v.language()),
                                    deliveryState(d.getString("status"), v.language()),
                                    d.getInteger("attempts", 0),
                                    d.getValue("lastStatusCode") == null
                                            ? ""
                                            : String.valueOf(d.getValue("lastStatusCode")),
                                    when(d.getString("createdAt"), v.language())));
                        }
                    }
                    Map<String, Object> data = new HashMap<>();
                    data.put("nav", "staff-partner");
                    data.put("st", StaffText.of(v.language()));
                    data.put("deliveries", lines);
                    return (Result) new Html(200, "staff/deliveries", data);
                });
    }

    static List<StaffViews.ScheduleLine> scheduleLines(JsonArray sessions, Language language) {
        List<StaffViews.ScheduleLine> lines = new ArrayList<>();
        for (Object o : sessions) {
            if (o instanceof JsonObject s) {
                StaffViews.SessionRow row = StaffViews.row(s, language);
                lines.add(new StaffViews.ScheduleLine(
                        row.id(),
                        row.title(),
                        row.when(),
                        row.venue(),
                        row.status(),
                        row.state(),
                        when(s.getString("updatedAt"), language)));
            }
        }
        return lines;
    }

    private static List<StaffViews.Webhook> webhooks(JsonArray endpoints, List<StaffViews.PartnerVenue> venues) {
        Map<String, String> names = new HashMap<>();
        venues.forEach(venue -> names.put(venue.id(), venue.name()));
        List<StaffViews.Webhook> hooks = new ArrayList<>();
        for (Object o : endpoints) {
            if (o instanceof JsonObject e) {
                List<String> followed = new ArrayList<>();
                for (Object id : e.getJsonArray("venueIds", new JsonArray())) {
                    followed.add(names.getOrDefault(String.valueOf(id), String.valueOf(id)));
                }
                hooks.add(
                        new StaffViews.Webhook(e.getString("id"), e.getString("url", ""), String.join("、", followed)));
            }
        }
        return hooks;
    }

    private static String when(String iso, Language language) {
        OffsetDateTime at = PageFlow.time(iso);
        return at == null ? "" : Wording.when(at, null, language);
    }

    private static String origin(Visit v) {
        var request = v.ctx().request();
        String host =
                request.authority() == null ? "localhost" : request.authority().toString();
        return (request.isSSL() ? "https://" : "http://") + host;
    }

    /**
     * The venues the webhook form offers: exactly those the notification service accepts now. It learns a venue's
     * partner groups when the organiser saves the venue, a moment after the event service does, so a venue just linked
     * may be listed above before it can be followed; it is named instead of ticked. When the service cannot say
     * ({@code acceptedIds} null), every venue is offered and its refusal, if any, says the rest.
     */
    record WebhookVenues(List<StaffViews.PartnerVenue> offered, List<StaffViews.PartnerVenue> notYet) {
        static WebhookVenues of(List<StaffViews.PartnerVenue> venues, JsonArray acceptedIds) {
            if (acceptedIds == null) {
                return new WebhookVenues(venues, List.of());
            }
            List<StaffViews.PartnerVenue> offered = new ArrayList<>();
            List<StaffViews.PartnerVenue> notYet = new ArrayList<>();
            venues.forEach(venue -> (acceptedIds.contains(venue.id()) ? offered : notYet).add(venue));
            return new WebhookVenues(offered, notYet);
        }

        /** Null when every venue can be followed. */
        String notYetSentence(Language language) {
            if (notYet.isEmpty()) {
                return null;
            }
            String names = language == Language.EN
                    ? String.join(
                            ", ",
                            notYet.stream().map(StaffViews.PartnerVenue::name).toList())
                    : String.join(
                            "、",
                            notYet.stream()
                                    .map(venue -> "「" + venue.name() + "」")
                                    .toList());
            return language == Language.EN
                    ? names + ": not ready to choose yet. A venue can be chosen shortly after the organiser saves it;"
                            + " please reload the page in a moment."
                    : names + "は、まだ選べません。主催者が会場を保存してから少したつと選べるようになります。少し待ってから、ページを開き直してください。";
        }
    }

    /** The venue's area as the partner's page shows it: in her language, the Japanese where no English was given. */
    static String partnerArea(JsonObject venue, Language language) {
        String area = Wording.area(venue.getString("area"), venue.getString("areaEn"), language);
        return area == null ? "" : area;
    }

    static String problem(ServiceCalls.Answer answer, boolean ja) {
        return StaffProblems.say(StaffProblems.WEBHOOKS, answer, ja ? Language.JA : Language.EN);
    }

    /** A delivery's kind in words, with the webhook type her group's system receives beside it. */
    static String deliveryType(String type, Language language) {
        boolean ja = language == Language.JA;
        String words = switch (type) {
            case "session.published" -> ja ? "開催の公開" : "Session published";
            case "session.changed" -> ja ? "開催の変更" : "Session changed";
            case "session.cancelled" -> ja ? "開催の中止" : "Session cancelled";
            default -> null;
        };
        return words == null ? type : words + (ja ? "（" + type + "）" : " (" + type + ")");
    }

    /** A delivery's state in words (notification's PENDING, DELIVERED, DEAD). */
    static String deliveryState(String status, Language language) {
        boolean ja = language == Language.JA;
        return switch (status == null ? "" : status) {
            case "PENDING" -> ja ? "送信待ち（届くまで送り直します）" : "Waiting to be sent (retried until it arrives)";
            case "DELIVERED" -> ja ? "届きました" : "Delivered";
            case "DEAD" -> ja ? "届きませんでした（送り直しを終えました）" : "Not delivered (retries ended)";
            default -> ja ? "不明" : "Unknown";
        };
    }
}
