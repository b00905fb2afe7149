package io.ibasho.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Six-digit codes that prove an address belongs to whoever asked for it. The code itself is never stored: only a
 * salted SHA-256 bound to the owner and the address, so a code for one address never confirms another.
 */
public final class VerificationCodes {
    private static final SecureRandom RANDOM = new SecureRandom();

    private VerificationCodes() {}

    public static String newCode() {
        return "%06d".formatted(RANDOM.nextInt(1_000_000));
    }

    public static String newSalt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return Base64.getEncoder().encodeToString(salt);
    }

    public static String hash(String salt, String owner, String address, String code) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((salt + "\n" + owner + "\n" + address.toLowerCase(Locale.ROOT) + "\n" + code)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of the presented code's hash with the stored one. */
    public static boolean matches(String storedHash, String salt, String owner, String address, String presented) {
        String hash = hash(salt, owner, address, presented == null ? "" : presented.trim());
        return MessageDigest.isEqual(
                hash.getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
