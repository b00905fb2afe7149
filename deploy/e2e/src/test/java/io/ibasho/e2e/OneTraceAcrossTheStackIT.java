package io.ibasho.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ibasho.testsupport.OtlpTraceReceiver;
import io.ibasho.testsupport.OtlpTraceReceiver.Span;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One trace from the gateway through the childcare saga to the notification (issue #15, ADR 0033), on the whole stack
 * with its exporter on: she books a seat with childcare through the gateway with a real token, in a trace the test
 * starts (its {@code traceparent}), and every hop continues it: the gateway's server and client spans, registration's
 * request and the relay's record, childcare-booking's consumer and its reply, registration's consumer of the reply and
 * the confirmation it publishes, notification's consumer. Every span of the trace hangs from another of the trace, up
 * to the test's own: one tree. No span attribute holds her name, token, nickname or account id. The spans are found
 * by the trace id alone, so other classes running beside this one on the same stack do not matter.
 */
class OneTraceAcrossTheStackIT {
    private static final String REGISTRATION_LIFECYCLE = "registration-lifecycle";
    private static final String CHILDCARE_LIFECYCLE = "childcare-lifecycle";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static SecurityStack stack;
    private static StackAttendees attendees;

    @BeforeAll
    static void useTheSharedStack() {
        stack = SecurityStack.get();
        attendees = new StackAttendees(stack);
    }

    @Test
    void aBookingWithChildcareIsOneTraceFromTheGatewayToHerNotification() {
        Assumptions.assumeTrue(stack.traces != null, "tracing is off for this stack (-Dibasho.e2e.tracing=false)");
        OffsetDateTime start = SessionBody.inDays(14, 10);
        Map<String, Object> body = SessionBody.cafe("追跡つきカフェ", start, Duration.ofHours(2), 5, "FIRST_COME")
                .build();
        String sessionId = attendees.publishedSession(attendees.withChildcare(body, start));
        String she = attendees.create("traced", 1).get(0);
        String token = attendees.token(she);
        String nickname = "すずらん" + Long.toHexString(RANDOM.nextLong()).substring(0, 6);

        // a trace of the test's own, started afresh for each try (registration learns the session over Kafka: 404
        // until it has)
        String traceId = null;
        String rootSpan = null;
        Response booked = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (booked == null) {
            traceId = hex(16);
            rootSpan = hex(8);
            Response response = given().baseUri(stack.gateway)
                    .auth()
                    .oauth2(token)
                    .header("traceparent", "00-" + traceId + "-" + rootSpan + "-01")
                    .contentType(ContentType.JSON)
                    .body(Map.of("nickname", nickname, "childrenAges", List.of(3)))
                    .post("/api/registrations/sessions/" + sessionId + "/bookings");
            if (response.statusCode() == 202) {
                booked = response;
            } else if (System.nanoTime() > deadline
                    || !(response.statusCode() == 404 || response.statusCode() == 429)) {
                throw new AssertionError("booking: " + response.statusCode() + " " + response.asString());
            } else {
                StackAttendees.pause(Duration.ofMillis(500));
            }
        }
        assertThat(booked.<String>path("status")).isEqualTo("pending_childcare");
        String registrationId = booked.path("id");

        String trace = traceId;
        String root = rootSpan;
        OtlpTraceReceiver receiver = stack.traces;
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    List<Span> spans = receiver.spans().stream()
                            .filter(span -> trace.equals(span.traceId()))
                            .toList();
                    Span gateway = one(
                                    spans,
                                    "the gateway's server span",
                                    span -> is(span, "gateway", OtlpTraceReceiver.SERVER))
                            .orElseThrow();
                    assertThat(gateway.parentSpanId())
                            .as("the gateway continues the caller's trace")
                            .isEqualTo(root);
                    Span request = one(
                                    spans,
                                    "registration's server span",
                                    span -> is(span, "registration", OtlpTraceReceiver.SERVER)
                                            && span.name().startsWith("POST"))
                            .orElseThrow();
                    Span asked = one(
                                    spans,
                                    "registration's producer span (ChildcareRequested)",
                                    span -> is(span, "registration", OtlpTraceReceiver.PRODUCER)
                                            && span.name().contains(REGISTRATION_LIFECYCLE)
                                            && descends(spans, span, request))
                            .orElseThrow();
                    Span childcare = one(
                                    spans,
                                    "childcare-booking's consumer span",
                                    span -> is(span, "childcare-booking", OtlpTraceReceiver.CONSUMER)
                                            && span.name().contains(REGISTRATION_LIFECYCLE)
                                            && descends(spans, span, asked))
                            .orElseThrow();
                    Span reply = one(
                                    spans,
                                    "childcare-booking's producer span (its reply)",
                                    span -> is(span, "childcare-booking", OtlpTraceReceiver.PRODUCER)
                                            && span.name().contains(CHILDCARE_LIFECYCLE)
                                            && descends(spans, span, childcare))
                            .orElseThrow();
                    // registration reads childcare-lifecycle twice (the saga's consumer and the lottery's): the
                    // saga's is the one whose record follows
                    List<Span> replyRead = spans.stream()
                            .filter(span -> is(span, "registration", OtlpTraceReceiver.CONSUMER)
                                    && span.name().contains(CHILDCARE_LIFECYCLE)
                                    && descends(spans, span, reply))
                            .toList();
                    assertThat(replyRead)
                            .as("registration's consumer spans of the reply")
                            .isNotEmpty();
                    Span confirmed = one(
                                    spans,
                                    "registration's producer span after the reply (RegistrationConfirmed)",
                                    span -> is(span, "registration", OtlpTraceReceiver.PRODUCER)
                                            && span.name().contains(REGISTRATION_LIFECYCLE)
                                            && replyRead.stream().anyMatch(read -> descends(spans, span, read)))
                            .orElseThrow();
                    one(
                                    spans,
                                    "notification's consumer span of the confirmation",
                                    span -> is(span, "notification", OtlpTraceReceiver.CONSUMER)
                                            && descends(spans, span, confirmed))
                            .orElseThrow();
                    one(
                            spans,
                            "notification's consumer span of childcare's reply",
                            span -> is(span, "notification", OtlpTraceReceiver.CONSUMER)
                                    && descends(spans, span, reply));
                    Span proxied = one(
                                    spans,
                                    "the gateway's client span (the proxied request)",
                                    span -> is(span, "gateway", OtlpTraceReceiver.CLIENT)
                                            && gateway.spanId().equals(span.parentSpanId()))
                            .orElseThrow();
                    assertThat(request.parentSpanId())
                            .as("registration's request hangs from the gateway's client span")
                            .isEqualTo(proxied.spanId());
                    // one tree: every span hangs from another span of the trace, up to the test's own
                    Map<String, Span> byId =
                            spans.stream().collect(Collectors.toMap(Span::spanId, span -> span, (a, b) -> a));
                    assertThat(spans)
                            .as("every span's parent is in the trace")
                            .allSatisfy(span -> assertThat(
                                            root.equals(span.parentSpanId()) || byId.containsKey(span.parentSpanId()))
                                    .as(describe(span) + " has parent " + span.parentSpanId())
                                    .isTrue());
                    assertThat(spans.stream().filter(span -> root.equals(span.parentSpanId())))
                            .as("one root under the caller: the gateway's server span")
                            .containsExactly(gateway);
                });

        List<Span> trace0 = receiver.spans().stream()
                .filter(span -> trace.equals(span.traceId()))
                .toList();
        List<String> secrets = new ArrayList<>(List.of(she, token, nickname, registrationId));
        subjectOf(token).ifPresent(secrets::add);
        assertThat(trace0)
                .as("no span holds her username, token, nickname, account id or registration id, in an attribute,"
                        + " an event or a status")
                .allSatisfy(span -> assertThat(secrets).as(describe(span)).noneMatch(span::holds));
        assertThat(trace0)
                .as("her address and browser are blanked where the instrumentation records them")
                .allSatisfy(span -> List.of("client.address", "network.peer.address", "user_agent.original")
                        .forEach(key -> assertThat(span.attributes().getOrDefault(key, "-"))
                                .as(describe(span) + " " + key)
                                .isEqualTo("-")));
        System.out.println("[one-trace] " + trace0.size() + " spans in trace " + trace + ":\n"
                + trace0.stream().map(OneTraceAcrossTheStackIT::describe).collect(Collectors.joining("\n")));
    }

    private static boolean is(Span span, String service, int kind) {
        return service.equals(span.service()) && span.kind() == kind;
    }

    private static Optional<Span> one(List<Span> spans, String what, Predicate<Span> which) {
        Optional<Span> found = spans.stream().filter(which).findFirst();
        assertThat(found)
                .as(what + " among "
                        + spans.stream().map(OneTraceAcrossTheStackIT::describe).toList())
                .isPresent();
        return found;
    }

    /** Whether {@code ancestor} is among the parents of {@code span}, following the parent links in {@code spans}. */
    private static boolean descends(List<Span> spans, Span span, Span ancestor) {
        Map<String, Span> byId = spans.stream().collect(Collectors.toMap(Span::spanId, s -> s, (a, b) -> a));
        Span at = span;
        for (int hops = 0; at != null && hops < 64; hops++) {
            if (ancestor.spanId().equals(at.parentSpanId())) {
                return true;
            }
            at = at.parentSpanId() == null ? null : byId.get(at.parentSpanId());
        }
        return false;
    }

    private static String describe(Span span) {
        return span.service() + " " + kindName(span.kind()) + " '" + span.name() + "' " + span.spanId() + " <- "
                + span.parentSpanId();
    }

    private static String kindName(int kind) {
        return switch (kind) {
            case OtlpTraceReceiver.SERVER -> "SERVER";
            case OtlpTraceReceiver.CLIENT -> "CLIENT";
            case OtlpTraceReceiver.PRODUCER -> "PRODUCER";
            case OtlpTraceReceiver.CONSUMER -> "CONSUMER";
            default -> "INTERNAL";
        };
    }

    /** Her account id (the token's subject), read from the token itself. */
    private static Optional<String> subjectOf(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher sub = Pattern.compile("\"sub\"\\s*:\\s*\"([^\"]+)\"").matcher(payload);
        return sub.find() ? Optional.of(sub.group(1)) : Optional.empty();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
