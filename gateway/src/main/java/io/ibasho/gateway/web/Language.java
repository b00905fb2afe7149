package io.ibasho.gateway.web;

import java.util.Locale;

/** The two languages of the web app; Japanese unless she chose English (cookie {@code lang} or {@code ?lang=en}). */
public enum Language {
    JA("ja", Locale.JAPANESE),
    EN("en", Locale.ENGLISH);

    public static final String COOKIE = "lang";

    private final String tag;
    private final Locale locale;

    Language(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    public String tag() {
        return tag;
    }

    public Locale locale() {
        return locale;
    }

    public Language other() {
        return this == JA ? EN : JA;
    }

    /** Null for anything that is not exactly ja or en, so that a stray value never switches the language. */
    public static Language ofTag(String tag) {
        if ("ja".equals(tag)) {
            return JA;
        }
        if ("en".equals(tag)) {
            return EN;
        }
        return null;
    }
}
