package io.ibasho.event.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test profile loads the demo month at start-up (ibasho.demo-data.enabled=true), like the local stack. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class DemoDataTest {
    @Inject
    DemoData demo;

    @Test
    void theDemoMonthIsLoadedOnceWithEveryKindOfSession() throws Throwable {
        String organiser = Tokens.accessToken("organiser1");
        List<Map<String, Object>> venues = given().auth()
                .oauth2(organiser)
                .get("/api/events/venues/mine")
                .then()
                .statusCode(200)
                .extract()
                .path("findAll { it.nameJa in ['ひなた交流センター', 'みどり公民館', 'そよかぜ会館', 'こもれびの家'] }");
        assertThat(venues).hasSize(4);
        assertThat(venues).extracting(v -> v.get("addressVisibility")).contains("PUBLIC", "ATTENDEES_ONLY", "NEVER");
        // English pages name the (fictional) areas in English
        assertThat(venues)
                .extracting(v -> v.get("areaEn"))
                .containsExactlyInAnyOrder("Hinata Ward", "Midori Ward", "Soyokaze Ward", "Komorebi Ward");

        List<Map<String, Object>> sessions = given().auth()
                .oauth2(organiser)
                .queryParam("size", 200)
                .get("/api/events/sessions/mine")
                .then()
                .statusCode(200)
                .extract()
                .path("findAll { it.status == 'published' }");
        assertThat(sessions).extracting(s -> s.get("kind")).contains("cafe", "workshop", "online", "free-space");
        assertThat(sessions)
                .filteredOn(s -> "LOTTERY".equals(s.get("allocation")))
                .isNotEmpty();
        assertThat(sessions)
                .filteredOn(s -> ((List<?>) s.get("parts")).size() == 2)
                .isNotEmpty();
        // a drop-in café whose childcare is reserved alone, and a part that meets at another venue
        assertThat(sessions)
                .filteredOn(s -> "NONE".equals(s.get("allocation"))
                        && s.get("childcare") instanceof Map<?, ?> childcare
                        && Boolean.TRUE.equals(childcare.get("offered")))
                .isNotEmpty();
        assertThat(sessions)
                .filteredOn(s -> ((List<?>) s.get("parts"))
                        .stream().anyMatch(p -> p instanceof Map<?, ?> part && part.get("venue") != null))
                .isNotEmpty();
        assertThat(sessions).filteredOn(s -> "online".equals(s.get("kind"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(sessions).filteredOn(s -> s.get("seriesId") != null).hasSizeGreaterThanOrEqualTo(4);
        // what the flyers say: a speaker, something to bring, a fee
        assertThat(sessions)
                .filteredOn(s -> s.get("flyer") instanceof Map<?, ?> flyer
                        && flyer.get("bringJa") != null
                        && !((List<?>) flyer.get("speakers")).isEmpty())
                .isNotEmpty();
        assertThat(sessions)
                .filteredOn(s -> s.get("flyer") instanceof Map<?, ?> flyer
                        && Integer.valueOf(500).equals(flyer.get("feeYen")))
                .isNotEmpty();
        // a course booked as one: three dates with childcare, shown as one offer
        List<Map<String, Object>> courses = given().get("/api/events/courses")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("");
        assertThat(courses)
                .filteredOn(c -> "hinata".equals(c.get("organisationId"))
                        && Integer.valueOf(3).equals(c.get("dateCount")))
                .isNotEmpty();
        // the places to turn to, readable without an account
        List<String> phones = given().queryParam("organisation", "hinata")
                .get("/api/events/support-lines")
                .then()
                .statusCode(200)
                .extract()
                .path("phone");
        assertThat(phones).containsExactly("#8008", "0120-279-889", "110");

        // a second start finds the data and adds nothing, but gives a demo loaded before venues had English areas
        // theirs (an area set by hand stays)
        try (var db = java.sql.DriverManager.getConnection(
                        io.ibasho.testsupport.TestServers.get().postgres().jdbcUrl("event"), "postgres", "");
                var older = db.createStatement()) {
            older.executeUpdate("update venue set area_en = null where organisation_id = 'hinata' and area = 'みどり区'");
            older.executeUpdate(
                    "update venue set area_en = 'Soyokaze' where organisation_id = 'hinata' and area = 'そよかぜ区'");
        }
        assertThat(VertxContextSupport.<Boolean>subscribeAndAwait(demo::load)).isFalse();
        assertThat(given().get("/api/events/venues?organisation=hinata&area=みどり区")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<List<String>>path("areaEn"))
                .containsOnly("Midori Ward");
        assertThat(given().get("/api/events/venues?organisation=hinata&area=そよかぜ区")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<List<String>>path("areaEn"))
                .containsOnly("Soyokaze");
        try (var db = java.sql.DriverManager.getConnection(
                        io.ibasho.testsupport.TestServers.get().postgres().jdbcUrl("event"), "postgres", "");
                var back = db.createStatement()) {
            back.executeUpdate(
                    "update venue set area_en = 'Soyokaze Ward' where organisation_id = 'hinata' and area = 'そよかぜ区'");
        }
        List<?> again = given().auth()
                .oauth2(organiser)
                .get("/api/events/venues/mine")
                .then()
                .statusCode(200)
                .extract()
                .path("findAll { it.nameJa == 'ひなた交流センター' }");
        assertThat(again).hasSize(1);
    }
}
