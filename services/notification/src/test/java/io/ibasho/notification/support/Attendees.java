package io.ibasho.notification.support;

import static io.restassured.RestAssured.given;

import io.ibasho.testsupport.FreshSignIn;
import io.ibasho.testsupport.Tokens;
import java.time.Duration;
import java.util.List;

/** What an attendee does in the app, through the real endpoints. */
public final class Attendees {
    private Attendees() {}

    /** Asks for a code to {@code address}, reads it from the real mailbox and confirms it. */
    public static void verifyAddress(String user, String address) {
        int before = TestMailbox.to(address).size();
        given().auth()
                .oauth2(FreshSignIn.accessToken(user))
                .contentType("application/json")
                .body("{\"address\":\"" + address + "\"}")
                .post("/api/notifications/preferences/email")
                .then()
                .statusCode(202);
        List<TestMailbox.Received> mails = TestMailbox.awaitCount(address, before + 1, Duration.ofSeconds(20));
        String code = TestMailbox.codeIn(mails.get(mails.size() - 1));
        given().auth()
                .oauth2(Tokens.accessToken(user))
                .contentType("application/json")
                .body("{\"code\":\"" + code + "\"}")
                .post("/api/notifications/preferences/email/verify")
                .then()
                .statusCode(200);
    }

    public static void choose(String user, String json) {
        given().auth()
                .oauth2(Tokens.accessToken(user))
                .contentType("application/json")
                .body(json)
                .put("/api/notifications/preferences")
                .then()
                .statusCode(200);
    }
}
