package io.ibasho.plumbing.code;

import java.security.SecureRandom;

/**
 * Short codes read aloud or typed at the door (a booking's code, a drop-in childcare handover code): 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L, U/V).
 * 30^8 ≈ 6.6e11 codes, so a clash within one session is practically impossible; a unique index refuses it anyway.
 */
public final class DoorCodes {
    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ";
    static final int LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private DoorCodes() {}

    public static String next() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
