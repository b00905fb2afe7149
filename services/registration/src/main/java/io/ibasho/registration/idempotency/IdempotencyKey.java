package io.ibasho.registration.idempotency;

import io.ibasho.plumbing.refusal.Refusal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code Idempotency-Key} request header of the IETF draft (an sf-string, e.g. {@code "8e03978e-..."}); clients
 * that send it unquoted are accepted too. Pure: parsing and the request fingerprint.
 */
public final class IdempotencyKey {
    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_LENGTH = 255;

    private IdempotencyKey() {}

    /**
     * The header as sent: an empty {@code Idempotency-Key:} reaches the resource as null (JAX-RS reads an empty value
     * as absent), but she asked for idempotency and must hear that the key is invalid, not be served without it.
     */
    public static String sent(String parsedHeader, java.util.List<String> rawValues) {
        if (parsedHeader != null) {
            return parsedHeader;
        }
        return rawValues == null || rawValues.isEmpty() ? null : String.valueOf(rawValues.get(0));
    }

    /** @return the key, or null when the header is absent (the request is then simply not idempotent) */
    public static String parse(String header) {
        if (header == null) {
            return null;
        }
        String key = header.strip();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        if (key.isEmpty()
                || key.length() > MAX_LENGTH
                || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e && c != '"' && c != '\\')) {
            throw new Refusal(
                    Refusal.Kind.BAD_INPUT,
                    "idempotency-key-invalid",
                    "Invalid Idempotency-Key",
                    "Idempotency-Key must be 1 to " + MAX_LENGTH + " visible ASCII characters, e.g. a UUID.");
        }
        return key;
    }

    /** SHA-256 over what makes two requests "the same": the method, the path and the (canonical JSON) body. */
    public static String fingerprint(String method, String path, String canonicalBody) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((method + "\n" + path + "\n" + (canonicalBody == null ? "" : canonicalBody))
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
