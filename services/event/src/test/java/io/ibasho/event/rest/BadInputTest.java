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
import java.util.HashMap;
import java.util.Map;
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
