package io.ibasho.notification.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs outgoing partner webhooks as the Standard Webhooks spec (standardwebhooks.com) describes:
 * {@code v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>}, one entry per currently valid secret,
 * separated by spaces.
 *
 * <p>Sign again on every attempt: the timestamp is the attempt's, and receivers reject stale ones. The message id
 * stays the same across attempts so receivers can deduplicate.
 */
public final class WebhookSigner {
    private static final String ALGORITHM = "HmacSHA256";
    /** Our own ids only; a '.' would blur the boundary between id and timestamp in the signed content. */
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final Clock clock;

    public WebhookSigner(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A fresh id for a new message, {@code msg_} + 128 random bits; reuse it for every retry of that message. */
    public static String newMessageId(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public WebhookHeaders sign(String messageId, byte[] body, EndpointSecrets secrets) {
        Instant now = clock.instant();
        List<WebhookSecret> valid = secrets.validAt(now);
        if (valid.isEmpty()) {
            throw new IllegalStateException("endpoint has no secret valid at " + now + "; refusing to send unsigned");
        }
        return sign(messageId, now.getEpochSecond(), body, valid);
    }

    static WebhookHeaders sign(String messageId, long timestamp, byte[] body, List<WebhookSecret> secrets) {
        if (messageId == null || !MESSAGE_ID.matcher(messageId).matches()) {
            throw new IllegalArgumentException("message id must match " + MESSAGE_ID.pattern());
        }
        Objects.requireNonNull(body, "body");
        String signature = secrets.stream()
                .map(secret -> "v1," + Base64.getEncoder().encodeToString(hmac(secret, messageId, timestamp, body)))
                .collect(Collectors.joining(" "));
        return new WebhookHeaders(messageId, timestamp, signature);
    }

    private static byte[] hmac(WebhookSecret secret, String messageId, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.keyBytes(), ALGORITHM));
            mac.update((messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }
}
