package io.ibasho.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The objects and bodies the rows of authorization-matrix.csv name, made by their rightful owners (organiser1 for
 * organisation hinata, hana for her bookings, the partner client for tsubomi's webhooks) with their own tokens,
 * directly at the owning service: making the objects is not what the matrix checks (every checked call goes through
 * the gateway and directly), and the gateway's abuse limits on bookings and partner writes would make the run wait for
 * minutes. Objects without "fresh-" are made once and shared by every call; "fresh-" ones are made anew for every
 * single call, for requests that change or use them up (publish, cancel, delete, draw, apply). Safe for the matrix's
 * concurrent callers: a shared object is made once however many ask for it at the same time.
 */
final class MatrixObjects {
    /** What fills a path: parameter name to value, "*" for every parameter not named. */
    record Made(Map<String, String> parameters) {
        static Made of(String value) {
            return new Made(Map.of("*", value));
        }
    }

    /** A partner group nobody rotates in the matrix, so that its feed token stays valid for the whole run. */
    static final String FEED_GROUP = "matrix-feed";
    /** A public address literal, so that the webhook destination check needs no DNS (deliveries will simply fail). */
    static final String WEBHOOK_URL = "https://93.184.216.34/ibasho-matrix-hook";

    /**
     * Between two tries while a service has not yet heard of an object over Kafka (tens of milliseconds, the relay
     * woken by the commit, ADR 0032): 250 ms mostly slept after it had arrived, for every fresh object of every call.
     */
    private static final long RETRY_PAUSE_MS = 50;

    /** Threads for making shared objects (each may wait on Kafka for a while; never the common pool). */
    private static final java.util.concurrent.ExecutorService MAKERS =
            java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "matrix-objects");
                thread.setDaemon(true);
                return thread;
            });

    private final SecurityStack stack;
    private final Map<String, java.util.concurrent.CompletableFuture<Made>> shared =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, RuntimeException> failed = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.CompletableFuture<Object>> sharedBodies =
            new java.util.concurrent.ConcurrentHashMap<>();

    MatrixObjects(SecurityStack stack) {
        this.stack = stack;
    }

    /** A token of the caller, renewed well before the realm's 5-minute lifespan ends (a matrix run takes longer). */
    String token(String caller) {
        // Tokens caches every token itself and never hands out one about to expire; a second cache here once served
        // carer1 an expired token (401s where the matrix says 403)
        return stack.tokenOf(caller);
    }

    /** The object of that kind, or null for a kind this class does not know. */
    Made make(String kind) {
        String base = kind.startsWith("fresh-") ? kind.substring("fresh-".length()) : kind;
        if (failed.containsKey(base)) {
            throw new IllegalStateException("could not make " + base + " (see its first failure)", failed.get(base));
        }
        if (!base.equals(kind)) {
            try {
                return create(base);
            } catch (RuntimeException | AssertionError e) {
                failed.put(base, e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e));
                throw e;
            }
        }
        // made once, by whoever asks first; the others wait for it. A failure is remembered with the object, so that a
        // broken object costs one attempt, not one per call.
        return join(
                shared.computeIfAbsent(
                        kind,
                        k -> java.util.concurrent.CompletableFuture.supplyAsync(
                                () -> {
                                    try {
                                        return create(k);
                                    } catch (AssertionError e) {
                                        throw new IllegalStateException(e.getMessage(), e);
                                    }
                                },
                                MAKERS)),
                kind);
    }

    /** Starts making the shared objects of these kinds side by side (the slow ones wait on Kafka), without waiting. */
    void prepare(java.util.Collection<String> kinds) {
        kinds.stream()
                .filter(k -> !k.startsWith("fresh-") && !k.equals("-") && !k.equals("unknown"))
                .forEach(k -> java.util.concurrent.CompletableFuture.runAsync(
                        () -> {
                            try {
                                make(k);
                            } catch (RuntimeException e) {
                                // remembered with the object: the rows that use it report it
                            }
                        },
                        MAKERS));
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> future, String kind) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new IllegalStateException("could not make " + kind + ": " + e.getCause(), e.getCause());
        }
    }

    private Made create(String kind) {
        return switch (kind) {
            case "published" -> Made.of(newSession(sessionBody("cafe", 50, "FIRST_COME"), true));
            case "draft" -> Made.of(newSession(sessionBody("cafe", 50, "FIRST_COME"), false));
            case "started" -> startedSession();
            case "venue" -> Made.of(newVenue());
            case "linked-venue" -> Made.of(newLinkedVenue());
            case "series" -> Made.of(newSeries());
            case "series-day" ->
                new Made(Map.of("id", newSeries(), "from", seriesSecondDay().toString()));
            case "lottery" -> Made.of(newSession(lotteryBody(), true));
            case "drawn-lottery" -> drawnLottery();
            case "full" -> fullSession();
            case "hana-booking" -> hanaBooking();
            case "door-day" -> Made.of(newSession(doorDaySessionBody(), true));
            case "door-day-booking" -> doorDayBooking();
            case "webhook" -> Made.of(newWebhook());
            case "group" -> Made.of("tsubomi");
            case "feed-token" -> Made.of(feedToken());
            case "year" -> Made.of("2026");
            case "talk-request" -> Made.of(talkRequest("hinata"));
            case "minato-talk-request" -> Made.of(talkRequest("minato"));
            default -> null;
        };
    }

    /** The request body of that kind ("-" none), or null for a kind this class does not know. */
    Object body(String kind) {
        return switch (kind) {
            case "-" -> null;
            case "session" -> sessionBody("cafe", 50, "FIRST_COME");
            case "booking", "application" -> Map.of("nickname", "マトリクス");
            case "venue" -> venueBody();
            case "series" -> seriesBody();
            case "series-from" -> seriesFromBody();
            case "reason" -> Map.of("reason", "VENUE");
            // an empty JSON object: a caller who is let in is told which required fields are missing (400)
            case "empty" -> Map.of();
            // sent through the gateway and directly: a second ATTENDED is refused (already-checked-in), NO_SHOW repeats
            case "attendance" -> Map.of("attendance", "NO_SHOW");
            case "drop-ins" -> Map.of("count", 1);
            case "targets" -> Map.of("targets", Map.of("participants", 400));
            // a well-formed token that names no invitation (the token travels in the body, never in a URL)
            case "survey-answer" ->
                Map.of("token", UUID.randomUUID().toString().replace("-", ""), "satisfaction", 5, "comeAgain", true);
            case "survey-questions" ->
                Map.of("questions", List.of(Map.of("key", "feltSafe", "textJa", "安心して過ごせましたか", "kind", "YES_NO")));
            case "care-notes" ->
                Map.of("children", List.of(Map.of("position", 1, "careNotes", "卵アレルギー")), "consentLanguage", "ja");
            case "drop-in-unknown" ->
                Map.of("sessionId", UUID.randomUUID().toString(), "children", List.of(Map.of("ageYears", 2)));
            case "preferences" -> Map.of("language", "ja", "channels", List.of("in-app"), "fullDetail", false);
            case "email" -> Map.of("address", "matrix@example.invalid");
            case "code" -> Map.of("code", "000000");
            // never "ERASE": the matrix checks who may ask, and must not delete hana's or mei's account
            case "unconfirmed-erasure" -> Map.of("confirm", "no");
            case "partner-contact" -> Map.of("language", "ja", "weeklyDigest", false);
            // the national line the demo lists too, so the stack's help page keeps a line whoever saved last
            case "talk-organisation" ->
                Map.of("nameJa", "ひなたの会", "nameEn", "Hinata Women's Network", "accepting", true);
            case "support-lines" -> Map.of("lines", List.of(Map.of("nameJa", "DV相談ナビ", "phone", "#8008")));
            case "webhook" ->
                Map.of(
                        "url",
                        WEBHOOK_URL,
                        "venueIds",
                        List.of(make("linked-venue").parameters().get("*")));
            case "published-draw" ->
                join(
                        sharedBodies.computeIfAbsent(
                                kind,
                                k -> java.util.concurrent.CompletableFuture.supplyAsync(this::publishedDraw, MAKERS)),
                        kind);
            default -> null;
        };
    }

    static Map<String, Object> sessionBody(String kind, int capacity, String allocation) {
        OffsetDateTime start = SessionBody.inDays(21, 10);
        SessionBody body = SessionBody.of(kind, "権限テストのカフェ", start, Duration.ofHours(2), capacity, allocation);
        if (kind.equals("workshop")) {
            // applications are open now and close the day before
            body.applicationsOpenUntil(start.minusDays(1));
        }
        return body.build();
    }

    /**
     * A café starting within the hour: registration takes check-ins and drop-ins on the session's day only, so the rows
     * that check who may record them at the door need a session whose door is open.
     */
    static Map<String, Object> doorDaySessionBody() {
        return SessionBody.of(
                        "cafe", "権限テストの当日のカフェ", SessionBody.withinTheHour(), Duration.ofHours(2), 50, "FIRST_COME")
                .build();
    }

    private static Map<String, Object> lotteryBody() {
        return sessionBody("workshop", 10, "LOTTERY");
    }

    private static Map<String, Object> venueBody() {
        return Map.of(
                "nameJa",
                "権限テストの会場",
                "area",
                "港区",
                "capacityCeiling",
                60,
                "canHostChildcare",
                true,
                "addressVisibility",
                "NEVER",
                "partnerGroups",
                List.of("tsubomi"));
    }

    /** The second date of a series made of seriesBody (weekly): where a change "from a date on" starts. */
    private static java.time.LocalDate seriesSecondDay() {
        return java.time.LocalDate.parse(((String) seriesBody().get("firstStart")).substring(0, 10))
                .plusWeeks(1);
    }

    /** seriesBody changed from its second date on: an hour later, once. */
    private static Map<String, Object> seriesFromBody() {
        Map<String, Object> body = new java.util.HashMap<>(seriesBody());
        body.put("firstStart", seriesSecondDay().atTime(14, 30).toString());
        body.put("count", 1);
        return body;
    }

    private static Map<String, Object> seriesBody() {
        LocalDateTime first = LocalDateTime.now(ZoneOffset.ofHours(9))
                .plusDays(30)
                .withHour(13)
                .withMinute(30)
                .withSecond(0)
                .withNano(0);
        return Map.of(
                "rrule",
                "FREQ=WEEKLY",
                "firstStart",
                first.toString(),
                "durationMinutes",
                120,
                "count",
                2,
                "kind",
                "cafe",
                "titleJa",
                "権限テストの定例カフェ",
                "capacity",
                20,
                "allocation",
                "FIRST_COME");
    }

    /** The owning service's own address for a path under /api (objects are made there, not through the gateway). */
    private String at(String path) {
        String service = path.startsWith("/api/events/")
                ? "event"
                : path.startsWith("/api/registrations/")
                        ? "registration"
                        : path.startsWith("/api/childcare/")
                                ? "childcare-booking"
                                : path.startsWith("/api/notifications/") ? "notification" : null;
        if (service == null) {
            throw new IllegalArgumentException("no service for " + path);
        }
        return stack.direct(service);
    }

    private String newSession(Map<String, Object> body, boolean published) {
        String token = token("organiser1");
        String id = given().baseUri(at("/api/events/sessions"))
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/events/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        if (published) {
            given().baseUri(at("/api/events/sessions"))
                    .auth()
                    .oauth2(token)
                    .post("/api/events/sessions/" + id + "/publish")
                    .then()
                    .statusCode(200);
        }
        return id;
    }

    /**
     * A hinata venue linked to partner group tsubomi. Notification learns venue links only from published sessions'
     * {@code venuePartnerGroups}, so a session is published there and the venue is ready once tsubomi may follow it.
     */
    private String newVenue() {
        return given().baseUri(at("/api/events/venues"))
                .auth()
                .oauth2(token("organiser1"))
                .contentType(ContentType.JSON)
                .body(venueBody())
                .post("/api/events/venues")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private String newLinkedVenue() {
        String venueId = given().baseUri(at("/api/events/venues"))
                .auth()
                .oauth2(token("organiser1"))
                .contentType(ContentType.JSON)
                .body(venueBody())
                .post("/api/events/venues")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Map<String, Object> atTheVenue = new LinkedHashMap<>(sessionBody("cafe", 50, "FIRST_COME"));
        atTheVenue.put("venueId", venueId);
        newSession(atTheVenue, true);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
        while (true) {
            var answer = given().baseUri(at("/api/notifications/webhooks"))
                    .auth()
                    .oauth2(token("partner-tsubomi"))
                    .contentType(ContentType.JSON)
                    .body(Map.of("url", WEBHOOK_URL, "venueIds", List.of(venueId)))
                    .post("/api/notifications/webhooks");
            if (answer.statusCode() == 201) {
                given().baseUri(at("/api/notifications/webhooks"))
                        .auth()
                        .oauth2(token("partner-tsubomi"))
                        .delete("/api/notifications/webhooks/" + answer.path("id"))
                        .then()
                        .statusCode(204);
                return venueId;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("notification never learned that venue " + venueId
                        + " is linked to tsubomi: " + answer.statusCode() + " " + answer.asString());
            }
            try {
                Thread.sleep(RETRY_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private String newSeries() {
        return given().baseUri(at("/api/events/series"))
                .auth()
                .oauth2(token("organiser1"))
                .contentType(ContentType.JSON)
                .body(seriesBody())
                .post("/api/events/series")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** hana's request to talk to an organisation's consultation staff (hinata's consult1 reads only hinata's). */
    private String talkRequest(String organisation) {
        // the organisation must read requests now: consult1 says so for hinata, as the matrix's own PUT row does, so
        // that the request does not depend on a journey having described hinata before this class ran
        if ("hinata".equals(organisation)) {
            describeHinataAsReading();
        }
        return untilCreated(
                "hana",
                "/api/notifications/talk-requests",
                Map.of("organisationId", organisation, "channel", "in-app", "timeWindow", "weekday-evening"));
    }

    private void describeHinataAsReading() {
        given().baseUri(at("/api/notifications/consultation/organisation"))
                .auth()
                .oauth2(token("consult1"))
                .contentType(ContentType.JSON)
                .body(body("talk-organisation"))
                .put("/api/notifications/consultation/organisation")
                .then()
                .statusCode(200);
    }

    private String newWebhook() {
        return untilCreated("partner-tsubomi", "/api/notifications/webhooks", body("webhook"));
    }

    private String feedToken() {
        String url = given().baseUri(at("/api/events/feeds"))
                .auth()
                .oauth2(token("organiser1"))
                .post("/api/events/feeds/partner-groups/" + FEED_GROUP + "/rotate")
                .then()
                .statusCode(200)
                .extract()
                .path("url");
        return url.substring(url.lastIndexOf('/') + 1, url.length() - ".ics".length());
    }

    /** hana's confirmed booking of a published hinata session: {sessionId} is the session, every other parameter her registration. */
    private Made hanaBooking() {
        String session = newSession(sessionBody("cafe", 50, "FIRST_COME"), true);
        String registration = untilCreated(
                "hana", "/api/registrations/sessions/" + session + "/bookings", Map.of("nickname", "マトリクス"));
        return new Made(Map.of("sessionId", session, "*", registration));
    }

    /** hana's confirmed booking of a door-day session: {sessionId} is the session, every other parameter her registration. */
    private Made doorDayBooking() {
        String session = newSession(doorDaySessionBody(), true);
        String registration = untilCreated(
                "hana", "/api/registrations/sessions/" + session + "/bookings", Map.of("nickname", "マトリクス"));
        return new Made(Map.of("sessionId", session, "*", registration));
    }

    /** A hinata session with one seat, taken by mei: hana can join the waitlist, mei already holds the seat. */
    private Made fullSession() {
        String session = newSession(sessionBody("cafe", 1, "FIRST_COME"), true);
        untilCreated("mei", "/api/registrations/sessions/" + session + "/bookings", Map.of("nickname", "マトリクス"));
        return Made.of(session);
    }

    /**
     * A hinata lottery hana applied to, drawn by organiser1: its published draw is there for anyone to recompute. A
     * lottery is drawn only once its applications have closed, and an open lottery's deadline can only move later
     * (ADR 0078), so its deadline is brought to now in the databases, as if that time had come, instead of the test
     * waiting for a deadline on the wall clock.
     */
    /** A published session that began an hour ago: only such a one can be marked as taken place. */
    private Made startedSession() {
        String session = newSession(sessionBody("cafe", 50, "FIRST_COME"), true);
        new StackAttendees(stack).startedAnHourAgo(session);
        return Made.of(session);
    }

    private Made drawnLottery() {
        Map<String, Object> body = lotteryBody();
        String session = newSession(body, true);
        untilCreated("hana", "/api/registrations/sessions/" + session + "/applications", Map.of("nickname", "マトリクス"));
        new StackAttendees(stack)
                .lotteryClosesAt(session, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
        // 409 already-drawn when registration's scheduler was quicker, which is the same draw
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(RETRY_PAUSE_MS))
                .until(() -> {
                    Response drawn = given().baseUri(at("/api/registrations/sessions"))
                            .auth()
                            .oauth2(token("organiser1"))
                            .post("/api/registrations/sessions/" + session + "/lottery/draw");
                    return drawn.statusCode() == 200
                            || drawn.statusCode() == 409 && !drawn.asString().contains("applications-still-open");
                });
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(RETRY_PAUSE_MS))
                .until(() -> given().baseUri(at("/api/registrations/sessions"))
                                .auth()
                                .oauth2(token("hana"))
                                .get("/api/registrations/sessions/" + session + "/lottery/published")
                                .statusCode()
                        == 200);
        return Made.of(session);
    }

    private String publishedDraw() {
        String session = make("drawn-lottery").parameters().get("*");
        return given().baseUri(at("/api/registrations/sessions"))
                .auth()
                .oauth2(token("hana"))
                .get("/api/registrations/sessions/" + session + "/lottery/published")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /** Posts until 201: registration learns sessions over Kafka, so the first tries may be 404. */
    private String untilCreated(String caller, String path, Object body) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            Response response = given().baseUri(at(path))
                    .auth()
                    .oauth2(token(caller))
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post(path);
            if (response.statusCode() == 201) {
                return response.path("id");
            }
            if (System.nanoTime() > deadline || response.statusCode() != 404) {
                throw new IllegalStateException(
                        "POST " + path + " as " + caller + ": " + response.statusCode() + " " + response.asString());
            }
            try {
                Thread.sleep(RETRY_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
