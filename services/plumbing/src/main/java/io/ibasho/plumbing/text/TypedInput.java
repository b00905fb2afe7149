package io.ibasho.plumbing.text;

import java.text.Normalizer;

/**
 * What she typed, read the way she meant it. A Japanese phone keyboard gives full-width digits, colons and hyphens
 * (６３８２３８, ０９０－１２３４－５６７８, ２２：００) and a long-vowel mark where a hyphen was meant; she may also copy a
 * code with a space in the middle. A service that checks a number or a code she typed reads it through here first, so
 * the API accepts what the web app's pages accept (the gateway reads her forms with its own copy of these rules: it
 * shares no module with the services).
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
