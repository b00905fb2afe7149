package io.ibasho.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ibasho.plumbing.outbox.Outbox;
import io.ibasho.plumbing.time.FrequentPolls;
import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.RegistrationDatabase;
import io.ibasho.registration.support.Sessions;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A booking wakes its application's outbox relay when the request has ended, without a NOTIFY (ADR 0090), which would
 * queue its commit behind every other notifying commit of the cluster: with the relay's timer held (only a wake-up
 * can publish), the events of a booking without a key and of one with an Idempotency-Key (a transaction of its own)
 * are published within seconds, and a connection listening on the relay's channel, as another replica's, hears
 * nothing.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class BookingWakeUpTest {

    @Inject
    FrequentPolls polls;

    @Test
    void aBookingWakesItsOwnRelayWithoutANotify() throws Exception {
        UUID withoutKey = Sessions.published(10);
        UUID withKey = Sessions.published(10);
        try (Connection otherReplica = RegistrationDatabase.connect()) {
            try (Statement listen = otherReplica.createStatement()) {
                listen.execute("listen " + Outbox.WAKE_UP_CHANNEL);
            }
            // no tick at all: only a wake-up can publish
            polls.holdTicks(Duration.ofSeconds(30));
            try {
                Api.bookOnceKnown("hana", withoutKey).then().statusCode(201);
                String key = "\"" + UUID.randomUUID() + "\"";
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> bookWithKey("mei", withKey, key) != 404); // once the session has arrived

                awaitPublished(withoutKey);
                awaitPublished(withKey);
            } finally {
                polls.resumeTicks();
            }
            assertThat(RegistrationDatabase.count(
                            "select count(*) from outbox_message where message_key = ?", withoutKey.toString()))
                    .as("hana's RegistrationConfirmed")
                    .isEqualTo(1);
            assertThat(RegistrationDatabase.count(
                            "select count(*) from outbox_message where message_key = ?", withKey.toString()))
                    .as("mei's RegistrationConfirmed")
                    .isEqualTo(1);
            assertThat(heardBy(otherReplica))
                    .as("NOTIFYs on the relay's channel")
                    .isZero();
        }
    }

    private static int bookWithKey(String user, UUID session, String key) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(Map.of("nickname", user))
                .post("/api/registrations/sessions/" + session + "/bookings")
                .statusCode();
    }

    /** Until the relay has published every event of the session (10 s at most). */
    private static void awaitPublished(UUID session) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> RegistrationDatabase.count(
                                "select count(*) from outbox_message where message_key = ? and published_at is null",
                                session.toString())
                        == 0);
    }

    private static int heardBy(Connection listening) throws SQLException {
        try (Statement poll = listening.createStatement()) {
            poll.execute("select 1"); // reads what was sent to this connection meanwhile
        }
        PGNotification[] heard = listening.unwrap(PGConnection.class).getNotifications(500);
        return heard == null ? 0 : heard.length;
    }
}
