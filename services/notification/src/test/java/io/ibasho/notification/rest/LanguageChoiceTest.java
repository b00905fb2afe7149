package io.ibasho.notification.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.notification.support.Attendees;
import io.ibasho.notification.support.Events;
import io.ibasho.notification.support.TestMailbox;
import io.ibasho.testsupport.FreshSignIn;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicWriter;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whether she chose her language, and which language her messages are in when she did not: a new account stores
 * Japanese, the default, so "she chose Japanese" and "she never chose" must be told apart by {@code languageChosen}.
 * Against real PostgreSQL, Kafka, Keycloak and SMTP (GreenMail).
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class LanguageChoiceTest {
    @BeforeAll
    static void mailServer() {
        TestMailbox.start();
    }

    private static io.restassured.response.Response preferences(String user) {
        return given().auth().oauth2(Tokens.accessToken(user)).get("/api/notifications/preferences");
    }

    private static io.restassured.response.Response save(String user, String language) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .contentType("application/json")
                .body(Map.of("language", language, "channels", List.of("in-app"), "fullDetail", false))
                .put("/api/notifications/preferences");
    }

    @Test
    void aNewWomanHasNotChosenUntilSheSavesAndThenHerJapaneseIsAChoice() {
        String her = Attendees.newcomer("language");
        preferences(her).then().statusCode(200).body("language", equalTo("ja")).body("languageChosen", equalTo(false));

        // she saves Japanese: the same stored language as before, but now hers
        save(her, "ja").then().statusCode(200).body("language", equalTo("ja")).body("languageChosen", equalTo(true));
        preferences(her).then().body("language", equalTo("ja")).body("languageChosen", equalTo(true));

        // a choice stays a choice, whatever she chooses next; and it is in what Ibasho holds about her
        save(her, "en").then().statusCode(200).body("languageChosen", equalTo(true));
        given().auth()
                .oauth2(Tokens.accessToken(her))
                .get("/api/notifications/me/data")
                .then()
                .statusCode(200)
                .body("settings.language", equalTo("en"))
                .body("settings.languageChosen", equalTo(true));
    }

    @Test
    void herCodeMailIsInThePagesLanguageUntilSheChoseOneThenInHers() {
        String her = Attendees.newcomer("code-language");
        String address = her + "@example.invalid";

        // she never chose, and asks from the English app: the code comes in English
        askCode(her, address, "en").then().statusCode(202);
        List<TestMailbox.Received> mails = TestMailbox.awaitCount(address, 1, Duration.ofSeconds(20));
        assertThat(mails.get(0).body()).contains("Confirmation code:").doesNotContain("確認コード");

        // she chose Japanese: her choice wins over the page's
        save(her, "ja").then().statusCode(200);
        askCode(her, address, "en").then().statusCode(202);
        mails = TestMailbox.awaitCount(address, 2, Duration.ofSeconds(20));
        assertThat(mails.get(1).body()).contains("確認コード:").doesNotContain("Confirmation code:");

        // only the two languages the app speaks
        askCode(her, address, "fr")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(containsString("language")));
    }

    @Test
    void withoutAChoiceHerInboxIsInJapaneseUnlessThePageAsksForItsLanguage() {
        String her = Attendees.newcomer("inbox-language");
        String subject = Events.subjectOf(her);
        UUID sessionId = UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(3);
        KafkaTopicWriter.send(Topics.EVENT_LIFECYCLE, sessionId.toString(), """
                {"specversion":"1.0","id":"%s","source":"/ibasho/event","type":"%s","subject":"%s","data":{"sessionId":"%s",
                 "organisationId":"hinata","titleJa":"ことばのカフェ","titleEn":"Language Café","kind":"cafe","allocation":"FIRST_COME",
                 "status":"PUBLISHED","startsAt":"%s","endsAt":"%s","sequence":0}}
                """.formatted(
                UUID.randomUUID(), EventTypes.EVENT_PUBLISHED, sessionId, sessionId, start, start.plusHours(2)));
        KafkaTopicWriter.send(
                Topics.REGISTRATION_LIFECYCLE,
                sessionId.toString(),
                InboxResourceTest.confirmed(UUID.randomUUID().toString(), sessionId, subject));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(Tokens.accessToken(her))
                        .get("/api/notifications/inbox")
                        .then()
                        .statusCode(200)
                        .body("find { it.sessionId == '" + sessionId + "' }.text", containsString("ことばのカフェ")));
        // the web app asks in the language of the page she reads
        given().auth()
                .oauth2(Tokens.accessToken(her))
                .queryParam("lang", "en")
                .get("/api/notifications/inbox")
                .then()
                .statusCode(200)
                .body("find { it.sessionId == '" + sessionId + "' }.text", containsString("Language Café"));
    }

    private static io.restassured.response.Response askCode(String user, String address, String pageLanguage) {
        return given().auth()
                .oauth2(FreshSignIn.accessToken(user))
                .contentType("application/json")
                .body(Map.of("address", address, "language", pageLanguage))
                .post("/api/notifications/preferences/email");
    }
}
