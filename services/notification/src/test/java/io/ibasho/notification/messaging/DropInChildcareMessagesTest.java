package io.ibasho.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.notification.support.Db;
import io.ibasho.notification.support.Events;
import io.ibasho.testsupport.IbashoServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Childcare reserved alone at a drop-in café has no registration: she is told it is reserved and, if the café is
 * cancelled, that it is cancelled; her own cancellation sends nothing. Once each, whatever the redeliveries. Real
 * Kafka, PostgreSQL and Keycloak.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class DropInChildcareMessagesTest {

    private static String dropIn(String type, UUID sessionId, UUID reservationId, String attendeeId, String more) {
        String data = """
                {"reservationId":"%s","sessionId":"%s","attendeeId":"%s"%s}
                """.formatted(reservationId, sessionId, attendeeId, more);
        return Events.send(
                Topics.CHILDCARE_LIFECYCLE,
                sessionId,
                Events.envelope(UUID.randomUUID().toString(), "/ibasho/childcare-booking", type, sessionId, data));
    }

    private static long messages(String attendeeId, UUID sessionId, String kind) {
        return Db.count(
                "select count(*) from inbox_message where recipient_id = ? and session_id = ? and kind = ?",
                attendeeId,
                sessionId,
                kind);
    }

    @Test
    void sheIsToldOfHerReservationAndOfACancelledCafeButNotOfHerOwnCancellation() {
        String hana = Events.subjectOf("hana");
        UUID cafe = UUID.randomUUID();
        Events.session(
                EventTypes.EVENT_PUBLISHED,
                cafe,
                "ふらっとカフェ",
                "Drop-in cafe",
                "NONE",
                null,
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(5),
                0,
                null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count("select count(*) from session_copy where id = ?", cafe) == 1);

        UUID first = UUID.randomUUID();
        String reserved = dropIn(EventTypes.DROP_IN_CHILDCARE_RESERVED, cafe, first, hana, ",\"children\":2");
        Events.resend(Topics.CHILDCARE_LIFECYCLE, cafe, reserved); // a redelivery
        dropIn(EventTypes.DROP_IN_CHILDCARE_CANCELLED, cafe, first, hana, ",\"cause\":\"ATTENDEE\"");
        UUID second = UUID.randomUUID();
        dropIn(EventTypes.DROP_IN_CHILDCARE_RESERVED, cafe, second, hana, ",\"children\":1");
        dropIn(EventTypes.DROP_IN_CHILDCARE_CANCELLED, cafe, second, hana, ",\"cause\":\"SESSION_CANCELLED\"");

        await().atMost(Duration.ofSeconds(30)).until(() -> messages(hana, cafe, "SESSION_CANCELLED") == 1);
        // Everything before the last message on the same partition has been handled by now.
        assertThat(messages(hana, cafe, "CHILDCARE_RESERVED")).isEqualTo(2);
        assertThat(Db.count("select count(*) from inbox_message where recipient_id = ? and session_id = ?", hana, cafe))
                .isEqualTo(3);
    }
}
