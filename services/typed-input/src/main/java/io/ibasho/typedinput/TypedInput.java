package io.ibasho.typedinput;

import java.text.Normalizer;

/**
 * What she typed, read the way she meant it. A Japanese phone keyboard gives full-width digits, colons and hyphens
 * (６３８２３８, ０９０－１２３４－５６７８, ２２：００) and a long-vowel mark where a hyphen was meant; she may also copy a
 * code with a space in the middle. The gateway's pages and the services' APIs read a number, a code or a time through
 * here first, with the same rules, so neither refuses what she typed correctly.
 */
public final class TypedInput {
    /** Marks a Japanese keyboard gives for a hyphen that NFKC leaves as they are (minus sign, dashes, ー). */
    private static final String DASHES = "[\\u2010-\\u2015\\u2212\\u30FC\\uFF70]";

    private TypedInput() {}

    /** NFKC (full-width to half-width), dash look-alikes as "-", outer spaces removed; null when nothing is left. */
    public static String plain(String typed) {
        if (typed == null) {
            return null;
        }
        String plain = Normalizer.normalize(typed, Normalizer.Form.NFKC)
                .replaceAll(DASHES, "-")
                .strip();
        return plain.isEmpty() ? null : plain;
    }

    /**
     * A time of day typed as H:MM or HH:MM (a browser without a time picker gives a text field: "9:00", "２２：００"),
     * as HH:MM; null when it is not a time of day (24:00, 9:0, 9時).
     */
    public static String time(String typed) {
        String plain = plain(typed);
        if (plain == null || !plain.matches("([01]?[0-9]|2[0-3]):[0-5][0-9]")) {
            return null;
        }
        return plain.length() == 4 ? "0" + plain : plain;
    }

    /** {@link #plain} without the spaces and hyphens that only separate groups ("638 238", "ABCD-EFGH"). */
    public static String withoutSeparators(String typed) {
        String plain = plain(typed);
        if (plain == null) {
            return null;
        }
        String joined = plain.replaceAll("[\\s-]", "");
        return joined.isEmpty() ? null : joined;
    }
}
