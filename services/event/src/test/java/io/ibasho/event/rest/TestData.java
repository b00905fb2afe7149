package io.ibasho.event.rest;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ibasho.contracts.Topics;
import io.ibasho.testsupport.KafkaTopicReader;
import io.ibasho.testsupport.Tokens;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Fictional venues and sessions created through the real API, and what the outbox sent to Kafka. */
final class TestData {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SHELTER_ADDRESS = "架空県ひなた市しずか町9-9-9（シェルター）";
    static final String ATTENDEES_ADDRESS = "架空県ひなた市みどり町2-2-2";
    static final String MEETING_LINK = "https://meet.example.invalid/ibasho-secret-room-42";

    private TestData() {}

    static String organiser1() {
        return Tokens.accessToken("organiser1");
    }

    static String organiser2() {
        return Tokens.accessToken("organiser2");
    }

    static String uniqueArea() {
        return "テスト区-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> venue(String area, String visibility, boolean childcare, List<String> partnerGroups) {
        Map<String, Object> venue = new HashMap<>();
        venue.put("nameJa", "ひだまりホール " + area);
        venue.put("nameEn", "Hidamari Hall");
        venue.put("area", area);
        venue.put("accessibilityJa", "エレベーターあり");
        venue.put("capacityCeiling", 30);
        venue.put("canHostChildcare", childcare);
        venue.put(
                "address",
                switch (visibility) {
                    case "PUBLIC" -> "架空県ひなた市ひかり町1-1-1";
                    case "ATTENDEES_ONLY" -> ATTENDEES_ADDRESS;
                    default -> SHELTER_ADDRESS;
                });
        venue.put("addressVisibility", visibility);
        venue.put(
                "rooms",
                List.of(
                        Map.of("id", "washitsu", "nameJa", "和室", "nameEn", "Tatami room"),
                        Map.of("id", "hall", "nameJa", "ホール")));
        venue.put("partnerGroups", partnerGroups);
        return venue;
    }

