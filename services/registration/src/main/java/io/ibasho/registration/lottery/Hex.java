package io.ibasho.registration.lottery;

import java.util.HexFormat;
import java.util.Locale;

/** Hex handling shared by the seed, the commitment and the digests, so they all accept the same text. */
final class Hex {

    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {}

    static boolean isHex(String s) {
        // Explicit ASCII ranges: Character.digit would also accept full-width and other Unicode digits.
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) {
                return false;
            }
        }
        return true;
    }

    /** Lower-case hex of exactly {@code bytes} bytes, or an exception naming {@code what}. */
    static String requireHex(String s, int bytes, String what) {
        if (s == null || s.length() != bytes * 2 || !isHex(s)) {
            throw new IllegalArgumentException(what + " must be exactly " + (bytes * 2) + " hexadecimal characters");
        }
        return s.toLowerCase(Locale.ROOT);
    }

    static String of(byte[] bytes) {
        return LOWER.formatHex(bytes);
    }
}
