package io.ibasho.notification.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals webhook signing secrets for storage: AES-256-GCM under a key that lives outside the database (configuration,
 * a Kubernetes Secret), so a copy of the database alone does not let anyone sign messages that partners would trust.
 * Stored form: {@code sealed:v1:<base64 of 12-byte nonce || ciphertext and tag>}. The associated data binds a sealed
 * value to its endpoint, so one endpoint's sealed secret cannot be moved to another's row. Values without the prefix
 * are secrets stored before sealing existed; they are read as they are and sealed on their next rotation.
 */
public final class SecretSealer {
    public static final String PREFIX = "sealed:v1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    /** @param base64Key 32 random bytes, base64 (e.g. {@code openssl rand -base64 32}) */
    public SecretSealer(String base64Key, SecureRandom random) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key == null ? "" : base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the webhook secret key is not base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException(
                    "the webhook secret key must be " + KEY_BYTES + " bytes (base64), not " + bytes.length);
        }
        this.key = new SecretKeySpec(bytes, "AES");
        this.random = random;
    }

    public String seal(String plaintext, String boundTo) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not seal a webhook secret", e);
        }
    }

    /** The plaintext; fails on a value sealed under another key, for another endpoint, or altered. */
    public String open(String stored, String boundTo) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored; // stored before sealing existed
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("a sealed webhook secret is damaged");
        }
        if (bytes.length <= NONCE_BYTES) {
            throw new IllegalStateException("a sealed webhook secret is damaged");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // never the value or the key in the message
            throw new IllegalStateException(
                    "a sealed webhook secret could not be opened (another key, another endpoint, or altered)");
        }
    }
}