    static String createVenue(String token, Map<String, Object> venue) {
        return given().auth()
                .oauth2(token)
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

    /** Days ahead at a Tokyo wall-clock time. */
    static OffsetDateTime tokyo(int daysAhead, int hour, int minute) {
        return OffsetDateTime.now(ZoneOffset.ofHours(9))
                .plusDays(daysAhead)
                .withHour(hour)
                .withMinute(minute)
                .withSecond(0)
                .withNano(0);
    }

    static Map<String, Object> cafe(String venueId, OffsetDateTime start) {
        Map<String, Object> cafe = new HashMap<>();
        cafe.put("kind", "cafe");
        cafe.put("titleJa", "ウィメンズカフェ");
        cafe.put("titleEn", "Women's Café");
        cafe.put("startsAt", start.toString());
        cafe.put("endsAt", start.plusHours(2).toString());
        cafe.put("capacity", 15);
        cafe.put("venueId", venueId);
        cafe.put("roomId", "washitsu");
        return cafe;
    }

    static Map<String, Object> workshop(String venueId, OffsetDateTime start) {
        Map<String, Object> workshop = new HashMap<>();
        workshop.put("kind", "workshop");
        workshop.put("titleJa", "アロマハンドケア");
        workshop.put("titleEn", "Aroma hand care");
        workshop.put("startsAt", start.toString());
        workshop.put("endsAt", start.plusHours(2).toString());
        workshop.put("capacity", 10);
        workshop.put("allocation", "LOTTERY");
        workshop.put("venueId", venueId);
        workshop.put("roomId", "hall");
        workshop.put("targetAudienceJa", "子育て中の女性");
        workshop.put("targetAudienceEn", "Women raising children");
        workshop.put("applicationOpensAt", start.minusDays(9).toString());
        workshop.put("applicationClosesAt", start.minusDays(3).toString());
        workshop.put(
                "parts",
                List.of(
                        Map.of(
                                "label",
                                "1部",
                                "startsAt",
                                start.toString(),
                                "endsAt",
                                start.plusMinutes(60).toString()),
                        Map.of(
                                "label",
                                "2部",
                                "startsAt",
                                start.plusMinutes(70).toString(),
                                "endsAt",
                                start.plusMinutes(120).toString())));
        workshop.put(
                "childcare",
                Map.of(
                        "offered",
                        true,
                        "minAgeYears",
                        1,
                        "maxAgeYears",
                        6,
                        "carers",
                        2,
                        "deadline",
                        start.minusDays(5).toString(),
                        "maxChildren",
                        6));
        workshop.put(
                "lottery",
                Map.of(
                        "priorityTiers",
                        List.of("初めての方 / first-time participants", "その他 / everyone else"),
                        "oneWinPerMonth",
                        true,
                        "confirmationRequired",
                        true,
                        "confirmationHours",
                        36));
        return workshop;
    }

    static Map<String, Object> online(OffsetDateTime start) {
        Map<String, Object> online = new HashMap<>();
        online.put("kind", "online");
        online.put("titleJa", "夜のオンラインおしゃべり会");
        online.put("titleEn", "Night online dialogue");
        online.put("startsAt", start.toString());
        online.put("endsAt", start.plusMinutes(90).toString());
        online.put("capacity", 8);
        online.put("meetingLink", MEETING_LINK);
        return online;
    }

    static String createSession(String token, Map<String, Object> session) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(session)
                .post("/api/events/sessions")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static String createPublished(String token, Map<String, Object> session) {
        String id = createSession(token, session);
        given().auth()
                .oauth2(token)
                .post("/api/events/sessions/" + id + "/publish")
                .then()
                .statusCode(200);
        return id;
    }

    /**
     * A published session that started {@code daysAgo} days ago: the API refuses a start in the past, so it is
     * published {@code daysAhead} days ahead and its row moved back by both, as time would have moved it.
     */
    static String publishedInThePast(String token, Map<String, Object> session, int daysAhead, int daysAgo) {
        String id = createPublished(token, session);
        try (var db = java.sql.DriverManager.getConnection(
                        io.ibasho.testsupport.TestServers.get().postgres().jdbcUrl("event"), "postgres", "");
                var back = db.prepareStatement("update session set starts_at = starts_at - ?::interval,"
                        + " ends_at = ends_at - ?::interval,"
                        + " application_opens_at = application_opens_at - ?::interval,"
                        + " application_closes_at = application_closes_at - ?::interval,"
                        + " childcare_deadline = childcare_deadline - ?::interval where id = ?::uuid")) {
            String days = (daysAhead + daysAgo) + " days";
            for (int i = 1; i <= 5; i++) {
                back.setString(i, days);
            }
            back.setString(6, id);
            if (back.executeUpdate() != 1) {
                throw new AssertionError("session " + id + " not moved");
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        return id;
    }

    /**
     * Moves a published session so that it began an hour ago and ends in an hour (nothing can be published with a start
     * that has passed), its application window and childcare deadline, where it has them, before that start.
     */
    static void startedAnHourAgo(String id) {
        try (var db = java.sql.DriverManager.getConnection(
                        io.ibasho.testsupport.TestServers.get().postgres().jdbcUrl("event"), "postgres", "");
                var move = db.prepareStatement("update session set starts_at = now() - interval '1 hour',"
                        + " ends_at = now() + interval '1 hour',"
                        + " application_opens_at = case when application_opens_at is null then null else least(application_opens_at, now() - interval '3 days') end,"
                        + " application_closes_at = case when application_closes_at is null then null else least(application_closes_at, now() - interval '2 hours') end,"
                        + " childcare_deadline = case when childcare_deadline is null then null else least(childcare_deadline, now() - interval '2 days') end"
                        + " where id = ?::uuid")) {
            move.setString(1, id);
            if (move.executeUpdate() != 1) {
                throw new AssertionError("session " + id + " not moved");
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** The events the outbox published for a session, as CloudEvents; waits until {@code count} arrived. */
    static List<JsonNode> events(String sessionId, int count) {
        return events(sessionId, count, Duration.ofSeconds(30));
    }

    /**
     * The session's events up to and including the first of type {@code last}, a marker the test caused after what it
     * counts: the relay publishes in creation order, so no fixed wait is needed for events that must not come.
     */
    static List<JsonNode> eventsUntil(String sessionId, String last) {
        return parsed(KafkaTopicReader.recordsUntil(
                Topics.EVENT_LIFECYCLE,
                r -> sessionId.equals(r.key()),
                r -> sessionId.equals(r.key()) && r.value().contains("\"type\":\"" + last + "\""),
                Duration.ofSeconds(30)));
    }

    static List<JsonNode> events(String sessionId, int count, Duration wait) {
        return parsed(
                KafkaTopicReader.awaitRecords(Topics.EVENT_LIFECYCLE, r -> sessionId.equals(r.key()), count, wait));
    }

    private static List<JsonNode> parsed(
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> records) {
        List<JsonNode> events = new ArrayList<>();
        for (var record : records) {
            try {
                events.add(JSON.readTree(record.value()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return events;
    }

    /** The first event of the type, after checking its data against the type's JSON Schema in services/contracts. */
    static JsonNode eventOfType(List<JsonNode> events, String type) {
        JsonNode event = events.stream()
                .filter(e -> type.equals(e.path("type").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " among " + events));
        assertMatchesSchema(event);
        return event;
    }

    static void assertMatchesSchema(JsonNode cloudEvent) {
        String type = cloudEvent.path("type").asText();
        try (var in = io.ibasho.contracts.EventTypes.class.getResourceAsStream(
                io.ibasho.contracts.EventTypes.schemaOf(type))) {
            var schema = com.networknt.schema.JsonSchemaFactory.getInstance(
                            com.networknt.schema.SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
            org.assertj.core.api.Assertions.assertThat(schema.validate(cloudEvent.path("data")))
                    .as(type + " against its schema")
                    .isEmpty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
