package io.ibasho.event.rest;

import static io.ibasho.event.rest.TestData.organiser1;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.ibasho.testsupport.IbashoServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Bad input found by the outside audit (issue #14): a 400 problem naming what is wrong, never a 404, a 500 or silence. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class BadInputTest {

    @Test
    void queryParametersOfTheWrongTypeAreA400NamingTheParameter() {
        for (String[] bad : new String[][] {
            {"size", "abc"},
            {"page", "1.5"},
            {"venueId", "not-a-uuid"},
            {"online", "maybe"},
            {"childcareOffered", "yes"}
        }) {
            given().queryParam(bad[0], bad[1])
                    .get("/api/events/sessions")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", containsString("invalid-parameter"))
                    .body("detail", containsString("'" + bad[0] + "'"))
                    .body("violations.field", hasItem(bad[0]));
        }
        // the right types still work, in any letter case for booleans
        given().queryParam("online", "TRUE")
                .queryParam("size", "5")
                .get("/api/events/sessions")
                .then()
                .statusCode(200);
    }

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    /** Issue #14: a body over 1 MiB got a bare 413 (or a reset); it is a problem, refused before it is read. */
    @Test
    void aBodyOverOneMebibyteIsA413Problem() throws Exception {
        String tooLarge = "{\"titleJa\":\"" + "あ".repeat(400_000) + "\"}"; // 1.2 MB in UTF-8
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/events/sessions"))
                        .header("Authorization", "Bearer " + organiser1())
                        .header("Content-Type", "application/json")
                        // the client waits for the server's word before sending the body, as a careful client does
                        .expectContinue(true)
                        .POST(HttpRequest.BodyPublishers.ofString(tooLarge))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(response.statusCode()).isEqualTo(413);
        org.assertj.core.api.Assertions.assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type ->
                        org.assertj.core.api.Assertions.assertThat(type).startsWith("application/problem+json"));
        org.assertj.core.api.Assertions.assertThat(response.body()).contains("body-too-large");
    }

    @Test
    void aNulCharacterInTextIsA400NotA500() {
        Map<String, Object> session = new HashMap<>(TestData.online(TestData.tokyo(20, 19, 0)));
        session.put("titleJa", "夜の\u0000おしゃべり会");
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(session)
                .post("/api/events/sessions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("titleJa"))
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void aYearBeyondWhatPostgresqlStoresIsA400NotA500() {
        Map<String, Object> session = new HashMap<>(TestData.online(TestData.tokyo(20, 19, 0)));
        session.put("startsAt", "+300000-01-01T10:00:00+09:00");
        session.put("endsAt", "+300000-01-01T12:00:00+09:00");
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(session)
                .post("/api/events/sessions")
                .then()
                .statusCode(equalTo(400))
                .contentType("application/problem+json");
    }
}
