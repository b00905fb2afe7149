package io.ibasho.notification.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a Standard Webhooks delivery the way a partner would.
 *
 * <p>Deliberately written without any of {@link WebhookSigner}'s code: the tests use it as the oracle for the
 * signer, and a bug shared by both would cancel out and pass unnoticed.
 */
public final class WebhookVerifier {
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final Clock clock;
    private final Duration tolerance;

    public WebhookVerifier(Clock clock) {
        this(clock, DEFAULT_TOLERANCE);
    }

    public WebhookVerifier(Clock clock, Duration tolerance) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must not be negative");
        }
        this.tolerance = tolerance;
    }

    /**
     * Passes if the timestamp is within the tolerance of now, in either direction (a replayed old delivery and one
     * stamped in the future are both refused), and any {@code v1} signature matches any of {@code secrets}.
     */
    public void verify(Map<String, String> headers, byte[] body, List<WebhookSecret> secrets)
            throws WebhookVerificationException {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        String id = required(byName, WebhookHeaders.ID);
        String timestampText = required(byName, WebhookHeaders.TIMESTAMP);
        String signatures = required(byName, WebhookHeaders.SIGNATURE);

        long timestamp;
        try {
            timestamp = Long.parseLong(timestampText.trim());
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException(
                    WebhookVerificationException.Reason.MALFORMED_TIMESTAMP,
                    "webhook-timestamp is not a number of seconds");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - timestamp);
        if (skew > tolerance.toSeconds()) {
            throw new WebhookVerificationException(
                    WebhookVerificationException.Reason.TIMESTAMP_OUT_OF_TOLERANCE,
                    "webhook-timestamp is " + skew + " s away from now");
        }

        byte[] prefix = (id + "." + timestampText.trim() + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signedContent = ByteBuffer.allocate(prefix.length + body.length)
                .put(prefix)
                .put(body)
                .array();
        for (WebhookSecret secret : secrets) {
            byte[] expected = hmacSha256(secret, signedContent);
            for (String entry : signatures.trim().split(" +")) {
                int comma = entry.indexOf(',');
                if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
                    continue; // other versions (e.g. v1a asymmetric) are not ours to check
                }
                byte[] presented;
                try {
                    presented = Base64.getDecoder().decode(entry.substring(comma + 1));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                // Constant-time: an early-exit compare leaks how many leading bytes were right.
                if (MessageDigest.isEqual(expected, presented)) {
                    return;
                }
            }
        }
        throw new WebhookVerificationException(
                WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE, "no v1 signature matches any secret");
    }

    private static String required(Map<String, String> headers, String name) throws WebhookVerificationException {
        String value = headers.get(name);
        if (value == null || value.isBlank()) {
            throw new WebhookVerificationException(
                    WebhookVerificationException.Reason.MISSING_HEADER, name + " is missing");
        }
        return value;
    }

    private static byte[] hmacSha256(WebhookSecret secret, byte[] content) {
        String encoded = secret.encoded();
        byte[] key = Base64.getDecoder().decode(encoded.substring(encoded.indexOf('_') + 1));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
