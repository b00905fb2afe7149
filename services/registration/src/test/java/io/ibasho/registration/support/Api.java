package io.ibasho.registration.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.ibasho.testsupport.JsonBody;
import io.ibasho.testsupport.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** The service's endpoints as the tests call them, with real tokens. */
public final class Api {
    private Api() {}

    public static Response book(String user, UUID sessionId, String nickname) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .contentType(ContentType.JSON)
                .body(Map.of("nickname", nickname))
                .post("/api/registrations/sessions/" + sessionId + "/bookings");
    }

    /** Books as soon as the session has arrived over Kafka. */
    public static Response bookOnceKnown(String user, UUID sessionId) {
        Response[] last = new Response[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            last[0] = book(user, sessionId, user);
            return last[0].statusCode() != 404;
        });
        return last[0];
    }

    public static Response joinWaitlist(String user, UUID sessionId) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .contentType(ContentType.JSON)
                .body(Map.of("nickname", user))
                .post("/api/registrations/sessions/" + sessionId + "/waitlist");
    }

    public static Response mine(String user, UUID registrationId, String action) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .post("/api/registrations/mine/" + registrationId + "/" + action);
    }

    /** Her own registration for a session as GET /mine shows it. */
    public static Map<String, Object> myRegistration(String user, UUID sessionId) {
        // one Jackson parse: tests poll this, and a GPath closure compiled a Groovy script per call
        return JsonBody.objects(given().auth()
                        .oauth2(Tokens.accessToken(user))
                        .get("/api/registrations/mine")
                        .then()
                        .statusCode(200)
                        .extract()
                        .response())
                .stream()
                .filter(registration -> sessionId.toString().equals(registration.get("sessionId")))
                .sorted((a, b) -> String.valueOf(b.get("createdAt")).compareTo(String.valueOf(a.get("createdAt"))))
                .findFirst()
                .orElse(Map.of());
    }

    public static Response roster(String organiser, UUID sessionId) {
        return given().auth()
                .oauth2(Tokens.accessToken(organiser))
                .get("/api/registrations/sessions/" + sessionId + "/roster");
    }
}
