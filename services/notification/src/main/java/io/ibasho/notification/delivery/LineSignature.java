package io.ibasho.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * LINE's webhook signature: {@code X-Line-Signature} = base64(HMAC-SHA256(channel secret, raw body)), computed over the
 * bytes exactly as they arrived (https://developers.line.biz/en/docs/messaging-api/verify-webhook-signature/).
 */
public final class LineSignature {
    private LineSignature() {}

    public static String of(String channelSecret, byte[] body) {
        return Base64.getEncoder().encodeToString(hmac(channelSecret, body));
    }

    /** Constant-time; a missing or malformed header is simply not valid. */
    public static boolean valid(String channelSecret, byte[] body, String header) {
        if (header == null || header.isBlank()) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(channelSecret, body), given);
    }

    static byte[] hmac(String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
