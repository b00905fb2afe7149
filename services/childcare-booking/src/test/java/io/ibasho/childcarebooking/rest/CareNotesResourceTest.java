package io.ibasho.childcarebooking.rest;

import static io.ibasho.childcarebooking.Fixtures.published;
import static io.ibasho.childcarebooking.Fixtures.replyTo;
import static io.ibasho.childcarebooking.Fixtures.requestChildcare;
import static io.ibasho.childcarebooking.Fixtures.subjectOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.ibasho.childcarebooking.Fixtures;
import io.ibasho.childcarebooking.Fixtures.Session;
import io.ibasho.childcarebooking.service.CareNotesPurge;
import io.ibasho.contracts.EventTypes;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Care notes: written only by the mother herself, read only by the childcare staff of the session's organisation,
 * deleted after the session. Against real PostgreSQL, Kafka and Keycloak.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "childcare_booking"))
class CareNotesResourceTest {

    @Inject
    CareNotesPurge purge;

    /** Hana's registration with a 1-year-old and a 4-year-old, reserved. */
    private static UUID hanasReservedChildcare(Session session) {
        UUID registrationId = UUID.randomUUID();
        UUID requestId = requestChildcare(session.id(), registrationId, subjectOf("hana"), UUID.randomUUID(), 1, 4);
        assertThat(replyTo(session.id(), requestId).path("type").asText()).isEqualTo(EventTypes.CHILDCARE_RESERVED);
        return registrationId;
    }

