package io.ibasho.childcarebooking.rest;

import static io.ibasho.childcarebooking.Fixtures.published;
import static io.ibasho.childcarebooking.Fixtures.replyTo;
import static io.ibasho.childcarebooking.Fixtures.requestChildcare;
import static io.ibasho.childcarebooking.Fixtures.subjectOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.ibasho.childcarebooking.Fixtures.Session;
import io.ibasho.childcarebooking.service.ConsentWording;
import io.ibasho.contracts.EventTypes;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Her consent to storing her children's nicknames and care notes (issue #18): recorded in the form's language with
 * the wording's version and a time, shown in her data export, withdrawn by her (the notes go with it), and required
 * again before notes are stored after a withdrawal. Against real PostgreSQL, Kafka and Keycloak.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "childcare_booking"))
class ConsentTest {

    private static Response writeNotes(UUID registrationId, String notes, String consentLanguage) {
        Map<String, Object> body = new HashMap<>();
        body.put("children", List.of(Map.of("position", 1, "childNickname", "ひよこ", "careNotes", notes)));
        if (consentLanguage != null) {
            body.put("consentLanguage", consentLanguage);
        }
        return given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/childcare/bookings/" + registrationId + "/notes");
    }

    private static JsonPath herData() {
        return given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .get("/api/childcare/me/data")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static Response withdraw(String user, String purpose) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .post("/api/childcare/me/consents/" + purpose + "/withdrawal");
    }

    @Test
    void herConsentIsRecordedInHerLanguageShownToHerAndWithdrawingItDeletesTheNotes() {
        Session session = published(Session.of("hinata", 2));
        UUID registrationId = UUID.randomUUID();
        UUID requestId = requestChildcare(session.id(), registrationId, subjectOf("mei"), UUID.randomUUID(), 2);
        assertThat(replyTo(session.id(), requestId).path("type").asText()).isEqualTo(EventTypes.CHILDCARE_RESERVED);
        int before = herData().getList("consents").size();

        // the Japanese form: one record in ja with the current wording; saving again adds none
        writeNotes(registrationId, "卵アレルギー", "ja").then().statusCode(200);
        writeNotes(registrationId, "卵アレルギーと昼寝", "ja").then().statusCode(200);
        JsonPath data = herData();
        List<Map<String, Object>> consents = data.getList("consents");
        assertThat(consents).hasSize(before + 1);
        Map<String, Object> given = consents.get(consents.size() - 1);
        assertThat(given.get("purpose")).isEqualTo(ConsentWording.CHILDCARE_NOTES);
        assertThat(given.get("language")).isEqualTo("ja");
        assertThat(given.get("wordingVersion")).isEqualTo(ConsentWording.CURRENT_VERSION);
        assertThat((String) given.get("wording")).contains("託児スタッフだけが読み");
        assertThat(given.get("givenAt")).isNotNull();
        assertThat(given.get("withdrawnAt")).isNull();

        // staff cannot withdraw anything for her, and an unknown purpose is no consent of hers
        withdraw("carer1", ConsentWording.CHILDCARE_NOTES).then().statusCode(403);
        withdraw("mei", "marketing").then().statusCode(404).contentType("application/problem+json");

        withdraw("mei", ConsentWording.CHILDCARE_NOTES)
                .then()
                .statusCode(200)
                .body("records", greaterThanOrEqualTo(1))
                .body("childrenCleared", greaterThanOrEqualTo(1))
                .body("withdrawnAt", notNullValue());
        String after = given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .get("/api/childcare/me/data")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(JsonPath.from(after).getList("consents.withdrawnAt")).doesNotContainNull();
        assertThat(after).doesNotContain("卵アレルギー").doesNotContain("ひよこ");
        given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .get("/api/childcare/bookings/" + registrationId + "/notes")
                .then()
                .statusCode(200)
                .body("children[0].careNotes", nullValue())
                .body("children[0].childNickname", nullValue());

        // withdrawn: notes are not stored again without a fresh consent, a clear 400 on the field says why
        writeNotes(registrationId, "卵アレルギー", null)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("consentLanguage"))
                .body("violations[0].message", containsString("consent wording"));
        // agreeing again on the English form: a new record in en, the notes stored
        writeNotes(registrationId, "egg allergy", "en")
                .then()
                .statusCode(200)
                .body("children[0].careNotes", equalTo("egg allergy"));
        List<Map<String, Object>> again = herData().getList("consents");
        Map<String, Object> latest = again.get(again.size() - 1);
        assertThat(latest.get("language")).isEqualTo("en");
        assertThat(latest.get("withdrawnAt")).isNull();
        assertThat((String) latest.get("wording")).contains("read only by the carers");
    }

    @Test
    void notesSentWithoutTheConsentLanguageAreRefusedAndNotStored() {
        Session session = published(Session.of("hinata", 2));
        UUID registrationId = UUID.randomUUID();
        UUID requestId = requestChildcare(session.id(), registrationId, subjectOf("mei"), UUID.randomUUID(), 1);
        assertThat(replyTo(session.id(), requestId).path("type").asText()).isEqualTo(EventTypes.CHILDCARE_RESERVED);
        int before = herData().getList("consents").size();

        writeNotes(registrationId, "ぜんそく", null)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/validation"))
                .body("violations.field", contains("consentLanguage"));
        given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .get("/api/childcare/bookings/" + registrationId + "/notes")
                .then()
                .statusCode(200)
                .body("children[0].careNotes", nullValue())
                .body("children[0].childNickname", nullValue());
        assertThat(herData().getList("consents")).hasSize(before);
    }

    @Test
    void aConsentLanguageOtherThanJaOrEnIsRefused() {
        given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .contentType(ContentType.JSON)
                .body(Map.of("children", List.of(Map.of("position", 1, "careNotes", "x")), "consentLanguage", "fr"))
                .put("/api/childcare/bookings/" + UUID.randomUUID() + "/notes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }
}
