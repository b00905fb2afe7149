package io.ibasho.notification.webhook;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A partner endpoint's signing secret in the Standard Webhooks form {@code whsec_<base64 of the key bytes>}.
 *
 * <p>The spec allows keys of 24 to 64 bytes; anything shorter is refused because a short HMAC key is the one thing
 * that would let someone forge schedule updates to a partner.
 */
public final class WebhookSecret {
    public static final String PREFIX = "whsec_";
    public static final int MIN_KEY_BYTES = 24;
    public static final int MAX_KEY_BYTES = 64;
    /** What we generate: comfortably above the minimum, the length of the HMAC-SHA256 output. */
    public static final int GENERATED_KEY_BYTES = 32;

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "webhook secret must be " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES + " bytes, was " + key.length);
        }
        this.key = key.clone();
    }

    public static WebhookSecret generate(SecureRandom random) {
        byte[] key = new byte[GENERATED_KEY_BYTES];
        random.nextBytes(key);
        return new WebhookSecret(key);
    }

    /** Parses {@code whsec_<base64>}; refuses a missing prefix, bad base64 and keys outside 24..64 bytes. */
    public static WebhookSecret parse(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        if (!encoded.startsWith(PREFIX)) {
            throw new IllegalArgumentException("webhook secret must start with " + PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webhook secret is not valid base64", e);
        }
        return new WebhookSecret(key);
    }

    /** The form shown once to the partner and stored (encrypted) by the service. */
    public String encoded() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    byte[] keyBytes() {
        return key.clone();
    }

    /** Never prints the key: secrets end up in logs through toString far too easily. */
    @Override
    public String toString() {
        return PREFIX + "…(redacted)";
    }
}
