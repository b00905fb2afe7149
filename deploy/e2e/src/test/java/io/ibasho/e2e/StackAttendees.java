package io.ibasho.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.ibasho.localstack.LocalStack;
import io.ibasho.localstack.PostgresServer;
import io.ibasho.testsupport.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Fictional attendees and the small steps every lottery proof needs, against the shared stack: accounts are created
 * in the stack's Keycloak through its admin REST API (like registration's TestAttendees, without touching the realm's
 * password policy: the other end-to-end classes share this realm), with the realm's default roles (attendee).
 */
final class StackAttendees {
    private final SecurityStack stack;

    StackAttendees(SecurityStack stack) {
        this.stack = stack;
    }

    /** {@code count} new attendees with names of their own (a random run id), so that reruns never collide. */
    List<String> create(String prefix, int count) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> names = IntStream.rangeClosed(1, count)
                .mapToObj(i -> "%s-%s-%d".formatted(prefix, run, i))
                .toList();
        List<Map<String, Object>> users = names.stream()
                .map(name -> Map.<String, Object>of(
                        "username",
                        name,
                        "enabled",
                        true,
                        "realmRoles",
                        List.of("default-roles-ibasho"),
                        // made by the test, not registered by her: no recovery codes page at the first sign-in
                        "attributes",
                        Map.of("recovery_codes_offered", List.of("test account")),
                        "credentials",
                        List.of(Map.of("type", "password", "value", name + "-ibasho", "temporary", false))))
                .toList();
        String base = stack.stack.keycloak().baseUrl().replace("localhost", "127.0.0.1");
        String admin = Tokens.keycloakAdmin(base);
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("ifResourceExists", "SKIP", "users", users))
                .post(base + "/admin/realms/" + stack.stack.keycloak().realm() + "/partialImport")
                .then()
                .statusCode(200);
        return names;
    }

    String token(String username) {
        return Tokens.accessToken(stack.realm, username);
    }

    /** A published hinata session made by organiser1 through the gateway. */
    /**
     * A lottery's application window closed now, as if its deadline had come (an organiser may only move an open
     * lottery's deadline later: lottery-deadline-earlier), and organiser1 draws; a 409 already-drawn means
     * registration's scheduler drew first, which is the same draw.
     */
    void closeApplicationsAndDraw(String sessionId) {
        lotteryClosesAt(sessionId, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    Response draw = given().baseUri(stack.gateway)
                            .auth()
                            .oauth2(token("organiser1"))
                            .post("/api/registrations/sessions/" + sessionId + "/lottery/draw");
                    return draw.statusCode() == 200
                            || draw.statusCode() == 409 && !draw.asString().contains("applications-still-open");
                });
    }

    /**
     * A lottery's deadline brought to {@code closes} in the event service and in registration's copy (which must know
     * the session already), as if that time had come: the journeys cannot wait for a real deadline.
     */
    void lotteryClosesAt(String sessionId, OffsetDateTime closes) {
        for (String[] table : new String[][] {{"event", "session"}, {"registration", "session_copy"}}) {
            try (Connection db = DriverManager.getConnection(
                            stack.stack.postgres().jdbcUrl(LocalStack.databaseOf(table[0])), PostgresServer.USER, "");
                    PreparedStatement bringClose = db.prepareStatement(
                            "update " + table[1] + " set application_closes_at = ? where id = ?::uuid")) {
                bringClose.setObject(1, closes);
                bringClose.setString(2, sessionId);
                if (bringClose.executeUpdate() != 1) {
                    throw new AssertionError(table[0] + " does not know session " + sessionId);
                }
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        }
    }

    /**
     * A published session moved in the event service so that it began an hour ago and ends in an hour (nothing can be
     * published with a start that has passed, and only a session that began can be marked as taken place); its
     * application window and childcare deadline, where it has them, end before that start.
     */
    void startedAnHourAgo(String sessionId) {
        changeInEvent(
                sessionId,
                "starts_at = now() - interval '1 hour', ends_at = now() + interval '1 hour',"
                        + " application_opens_at = case when application_opens_at is null then null"
                        + " else least(application_opens_at, now() - interval '3 days') end,"
                        + " application_closes_at = case when application_closes_at is null then null"
                        + " else least(application_closes_at, now() - interval '2 hours') end,"
                        + " childcare_deadline = case when childcare_deadline is null then null"
                        + " else least(childcare_deadline, now() - interval '2 days') end");
    }

    /**
     * A session's childcare deadline brought to {@code deadline} in the event service only (what the booking form reads),
     * as if that time had come; childcare-booking keeps its own copy, so requests made past the form are not affected.
     */
    void childcareDeadlineAt(String sessionId, OffsetDateTime deadline) {
        changeInEvent(sessionId, "childcare_deadline = ?", deadline);
    }

    /** One session's row in the event service's database changed by {@code set} (its values bound in order). */
    private void changeInEvent(String sessionId, String set, Object... values) {
        try (Connection db = DriverManager.getConnection(
                        stack.stack.postgres().jdbcUrl(LocalStack.databaseOf("event")), PostgresServer.USER, "");
                PreparedStatement move = db.prepareStatement("update session set " + set + " where id = ?::uuid")) {
            for (int i = 0; i < values.length; i++) {
                move.setObject(i + 1, values[i]);
            }
            move.setString(values.length + 1, sessionId);
            if (move.executeUpdate() != 1) {
                throw new AssertionError("event does not know session " + sessionId);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    String publishedSession(Map<String, Object> body) {
        String token = token("organiser1");
        String id = given().baseUri(stack.gateway)
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/events/sessions")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201)
                .extract()
                .path("id");
        given().baseUri(stack.gateway)
                .auth()
                .oauth2(token)
                .post("/api/events/sessions/" + id + "/publish")
                .then()
                .statusCode(200);
        return id;
    }

    /** A new hinata venue whose address is never shown (the usual choice for a safe place). */
    String venue(String nameJa, boolean canHostChildcare) {
        return venue(nameJa, canHostChildcare, null);
    }

    /** A new hinata venue; with an address, one that only women holding a place see, else one never shown. */
    String venue(String nameJa, boolean canHostChildcare, String attendeesOnlyAddress) {
        Map<String, Object> venue = new LinkedHashMap<>(Map.of(
                "nameJa",
                nameJa,
                "area",
                "港区",
                "capacityCeiling",
                30,
                "canHostChildcare",
                canHostChildcare,
                "addressVisibility",
                attendeesOnlyAddress == null ? "NEVER" : "ATTENDEES_ONLY"));
        if (attendeesOnlyAddress != null) {
            venue.put("address", attendeesOnlyAddress);
        }
        return given().baseUri(stack.gateway)
                .auth()
                .oauth2(token("organiser1"))
                .contentType(ContentType.JSON)
                .body(venue)
                .post("/api/events/venues")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /**
     * 託児 by one carer for ages 0 to 6, asked for until the day before, at a new hinata venue that can host it (the
     * event service's rules: offered childcare needs such a venue and a request deadline).
     */
    Map<String, Object> withChildcare(Map<String, Object> session, java.time.OffsetDateTime start) {
        return withChildcare(session, start, venue("託児室のある会場", true));
    }

    /** The same, asked for until {@code deadline} (at the latest the session's start). */
    Map<String, Object> withChildcareUntil(Map<String, Object> session, java.time.OffsetDateTime deadline) {
        return withChildcare(session, deadline.plusDays(1), venue("託児室のある会場", true));
    }

    /** The same at the given venue (one that can host childcare). */
    Map<String, Object> withChildcare(Map<String, Object> session, java.time.OffsetDateTime start, String venueId) {
        Map<String, Object> withCare = new LinkedHashMap<>(session);
        withCare.put("venueId", venueId);
        withCare.put(
                "childcare",
                Map.of(
                        "offered",
                        true,
                        "minAgeYears",
                        0,
                        "maxAgeYears",
                        6,
                        "carers",
                        1,
                        "deadline",
                        start.minusDays(1).toString()));
        return withCare;
    }

    /**
     * Posts through the gateway until the wanted status: registration learns sessions over Kafka, so the first tries
     * may be 404; the gateway's limits may answer 429 for a moment.
     */
    Response postUntil(String caller, String path, Object body, int wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Response response = given().baseUri(stack.gateway)
                    .auth()
                    .oauth2(token(caller))
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post(path);
            if (response.statusCode() == wanted) {
                return response;
            }
            if (System.nanoTime() > deadline || !stillArriving(response)) {
                throw new AssertionError(
                        "POST " + path + " as " + caller + ": " + response.statusCode() + " " + response.asString());
            }
            // a Kafka hop (tens of milliseconds) still under way; a 429 waits longer
            pause(Duration.ofMillis(response.statusCode() == 429 ? 500 : 100));
        }
    }

    /**
     * What a Kafka hop still under way answers: 404 (the session or course not heard of yet), 409 course-not-open (the
     * course heard of before all of its dates: each date is a message keyed by its session, so on partitions of its
     * own), or a 429 of the rate limit.
     */
    private static boolean stillArriving(Response response) {
        return switch (response.statusCode()) {
            case 404, 429 -> true;
            case 409 -> response.asString().contains("/problems/course-not-open\"");
            default -> false;
        };
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
