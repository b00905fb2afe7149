package io.ibasho.notification.message;

import java.util.Locale;

/** The languages messages are written in. Japanese unless she chose English. */
public enum Language {
    JA("ja"),
    EN("en");

    public static final Language DEFAULT = JA;

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /** Her profile's language tag ("en", "en-GB", "ja-JP"); anything else or nothing falls back to Japanese. */
    public static Language fromTag(String languageTag) {
        if (languageTag == null) {
            return DEFAULT;
        }
        String language = Locale.forLanguageTag(languageTag.trim()).getLanguage();
        for (Language candidate : values()) {
            if (candidate.tag.equals(language)) {
                return candidate;
            }
        }
        return DEFAULT;
    }
}
