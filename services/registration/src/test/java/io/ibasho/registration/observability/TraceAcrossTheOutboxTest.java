package io.ibasho.registration.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.Sessions;
import io.ibasho.registration.support.TestAttendees;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicReader;
import io.ibasho.testsupport.OtlpTraceReceiver;
import io.ibasho.testsupport.OtlpTraceReceiver.Span;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * Tracing turned on (an OTLP/HTTP receiver of the test's own): a booking's request span, the outbox relay's producer
 * span and the Kafka record's traceparent header share one trace id, although the relay publishes later from a
 * poll of its own (ADR 0033). No span attribute carries her nickname or a query string, and no span anything of a
 * body she sent, even one the service could not read.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
@WithTestResource(OtlpTraceReceiver.Resource.class)
class TraceAcrossTheOutboxTest {

    @Test
    void theBookingRequestAndItsKafkaRecordShareOneTrace() {
        List<String> women = TestAttendees.create("traced", 1);
        String nickname = "Tsubaki-" + UUID.randomUUID().toString().substring(0, 6);
        UUID session = Sessions.published(3);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.book(women.get(0), session, nickname).statusCode() != 404);
        // a query string with her nickname in it must not reach a span either
        given().auth()
                .oauth2(Tokens.accessToken(women.get(0)))
                .queryParam("nickname", nickname)
                .get("/api/registrations/mine");

        ConsumerRecord<String, String> confirmed = KafkaTopicReader.awaitRecords(
                        Topics.REGISTRATION_LIFECYCLE,
                        r -> session.toString().equals(r.key())
                                && r.value().contains(EventTypes.REGISTRATION_CONFIRMED),
                        1,
                        Duration.ofSeconds(30))
                .get(0);
        Header traceparent = confirmed.headers().lastHeader("traceparent");
        assertThat(traceparent).as("the record carries a trace context").isNotNull();
        String recordTrace = new String(traceparent.value(), StandardCharsets.UTF_8).split("-")[1];

        OtlpTraceReceiver receiver = OtlpTraceReceiver.running();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Span> trace = receiver.spans().stream()
                    .filter(span -> span.traceId().equals(recordTrace))
                    .toList();
            assertThat(trace)
                    .as("the booking request's server span")
                    .anyMatch(span -> span.kind() == OtlpTraceReceiver.SERVER
                            && span.name().startsWith("POST")
                            && "registration".equals(span.service()));
            assertThat(trace)
                    .as("the relay's producer span to " + Topics.REGISTRATION_LIFECYCLE)
                    .anyMatch(span -> span.kind() == OtlpTraceReceiver.PRODUCER
                            && span.name().contains(Topics.REGISTRATION_LIFECYCLE));
        });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> receiver.spans().stream()
                        .anyMatch(span -> span.kind() == OtlpTraceReceiver.SERVER
                                && span.name().startsWith("GET")));
        assertThat(receiver.spans())
                .as("no span attribute holds her nickname or a query string")
                .allSatisfy(span -> assertThat(span.attributes().values())
                        .noneMatch(value -> value != null && (value.contains(nickname) || value.contains("?"))));
        assertThat(receiver.spans())
                .as("her address and browser are blanked where the instrumentation records them")
                .allSatisfy(span -> List.of("client.address", "network.peer.address", "user_agent.original")
                        .forEach(key -> assertThat(span.attributes().getOrDefault(key, "-"))
                                .as(key)
                                .isEqualTo("-")));
    }

    @Test
    void whatSheTypedInABodyTheServiceCouldNotReadReachesNoSpan() {
        List<String> women = TestAttendees.create("traced-typo", 1);
        UUID session = Sessions.published(3);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.book(women.get(0), session, "Kaede").statusCode() != 404);
        String typed = "Nadeshiko" + UUID.randomUUID().toString().substring(0, 6);
        // not JSON at all, and JSON with text where a number belongs: the parser's messages quote both
        for (String body : List.of(
                "{\"nickname\": " + typed + "}", "{\"nickname\": \"Kaede\", \"childrenAges\": [\"" + typed + "\"]}")) {
            given().auth()
                    .oauth2(Tokens.accessToken(women.get(0)))
                    .contentType("application/json")
                    .body(body)
                    .post("/api/registrations/sessions/" + session + "/bookings")
                    .then()
                    .statusCode(400);
        }

        OtlpTraceReceiver receiver = OtlpTraceReceiver.running();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> receiver.spans().stream()
                                .filter(span -> span.kind() == OtlpTraceReceiver.SERVER
                                        && "400".equals(span.attributes().get("http.response.status_code")))
                                .count()
                        >= 2);
        assertThat(receiver.spans())
                .as("no span holds what she typed: not in an attribute, an exception's event or a status")
                .noneMatch(span -> span.holds(typed));
    }
}
