package io.ibasho.childcarebooking.rest;

import static io.ibasho.childcarebooking.Fixtures.published;
import static io.ibasho.childcarebooking.Fixtures.replyTo;
import static io.ibasho.childcarebooking.Fixtures.requestChildcare;
import static io.ibasho.childcarebooking.Fixtures.subjectOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import io.ibasho.childcarebooking.Fixtures;
import io.ibasho.childcarebooking.Fixtures.Session;
import io.ibasho.contracts.EventTypes;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every read of the care sheet leaves one audit entry (who, role, what, when, why) and the entry holds no note; the
 * organisation's organisers and admins can list them. The staff views carry nothing about the mother. Against real
 * PostgreSQL, Kafka and Keycloak.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "childcare_booking"))
class CareNotesAuditTest {
    private static final String NOTE = "卵アレルギーがあります";
    private static final String CHILD_NICKNAME = "くまちゃん";

    /** A hinata session where hana booked childcare for a 1- and a 4-year-old and wrote a note. */
    private static Session sessionWithHanasNotes() {
        Session session = published(Session.of("hinata", 2));
        UUID registrationId = UUID.randomUUID();
        UUID requestId = requestChildcare(session.id(), registrationId, subjectOf("hana"), UUID.randomUUID(), 1, 4);
        assertThat(replyTo(session.id(), requestId).path("type").asText()).isEqualTo(EventTypes.CHILDCARE_RESERVED);
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "children",
                        List.of(Map.of("position", 1, "childNickname", CHILD_NICKNAME, "careNotes", NOTE)),
                        "consentLanguage",
                        "ja"))
                .put("/api/childcare/bookings/" + registrationId + "/notes")
                .then()
                .statusCode(200);
        return session;
    }

    private static Response audit(String token, UUID sessionId) {
        return given().auth().oauth2(token).queryParam("sessionId", sessionId).get("/api/childcare/audit");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                names.add(field.getKey());
                names.addAll(fieldNames(field.getValue()));
            }
        } else if (node.isArray()) {
            node.forEach(element -> names.addAll(fieldNames(element)));
        }
        return names;
    }

    @Test
    void aCareSheetReadCreatesExactlyOneEntryWithoutTheNotes() {
        Session session = sessionWithHanasNotes();
        String organiser = Tokens.accessToken("organiser1");
        audit(organiser, session.id()).then().statusCode(200).body("size()", equalTo(0));

        given().auth()
                .oauth2(Tokens.accessToken("carer1"))
                .queryParam("reason", "アレルギーの確認")
                .get("/api/childcare/sessions/" + session.id() + "/care-sheet")
                .then()
                .statusCode(200)
                .body("children[0].careNotes", equalTo(NOTE));

        String entries = audit(organiser, session.id())
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].actorSubject", equalTo(subjectOf("carer1")))
                .body("[0].actorRole", equalTo("childcare-staff"))
                .body("[0].kind", equalTo("CARE_SHEET"))
                .body("[0].sessionId", equalTo(session.id().toString()))
                .body("[0].reason", equalTo("アレルギーの確認"))
                .extract()
                .asString();
        assertThat(entries).doesNotContain(NOTE).doesNotContain(CHILD_NICKNAME).doesNotContain(subjectOf("hana"));

        // The header works as well; each read is one more entry, oldest first.
        given().auth()
                .oauth2(Tokens.accessToken("carer1"))
                .header("X-Audit-Reason", "pick-up check")
                .get("/api/childcare/sessions/" + session.id() + "/care-sheet")
                .then()
                .statusCode(200);
        audit(Tokens.accessToken("admin1"), session.id())
                .then()
                .statusCode(200)
                .body("size()", equalTo(2))
                .body("reason", contains("アレルギーの確認", "pick-up check"));
    }

    @Test
    void aRefusedReadLeavesNoEntryAndABadReasonIsAProblem() {
        Session session = sessionWithHanasNotes();
        String carer = Tokens.accessToken("carer1");
        given().auth()
                .oauth2(carer)
                .queryParam("reason", "x".repeat(201))
                .get("/api/childcare/sessions/" + session.id() + "/care-sheet")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("reason"));
        given().auth()
                .oauth2(carer)
                .header("X-Audit-Reason", "<script>")
                .get("/api/childcare/sessions/" + session.id() + "/care-sheet")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .get("/api/childcare/sessions/" + session.id() + "/care-sheet")
                .then()
                .statusCode(403);
        audit(Tokens.accessToken("organiser1"), session.id())
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void onlyTheOrganisationsOrganisersAndAdminsListTheAudit() {
        Session session = published(Session.of("hinata", 1));
        audit(Tokens.accessToken("organiser1"), session.id()).then().statusCode(200);
        audit(Tokens.accessToken("admin1"), session.id()).then().statusCode(200);
        // Another organisation's organiser: as if the session did not exist.
        audit(Tokens.accessToken("organiser2"), session.id())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        audit(Tokens.accessToken("organiser1"), UUID.randomUUID()).then().statusCode(404);
        for (String user : List.of("hana", "mei", "carer1", "partner1")) {
            audit(Tokens.accessToken(user), session.id()).then().statusCode(403);
        }
        audit(Fixtures.partnerClientToken(), session.id()).then().statusCode(403);
        given().queryParam("sessionId", session.id())
                .get("/api/childcare/audit")
                .then()
                .statusCode(401);

        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .get("/api/childcare/audit")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("sessionId"));
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .queryParam("sessionId", "not-a-uuid")
                .get("/api/childcare/audit")
                .then()
                .statusCode(400)
                .body("violations.field", contains("sessionId"));
    }

    @Test
    void staffViewsShowChildrenByBandCarersAndNotesButNothingAboutTheMother() {
        Session session = sessionWithHanasNotes();
        Response sheet = given().auth()
                .oauth2(Tokens.accessToken("carer1"))
                .get("/api/childcare/sessions/" + session.id() + "/care-sheet");
        sheet.then()
                .statusCode(200)
                .body("summary.childrenByBand.find { it.ages == '1-2' }.children", equalTo(1))
                .body("summary.childrenByBand.find { it.ages == '4-17' }.children", equalTo(1))
                .body("summary.carersNeeded", equalTo(1))
                .body("summary.carers", equalTo(2))
                .body("children.careNotes", hasItem(NOTE));
        Response summary =
                given().auth().oauth2(Tokens.accessToken("organiser1")).get("/api/childcare/sessions/" + session.id());
        summary.then().statusCode(200);
        for (Response view : List.of(sheet, summary)) {
            List<String> names = fieldNames(Fixtures.parse(view.asString()));
            assertThat(names)
                    .isNotEmpty()
                    .noneMatch(name -> name.equalsIgnoreCase("nickname")
                            || name.toLowerCase().contains("email")
                            || name.toLowerCase().contains("attendee")
                            || name.toLowerCase().contains("phone")
                            || name.toLowerCase().contains("contact")
                            || name.toLowerCase().contains("registration")
                            || name.toLowerCase().contains("mother"));
            assertThat(view.asString()).doesNotContain(subjectOf("hana"));
        }
        assertThat(summary.asString()).doesNotContain(NOTE).doesNotContain(CHILD_NICKNAME);
    }
}
