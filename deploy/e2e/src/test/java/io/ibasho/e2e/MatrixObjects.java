package io.ibasho.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The objects and bodies the rows of authorization-matrix.csv name, made through the gateway by their rightful owners
 * (organiser1 for organisation hinata, hana for her bookings, the partner client for tsubomi's webhooks). Objects
 * without "fresh-" are made once and shared by every call; "fresh-" ones are made anew for every single call, for
 * requests that change or use them up (publish, cancel, delete, draw, apply).
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

    private final SecurityStack stack;
    private final Map<String, Made> shared = new java.util.HashMap<>();
    private final Map<String, RuntimeException> failed = new java.util.HashMap<>();
    private final Map<String, Object> sharedBodies = new java.util.HashMap<>();

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
        if (failed.containsKey(kind)) {
            throw new IllegalStateException("could not make " + kind + " (see its first failure)", failed.get(kind));
        }
        Made made = shared.get(kind);
        if (made == null) {
            try {
                made = create(kind);
            } catch (RuntimeException | AssertionError e) {
                // remembered, so that a broken object costs one attempt, not one per call
                failed.put(kind, e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e));
                throw e;
            }
            if (made != null) {
                shared.put(kind, made);
            }
        }
        return made;
    }

    private Made create(String kind) {
        return switch (kind) {
            case "published" -> Made.of(newSession(sessionBody("cafe", 50, "FIRST_COME"), true));
            case "draft" -> Made.of(newSession(sessionBody("cafe", 50, "FIRST_COME"), false));
            case "venue" -> Made.of(newVenue());
            case "linked-venue" -> Made.of(newLinkedVenue());
            case "series" -> Made.of(newSeries());
            case "lottery" -> Made.of(newSession(lotteryBody(), true));
            case "drawn-lottery" -> drawnLottery();
            case "full" -> fullSession();
            case "hana-booking" -> hanaBooking();
            case "webhook" -> Made.of(newWebhook());
            case "group" -> Made.of("tsubomi");
            case "feed-token" -> Made.of(feedToken());
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
            case "reason" -> Map.of("reason", "会場の都合で中止になりました");
            case "attendance" -> Map.of("attendance", "ATTENDED");
            case "drop-ins" -> Map.of("count", 1);
            case "care-notes" -> Map.of("children", List.of(Map.of("position", 1, "careNotes", "卵アレルギー")));
            case "preferences" -> Map.of("language", "ja", "channels", List.of("in-app"), "fullDetail", false);
            case "email" -> Map.of("address", "matrix@example.invalid");
            case "code" -> Map.of("code", "000000");
            case "partner-contact" -> Map.of("language", "ja", "weeklyDigest", false);
            case "webhook" -> Map.of("url", WEBHOOK_URL, "venueIds", List.of(make("linked-venue").parameters().get("*")));
            case "published-draw" -> {
                if (!sharedBodies.containsKey(kind)) {
                    sharedBodies.put(kind, publishedDraw());
                }
                yield sharedBodies.get(kind);
            }
            default -> null;
        };
    }

    static Map<String, Object> sessionBody(String kind, int capacity, String allocation) {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(9)).plusDays(21).withHour(10).withMinute(0).withSecond(0).withNano(0);
        Map<String, Object> body = new LinkedHashMap<>(Map.of("kind", kind, "titleJa", "権限テストのカフェ", "startsAt", start.toString(),
                "endsAt", start.plusHours(2).toString(), "capacity", capacity, "allocation", allocation));
        if (kind.equals("workshop")) {
            // applications are open now and close the day before
            body.put("applicationOpensAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS).toString());
            body.put("applicationClosesAt", start.minusDays(1).toString());
        }
        return body;
    }

    private static Map<String, Object> lotteryBody() {
        return sessionBody("workshop", 10, "LOTTERY");
    }

    private static Map<String, Object> venueBody() {
        return Map.of("nameJa", "権限テストの会場", "area", "港区", "capacityCeiling", 60, "canHostChildcare", true,
                "addressVisibility", "NEVER", "partnerGroups", List.of("tsubomi"));
    }

    private static Map<String, Object> seriesBody() {
        LocalDateTime first = LocalDateTime.now(ZoneOffset.ofHours(9)).plusDays(30).withHour(13).withMinute(30).withSecond(0).withNano(0);
        return Map.of("rrule", "FREQ=WEEKLY", "firstStart", first.toString(), "durationMinutes", 120, "count", 2,
                "kind", "cafe", "titleJa", "権限テストの定例カフェ", "capacity", 20, "allocation", "FIRST_COME");
    }

    private String newSession(Map<String, Object> body, boolean published) {
        String token = token("organiser1");
        String id = given().baseUri(stack.gateway).auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/events/sessions").then().statusCode(201).extract().path("id");
        if (published) {
            given().baseUri(stack.gateway).auth().oauth2(token).post("/api/events/sessions/" + id + "/publish").then().statusCode(200);
        }
        return id;
    }

    /**
     * A hinata venue linked to partner group tsubomi. Notification learns venue links only from published sessions'
     * {@code venuePartnerGroups}, so a session is published there and the venue is ready once tsubomi may follow it.
     */
    private String newVenue() {
        return given().baseUri(stack.gateway).auth().oauth2(token("organiser1")).contentType(ContentType.JSON).body(venueBody())
                .post("/api/events/venues").then().statusCode(201).extract().path("id");
    }

    private String newLinkedVenue() {
        String venueId = given().baseUri(stack.gateway).auth().oauth2(token("organiser1")).contentType(ContentType.JSON).body(venueBody())
                .post("/api/events/venues").then().statusCode(201).extract().path("id");
        Map<String, Object> atTheVenue = new LinkedHashMap<>(sessionBody("cafe", 50, "FIRST_COME"));
        atTheVenue.put("venueId", venueId);
        newSession(atTheVenue, true);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
        while (true) {
            var answer = given().baseUri(stack.gateway).auth().oauth2(token("partner-tsubomi")).contentType(ContentType.JSON)
                    .body(Map.of("url", WEBHOOK_URL, "venueIds", List.of(venueId))).post("/api/notifications/webhooks");
            if (answer.statusCode() == 201) {
                given().baseUri(stack.gateway).auth().oauth2(token("partner-tsubomi"))
                        .delete("/api/notifications/webhooks/" + answer.path("id")).then().statusCode(204);
                return venueId;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("notification never learned that venue " + venueId + " is linked to tsubomi: "
                        + answer.statusCode() + " " + answer.asString());
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private String newSeries() {
        return given().baseUri(stack.gateway).auth().oauth2(token("organiser1")).contentType(ContentType.JSON).body(seriesBody())
                .post("/api/events/series").then().statusCode(201).extract().path("id");
    }

    private String newWebhook() {
        // through untilCreated: the gateway limits a partner's writes (20 a minute), and the matrix makes many webhooks
        return untilCreated("partner-tsubomi", "/api/notifications/webhooks", body("webhook"));
    }

    private String feedToken() {
        String url = given().baseUri(stack.gateway).auth().oauth2(token("organiser1"))
                .post("/api/events/feeds/partner-groups/" + FEED_GROUP + "/rotate").then().statusCode(200).extract().path("url");
        return url.substring(url.lastIndexOf('/') + 1, url.length() - ".ics".length());
    }

    /** hana's confirmed booking of a published hinata session: {sessionId} is the session, every other parameter her registration. */
    private Made hanaBooking() {
        String session = newSession(sessionBody("cafe", 50, "FIRST_COME"), true);
        String registration = untilCreated("hana", "/api/registrations/sessions/" + session + "/bookings", Map.of("nickname", "マトリクス"));
        return new Made(Map.of("sessionId", session, "*", registration));
    }

    /** A hinata session with one seat, taken by mei: hana can join the waitlist, mei already holds the seat. */
    private Made fullSession() {
        String session = newSession(sessionBody("cafe", 1, "FIRST_COME"), true);
        untilCreated("mei", "/api/registrations/sessions/" + session + "/bookings", Map.of("nickname", "マトリクス"));
        return Made.of(session);
    }

    /** A hinata lottery hana applied to, drawn by organiser1: its published draw is there for anyone to recompute. */
    private Made drawnLottery() {
        // a lottery is drawn only once its applications have closed: this one closes 40 s from now, time enough for hana
        // to apply while the session travels from the event service to registration over Kafka
        Map<String, Object> body = lotteryBody();
        OffsetDateTime closes = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(40).truncatedTo(ChronoUnit.SECONDS);
        body.put("applicationClosesAt", closes.toString());
        String session = newSession(body, true);
        untilCreated("hana", "/api/registrations/sessions/" + session + "/applications", Map.of("nickname", "マトリクス"));
        await().atMost(Duration.ofSeconds(90)).until(() -> OffsetDateTime.now(ZoneOffset.UTC).isAfter(closes.plusSeconds(1)));
        // organiser1 draws; 409 already-drawn when the scheduler was quicker, which is the same draw
        given().baseUri(stack.gateway).auth().oauth2(token("organiser1")).post("/api/registrations/sessions/" + session + "/lottery/draw")
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(409)));
        await().atMost(Duration.ofSeconds(60)).until(() -> given().baseUri(stack.gateway).auth().oauth2(token("hana"))
                .get("/api/registrations/sessions/" + session + "/lottery/published").statusCode() == 200);
        return Made.of(session);
    }

    private String publishedDraw() {
        String session = make("drawn-lottery").parameters().get("*");
        return given().baseUri(stack.gateway).auth().oauth2(token("hana")).get("/api/registrations/sessions/" + session + "/lottery/published")
                .then().statusCode(200).extract().asString();
    }

    /**
     * Posts until 201: registration learns sessions over Kafka, so the first tries may be 404; the gateway's limits may
     * answer 429 for a moment.
     */
    private String untilCreated(String caller, String path, Object body) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            Response response = given().baseUri(stack.gateway).auth().oauth2(token(caller)).contentType(ContentType.JSON).body(body).post(path);
            if (response.statusCode() == 201) {
                return response.path("id");
            }
            if (System.nanoTime() > deadline || !(response.statusCode() == 404 || response.statusCode() == 429)) {
                throw new IllegalStateException("POST " + path + " as " + caller + ": " + response.statusCode() + " " + response.asString());
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
