package io.ibasho.childcarebooking.messaging;

import static io.ibasho.childcarebooking.Fixtures.cancelRegistration;
import static io.ibasho.childcarebooking.Fixtures.published;
import static io.ibasho.childcarebooking.Fixtures.releases;
import static io.ibasho.childcarebooking.Fixtures.replyTo;
import static io.ibasho.childcarebooking.Fixtures.requestChildcare;
import static io.ibasho.childcarebooking.Fixtures.requestChildcareAfterRelease;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ibasho.childcarebooking.Fixtures;
import io.ibasho.childcarebooking.Fixtures.Session;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.testsupport.CapturedLog;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The lottery's reserve number 1 must not be passed over because her childcare request overtook the cancellation
 * that freed her places (docs/adr/0039). The race is made deterministic by publishing the records in the bad order
 * ourselves, as two outbox relays of registration can: the new request first, the winner's RegistrationCancelled
 * second. One carer takes three infants; the winner holds two, number 1 asks for two.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "childcare_booking"))
class ReleaseOnItsWayTest {

    @Test
    void aRequestThatOvertakesTheReleaseItDoesNotNameIsRefused() {
        // how it was for every request: decided on the places as they stand, so the overtaken release is missed
        Session session = published(Session.of("hinata", 1));
        UUID winner = UUID.randomUUID();
        assertThat(type(replyTo(session.id(), requestChildcare(session.id(), winner, "w", UUID.randomUUID(), 0, 0))))
                .isEqualTo(EventTypes.CHILDCARE_RESERVED);

        UUID numberOne =
                requestChildcare("WAITLIST_PROMOTION", session.id(), UUID.randomUUID(), "n1", UUID.randomUUID(), 0, 0);
        cancelRegistration(session.id(), winner, "w");

        JsonNode answer = replyTo(session.id(), numberOne);
        assertThat(type(answer)).isEqualTo(EventTypes.CHILDCARE_REJECTED);
        assertThat(answer.path("data").path("reason").asText()).isEqualTo("RATIO_EXCEEDED");
    }

    @Test
    void aRequestThatOvertakesTheReleaseItNamesWaitsForItAndIsReserved() {
        Session session = published(Session.of("hinata", 1));
        UUID winner = UUID.randomUUID();
        assertThat(type(replyTo(session.id(), requestChildcare(session.id(), winner, "w", UUID.randomUUID(), 0, 0))))
                .isEqualTo(EventTypes.CHILDCARE_RESERVED);

        UUID numberOneRegistration = UUID.randomUUID();
        UUID numberOne;
        JsonNode answer;
        try (CapturedLog log = CapturedLog.start()) {
            numberOne = requestChildcareAfterRelease(
                    session.id(), numberOneRegistration, UUID.randomUUID(), List.of(winner), 0, 0);
            cancelRegistration(session.id(), winner, "w");
            answer = replyTo(session.id(), numberOne);
            // the wait is logged with its reason code only: no id of hers, nor the session beside it, whose pair
            // would join her booking to the session in the log (docs/privacy.md)
            assertThat(log.lines())
                    .anySatisfy(line -> assertThat(line).contains("waits for a release"))
                    .noneSatisfy(line -> assertThat(line)
                            .containsAnyOf(
                                    numberOne.toString(),
                                    numberOneRegistration.toString(),
                                    session.id().toString()));
        }
        assertThat(type(answer)).isEqualTo(EventTypes.CHILDCARE_RESERVED);
        assertThat(answer.path("data").path("registrationId").asText()).isEqualTo(numberOneRegistration.toString());
        // one answer only (no refusal first), and it follows the winner's release on the topic
        List<JsonNode> aboutTheSession = Fixtures.repliesUntilAnswerTo(session.id(), numberOne);
        assertThat(aboutTheSession)
                .filteredOn(reply -> reply.toString().contains(numberOne.toString()))
                .hasSize(1);
        assertThat(aboutTheSession.stream().map(ReleaseOnItsWayTest::type).toList())
                .containsSubsequence(EventTypes.CHILDCARE_RELEASED, EventTypes.CHILDCARE_RESERVED);
        assertThat(releases(session.id(), 1, Duration.ofSeconds(30))).hasSize(1);
    }

    @Test
    void aReleaseThatNeverComesHoldsTheAnswerOnlyForTheBoundedWait() {
        // the test profile waits 5 s (production 1 min): then the request is decided as things stand
        Session session = published(Session.of("hinata", 1));
        UUID winner = UUID.randomUUID();
        assertThat(type(replyTo(session.id(), requestChildcare(session.id(), winner, "w", UUID.randomUUID(), 0, 0))))
                .isEqualTo(EventTypes.CHILDCARE_RESERVED);

        Instant asked = Instant.now();
        UUID numberOne =
                requestChildcareAfterRelease(session.id(), UUID.randomUUID(), UUID.randomUUID(), List.of(winner), 0, 0);

        JsonNode answer = replyTo(session.id(), numberOne);
        assertThat(Duration.between(asked, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
        assertThat(type(answer)).isEqualTo(EventTypes.CHILDCARE_REJECTED);
        assertThat(answer.path("data").path("reason").asText()).isEqualTo("RATIO_EXCEEDED");
    }

    @Test
    void aRequestThatFitsOrIsRefusedForAnotherReasonNeverWaits() {
        Session session = published(Session.of("hinata", 1));
        UUID winner = UUID.randomUUID();
        assertThat(type(replyTo(session.id(), requestChildcare(session.id(), winner, "w", UUID.randomUUID(), 0, 0))))
                .isEqualTo(EventTypes.CHILDCARE_RESERVED);

        // one infant still fits beside the winner's two: reserved at once
        UUID fits =
                requestChildcareAfterRelease(session.id(), UUID.randomUUID(), UUID.randomUUID(), List.of(winner), 0);
        // a child of 7 is "not for this age" whatever is released: refused at once
        UUID tooOld =
                requestChildcareAfterRelease(session.id(), UUID.randomUUID(), UUID.randomUUID(), List.of(winner), 7);
        Instant asked = Instant.now();
        assertThat(type(replyTo(session.id(), fits))).isEqualTo(EventTypes.CHILDCARE_RESERVED);
        assertThat(replyTo(session.id(), tooOld).path("data").path("reason").asText())
                .isEqualTo("AGE_OUT_OF_RANGE");
        assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(4));
        assertThat(KafkaTopicReader.awaitRecords(
                        Topics.CHILDCARE_LIFECYCLE,
                        record -> session.id().toString().equals(record.key())
                                && record.value().contains(EventTypes.CHILDCARE_RELEASED),
                        1,
                        Duration.ofMillis(500)))
                .isEmpty();
    }

    private static String type(JsonNode reply) {
        return reply.path("type").asText();
    }
}
