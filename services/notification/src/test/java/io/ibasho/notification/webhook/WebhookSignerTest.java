package io.ibasho.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {
    // The test vector published with the Standard Webhooks spec.
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final byte[] SPEC_PAYLOAD = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final Instant NOW = Instant.ofEpochSecond(SPEC_TIMESTAMP);
    private final SecureRandom random = new SecureRandom();

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void signsTheSpecTestVector() {
        var secrets = EndpointSecrets.initial(WebhookSecret.parse(SPEC_SECRET), NOW);

        WebhookHeaders headers = new WebhookSigner(at(NOW)).sign(SPEC_MSG_ID, SPEC_PAYLOAD, secrets);

        assertThat(headers.signature()).isEqualTo(SPEC_SIGNATURE);
        assertThat(headers.asMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "webhook-id", SPEC_MSG_ID,
                        "webhook-timestamp", "1614265330",
                        "webhook-signature", SPEC_SIGNATURE));
    }

    @Test
    void verifierAcceptsTheSpecTestVector() throws Exception {
        new WebhookVerifier(at(NOW))
                .verify(
                        Map.of(
                                "webhook-id",
                                SPEC_MSG_ID,
                                "webhook-timestamp",
                                "1614265330",
                                "webhook-signature",
                                SPEC_SIGNATURE),
                        SPEC_PAYLOAD,
                        List.of(WebhookSecret.parse(SPEC_SECRET)));
    }

    @Test
    void verifierAcceptsWhatTheSignerSigned() throws Exception {
        WebhookSecret secret = WebhookSecret.generate(random);
        byte[] body = "{\"type\":\"session.changed\"}".getBytes(StandardCharsets.UTF_8);

        WebhookHeaders headers = new WebhookSigner(at(NOW))
                .sign(WebhookSigner.newMessageId(random), body, EndpointSecrets.initial(secret, NOW));

        new WebhookVerifier(at(NOW)).verify(headers.asMap(), body, List.of(secret));
    }

    @Test
    void tamperedBodyFails() {
        var headers = new WebhookSigner(at(NOW))
                .sign(SPEC_MSG_ID, SPEC_PAYLOAD, EndpointSecrets.initial(WebhookSecret.parse(SPEC_SECRET), NOW));
        byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new WebhookVerifier(at(NOW))
                        .verify(headers.asMap(), tampered, List.of(WebhookSecret.parse(SPEC_SECRET))))
                .isInstanceOfSatisfying(
                        WebhookVerificationException.class,
                        e -> assertThat(e.reason())
                                .isEqualTo(WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE));
    }

    @Test
    void wrongSecretFails() {
        var headers = new WebhookSigner(at(NOW))
                .sign(SPEC_MSG_ID, SPEC_PAYLOAD, EndpointSecrets.initial(WebhookSecret.generate(random), NOW));

        assertThatThrownBy(() -> new WebhookVerifier(at(NOW))
                        .verify(headers.asMap(), SPEC_PAYLOAD, List.of(WebhookSecret.generate(random))))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void timestampOutsideToleranceFailsInBothDirections() {
        var headers = new WebhookSigner(at(NOW))
                .sign(SPEC_MSG_ID, SPEC_PAYLOAD, EndpointSecrets.initial(WebhookSecret.parse(SPEC_SECRET), NOW));
        List<WebhookSecret> secrets = List.of(WebhookSecret.parse(SPEC_SECRET));

        for (Duration offset : List.of(
                Duration.ofMinutes(5).plusSeconds(1), Duration.ofMinutes(-5).minusSeconds(1))) {
            assertThatThrownBy(() ->
                            new WebhookVerifier(at(NOW.plus(offset))).verify(headers.asMap(), SPEC_PAYLOAD, secrets))
                    .isInstanceOfSatisfying(
                            WebhookVerificationException.class,
                            e -> assertThat(e.reason())
                                    .isEqualTo(WebhookVerificationException.Reason.TIMESTAMP_OUT_OF_TOLERANCE));
        }
    }

    @Test
    void timestampAtTheEdgeOfToleranceIsAccepted() throws Exception {
        var headers = new WebhookSigner(at(NOW))
                .sign(SPEC_MSG_ID, SPEC_PAYLOAD, EndpointSecrets.initial(WebhookSecret.parse(SPEC_SECRET), NOW));

        new WebhookVerifier(at(NOW.plus(Duration.ofMinutes(5))))
                .verify(headers.asMap(), SPEC_PAYLOAD, List.of(WebhookSecret.parse(SPEC_SECRET)));
    }

    @Test
    void replayingASignatureWithAFreshTimestampFails() {
        // The timestamp is signed, so an attacker cannot refresh an old delivery to slip it past the tolerance.
        var old = new WebhookSigner(at(NOW))
                .sign(SPEC_MSG_ID, SPEC_PAYLOAD, EndpointSecrets.initial(WebhookSecret.parse(SPEC_SECRET), NOW));
        Instant later = NOW.plus(Duration.ofHours(1));
        Map<String, String> replayed = new HashMap<>(old.asMap());
        replayed.put("webhook-timestamp", Long.toString(later.getEpochSecond()));

        assertThatThrownBy(() -> new WebhookVerifier(at(later))
                        .verify(replayed, SPEC_PAYLOAD, List.of(WebhookSecret.parse(SPEC_SECRET))))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void rotationSignsWithBothSecretsDuringTheOverlapAndEitherVerifies() throws Exception {
        WebhookSecret oldSecret = WebhookSecret.generate(random);
        WebhookSecret newSecret = WebhookSecret.generate(random);
        EndpointSecrets rotated = EndpointSecrets.initial(oldSecret, NOW.minus(Duration.ofDays(30)))
                .rotate(newSecret, NOW, Duration.ofHours(24));

        WebhookHeaders headers =
                new WebhookSigner(at(NOW.plus(Duration.ofHours(1)))).sign(SPEC_MSG_ID, SPEC_PAYLOAD, rotated);

        assertThat(headers.signature().split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        var verifier = new WebhookVerifier(at(NOW.plus(Duration.ofHours(1))));
        verifier.verify(headers.asMap(), SPEC_PAYLOAD, List.of(oldSecret));
        verifier.verify(headers.asMap(), SPEC_PAYLOAD, List.of(newSecret));
    }

    @Test
    void afterTheOverlapOnlyTheNewSecretSigns() throws Exception {
        WebhookSecret oldSecret = WebhookSecret.generate(random);
        WebhookSecret newSecret = WebhookSecret.generate(random);
        EndpointSecrets rotated = EndpointSecrets.initial(oldSecret, NOW.minus(Duration.ofDays(30)))
                .rotate(newSecret, NOW, Duration.ofHours(24));
        Instant afterOverlap = NOW.plus(Duration.ofHours(24));

        WebhookHeaders headers = new WebhookSigner(at(afterOverlap)).sign(SPEC_MSG_ID, SPEC_PAYLOAD, rotated);

        assertThat(headers.signature().split(" ")).hasSize(1);
        new WebhookVerifier(at(afterOverlap)).verify(headers.asMap(), SPEC_PAYLOAD, List.of(newSecret));
        assertThatThrownBy(() ->
                        new WebhookVerifier(at(afterOverlap)).verify(headers.asMap(), SPEC_PAYLOAD, List.of(oldSecret)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void rotatingAgainDropsExpiredSecrets() {
        var first = WebhookSecret.generate(random);
        var secrets = EndpointSecrets.initial(first, NOW)
                .rotate(WebhookSecret.generate(random), NOW.plus(Duration.ofDays(1)), Duration.ofHours(1))
                .rotate(WebhookSecret.generate(random), NOW.plus(Duration.ofDays(2)), Duration.ofHours(1));

        assertThat(secrets.secrets()).hasSize(2).noneMatch(span -> span.secret() == first);
    }

    @Test
    void verifierIgnoresUnknownVersionsAndGarbageEntries() throws Exception {
        String header = "v1a,abc v1,!!!notbase64 " + SPEC_SIGNATURE;

        new WebhookVerifier(at(NOW))
                .verify(
                        Map.of(
                                "Webhook-Id",
                                SPEC_MSG_ID,
                                "Webhook-Timestamp",
                                "1614265330",
                                "Webhook-Signature",
                                header),
                        SPEC_PAYLOAD,
                        List.of(WebhookSecret.parse(SPEC_SECRET)));
    }

    @Test
    void missingHeaderFails() {
        assertThatThrownBy(() -> new WebhookVerifier(at(NOW))
                        .verify(
                                Map.of("webhook-id", SPEC_MSG_ID, "webhook-signature", SPEC_SIGNATURE),
                                SPEC_PAYLOAD,
                                List.of(WebhookSecret.parse(SPEC_SECRET))))
                .isInstanceOfSatisfying(
                        WebhookVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(WebhookVerificationException.Reason.MISSING_HEADER));
    }

    @Test
    void refusesToSignWithoutAValidSecret() {
        var expired = new EndpointSecrets(List.of(new EndpointSecrets.ValiditySpan(
                WebhookSecret.generate(random), NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(1)))));

        assertThatThrownBy(() -> new WebhookSigner(at(NOW)).sign(SPEC_MSG_ID, SPEC_PAYLOAD, expired))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesMessageIdsThatBlurTheSignedContent() {
        var secrets = EndpointSecrets.initial(WebhookSecret.parse(SPEC_SECRET), NOW);

        assertThatThrownBy(() -> new WebhookSigner(at(NOW)).sign("msg.1", SPEC_PAYLOAD, secrets))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
