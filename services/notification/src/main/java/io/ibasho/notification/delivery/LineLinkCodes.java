package io.ibasho.notification.delivery;

import io.ibasho.typedinput.TypedInput;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The one-time code she sends to the official account to link her LINE: 8 characters from an alphabet without the
 * look-alikes (0/O, 1/I), so she can type it from the screen; 32^8 = 2^40 codes, valid for minutes. Stored only as an
 * HMAC keyed with the channel secret: the webhook brings the code, not her account, so the lookup is by that HMAC.
 */
public final class LineLinkCodes {
    static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    public static final int LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private LineLinkCodes() {}

    public static String newCode() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /**
     * The code in a message she typed, if the message is one: case, spaces and hyphens do not matter (she may copy
     * "ABCD-EFGH" or type it in lower case). Anything else she writes is not a code and is not looked at further.
     */
    public static Optional<String> inMessage(String text) {
        if (text == null || text.length() > 40) {
            return Optional.empty();
        }
        // full-width letters and digits from a Japanese keyboard are the same code
        String normalised = TypedInput.withoutSeparators(text);
        if (normalised == null || normalised.length() != LENGTH) {
            return Optional.empty();
        }
        normalised = normalised.toUpperCase(Locale.ROOT);
        for (char c : normalised.toCharArray()) {
            if (ALPHABET.indexOf(c) < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(normalised);
    }

    public static String hash(String channelSecret, String code) {
        return HexFormat.of().formatHex(LineSignature.hmac(channelSecret, code.getBytes(StandardCharsets.UTF_8)));
    }

    /** How she sees it on screen: two groups of four. */
    public static String display(String code) {
        return code.substring(0, 4) + "-" + code.substring(4);
    }
}
