package io.ibasho.gateway.recovery;

import io.ibasho.typedinput.TypedInput;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Her recovery codes: 16 characters of Crockford's base32 (80 random bits, read aloud or copied by hand without
 * 0/O or 1/I/L confusion), shown as {@code XXXX-XXXX-XXXX-XXXX}. Only a salted SHA-256 of each is stored: with 80
 * random bits a slow hash adds nothing, and checking stays cheap for the recovery page. docs/adr/0019.
 */
public final class RecoveryCodes {
    public static final int COUNT = 10;
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int LENGTH = 16;
    private static final String VERSION = "v1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {}

    /** Fresh codes, formatted for her to write down. */
    public static List<String> generate(int count) {
        List<String> codes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder code = new StringBuilder(LENGTH + 3);
            for (int c = 0; c < LENGTH; c++) {
                if (c > 0 && c % 4 == 0) {
                    code.append('-');
                }
                code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            codes.add(code.toString());
        }
        return codes;
    }

    /** What is stored for a code: {@code v1:<salt>:<sha256(salt, code)>}, both base64. */
    public static String hash(String code) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return VERSION + ":" + b64(salt) + ":" + b64(digest(salt, normalise(code)));
    }

    /** Whether what she typed is the code behind a stored hash (constant time). */
    public static boolean matches(String stored, String typed) {
        String normalised = normalise(typed);
        if (stored == null || normalised == null) {
            return false;
        }
        String[] parts = stored.split(":");
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[1]);
            byte[] expected = Base64.getDecoder().decode(parts[2]);
            return MessageDigest.isEqual(expected, digest(salt, normalised));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Upper case, without spaces and hyphens, with the letters people mistake for digits read as the digits; null when
     * it cannot be a code at all.
     */
    static String normalise(String typed) {
        if (typed == null) {
            return null;
        }
        // a Japanese keyboard may give full-width letters, digits and hyphens
        String plain = TypedInput.withoutSeparators(typed);
        if (plain == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(LENGTH);
        for (char ch : plain.toUpperCase(Locale.ROOT).toCharArray()) {
            char c = switch (ch) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> ch;
            };
            if (ALPHABET.indexOf(c) < 0) {
                return null;
            }
            out.append(c);
        }
        return out.length() == LENGTH ? out.toString() : null;
    }

    private static byte[] digest(byte[] salt, String normalised) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(normalised.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