    private static Response writeNotes(String user, UUID registrationId, Object body) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/childcare/bookings/" + registrationId + "/notes");
    }

    private static Map<String, Object> notes(Object... children) {
        // the form's language: nicknames and notes are stored only with her consent on record (issue #18)
        return Map.of("children", List.of(children), "consentLanguage", "ja");
    }

    private static Map<String, Object> child(int position, String childNickname, String careNotes) {
        return Map.of("position", position, "childNickname", childNickname, "careNotes", careNotes);
    }

    @Test
    void sheWritesHerNotesAndOnlyTheSessionsCarersReadThemWithoutAnythingAboutHer() {
        Session session = published(Session.of("hinata", 2));
        UUID registrationId = hanasReservedChildcare(session);

        writeNotes("hana", registrationId, notes(child(1, "くまちゃん", "卵アレルギーがあります"), child(2, "うさぎ", "")))
                .then()
                .statusCode(200)
                .body("children.childNickname", contains("くまちゃん", "うさぎ"))
                .body("children[1].careNotes", nullValue());
        // POST changes only the children and fields given.
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .contentType(ContentType.JSON)
                .body(notes(Map.of("position", 2, "careNotes", "昼寝が必要です")))
                .post("/api/childcare/bookings/" + registrationId + "/notes")
                .then()
                .statusCode(200)
                .body("children[0].careNotes", equalTo("卵アレルギーがあります"))
                .body("children[1].careNotes", equalTo("昼寝が必要です"));

        Response sheet = given().auth()
                .oauth2(Tokens.accessToken("carer1"))
                .get("/api/childcare/sessions/" + session.id() + "/care-sheet");
        sheet.then()
                .statusCode(200)
                .body("children.ageYears", contains(1, 4))
                .body("children.ageBand", contains("1-2", "4-17"))
                .body("children.childNickname", contains("くまちゃん", "うさぎ"))
                .body("children.careNotes", contains("卵アレルギーがあります", "昼寝が必要です"))
                .body("children.family", contains(1, 1))
                .body("summary.totalChildren", equalTo(2));
        String json = sheet.asString();
        String hanasAccount = subjectOf("hana");
        assertThat(json)
                .doesNotContain(hanasAccount)
                .doesNotContain(registrationId.toString())
                .doesNotContain("\"attendeeId\"")
                .doesNotContain("\"nickname\"")
                .doesNotContain("\"registrationId\"")
                .doesNotContain("contact")
                .doesNotContain("email")
                .doesNotContain("phone");

        // Organisers see aggregates only: no care sheet, and the summary has no notes.
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .get("/api/childcare/sessions/" + session.id() + "/care-sheet")
                .then()
                .statusCode(403);
        String summary = given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .get("/api/childcare/sessions/" + session.id())
                .then()
                .statusCode(200)
                .body("totalChildren", equalTo(2))
                .extract()
                .asString();
        assertThat(summary)
                .doesNotContain("くまちゃん")
                .doesNotContain("卵")
                .doesNotContain(hanasAccount)
                .doesNotContain("\"attendeeId\"")
                .doesNotContain("\"nickname\"");
    }

    @Test
    void anotherOrganisationsStaffGet404() {
        Session minato = published(Session.of("minato", 1));
        given().auth()
                .oauth2(Tokens.accessToken("carer1"))
                .get("/api/childcare/sessions/" + minato.id() + "/care-sheet")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.accessToken("carer1"))
                .get("/api/childcare/sessions/" + minato.id())
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(Tokens.accessToken("carer1"))
                .get("/api/childcare/sessions/" + UUID.randomUUID() + "/care-sheet")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/childcare/sessions/" + minato.id() + "/care-sheet")
                .then()
                .statusCode(403);
        given().get("/api/childcare/sessions/" + minato.id() + "/care-sheet")
                .then()
                .statusCode(401);
    }

    @Test
    void onlyTheMotherHerselfCanWriteOrReadHerNotes() {
        Session session = published(Session.of("hinata", 2));
        UUID registrationId = hanasReservedChildcare(session);

        // Mei is an attendee too, but it is not her booking: exactly like a booking that does not exist.
        writeNotes("mei", registrationId, notes(child(1, "x", "y")))
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .get("/api/childcare/bookings/" + registrationId + "/notes")
                .then()
                .statusCode(404);
        writeNotes("hana", UUID.randomUUID(), notes(child(1, "x", "y"))).then().statusCode(404);
        // Staff and organisers are not attendees (ADR 0008): they cannot write or read notes on her behalf.
        writeNotes("carer1", registrationId, notes(child(1, "x", "y"))).then().statusCode(403);
        writeNotes("organiser1", registrationId, notes(child(1, "x", "y")))
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.accessToken("carer1"))
                .get("/api/childcare/bookings/" + registrationId + "/notes")
                .then()
                .statusCode(403);
        given().contentType(ContentType.JSON)
                .body(notes(child(1, "x", "y")))
                .put("/api/childcare/bookings/" + registrationId + "/notes")
                .then()
                .statusCode(401);

        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/childcare/bookings/" + registrationId + "/notes")
                .then()
                .statusCode(200)
                .body("children.ageYears", contains(1, 4));
    }

    @Test
    void notesArePlainShortTextForChildrenOfTheBooking() {
        Session session = published(Session.of("hinata", 2));
        UUID registrationId = hanasReservedChildcare(session);

        writeNotes("hana", registrationId, notes(child(1, "ok", "<script>alert(1)</script>")))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("careNotes"));
        writeNotes("hana", registrationId, notes(child(1, "<b>kuma</b>", "")))
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("childNickname"));
        writeNotes("hana", registrationId, notes(child(1, "ok", "a".repeat(501))))
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("careNotes"));
        writeNotes("hana", registrationId, notes(child(1, "k".repeat(21), "")))
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("childNickname"));
        writeNotes("hana", registrationId, notes(child(3, "ok", "ok")))
                .then()
                .statusCode(422)
                .body("type", containsString("unknown-child"));
        writeNotes("hana", registrationId, notes(child(1, "a", ""), child(1, "b", "")))
                .then()
                .statusCode(422)
                .body("type", containsString("duplicate-child"));
        writeNotes("hana", registrationId, Map.of()).then().statusCode(400);
        writeNotes("hana", registrationId, "{not json").then().statusCode(400).contentType("application/problem+json");
        writeNotes("hana", registrationId, notes(child(1, "ok", "a".repeat(500))))
                .then()
                .statusCode(200);
    }

    @Test
    void notesAreDeletedAfterTheSessionAndOnCancellation() throws Throwable {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Session ended = published(Session.of("hinata", 2));
        UUID endedRegistration = hanasReservedChildcare(ended);
        writeNotes("hana", endedRegistration, notes(child(1, "くま", "卵アレルギー")))
                .then()
                .statusCode(200);
        Session upcoming = published(Session.of("hinata", 2));
        UUID upcomingRegistration = hanasReservedChildcare(upcoming);
        writeNotes("hana", upcomingRegistration, notes(child(1, "ねこ", "ぜんそく")))
                .then()
                .statusCode(200);

        // The first session is moved to the day before yesterday, so it ended more than 24 hours ago.
        Fixtures.publish(ended.withTimes(now.minusDays(2), now.minusDays(2).plusHours(2)), EventTypes.EVENT_CHANGED, 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                        .oauth2(Tokens.accessToken("carer1"))
                        .get("/api/childcare/sessions/" + ended.id() + "/care-sheet")
                        .then()
                        .extract()
                        .<String>path("endsAt")
                        .transform(java.time.Instant::parse)
                        .isBefore(now.minusDays(1).toInstant()));

        int deleted = VertxContextSupport.subscribeAndAwait(() -> purge.deleteNotesOfEndedSessions());

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        given().auth()
                .oauth2(Tokens.accessToken("carer1"))
                .get("/api/childcare/sessions/" + ended.id() + "/care-sheet")
                .then()
                .statusCode(200)
                .body("children.ageYears", contains(1, 4))
                .body("children.childNickname", contains(nullValue(), nullValue()))
                .body("children.careNotes", contains(nullValue(), nullValue()));
        given().auth()
                .oauth2(Tokens.accessToken("carer1"))
                .get("/api/childcare/sessions/" + upcoming.id() + "/care-sheet")
                .then()
                .statusCode(200)
                .body("children[0].careNotes", equalTo("ぜんそく"));

        // Cancelling deletes her notes at once and takes her children off the sheet.
        Fixtures.cancelRegistration(upcoming.id(), upcomingRegistration, subjectOf("hana"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(Tokens.accessToken("carer1"))
                        .get("/api/childcare/sessions/" + upcoming.id() + "/care-sheet")
                        .then()
                        .statusCode(200)
                        .body("summary.totalChildren", equalTo(0))
                        .body("children.size()", equalTo(0)));
        writeNotes("hana", upcomingRegistration, notes(child(1, "ねこ", "ぜんそく")))
                .then()
                .statusCode(404);
    }
}
