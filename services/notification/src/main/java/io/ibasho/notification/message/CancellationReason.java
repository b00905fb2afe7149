package io.ibasho.notification.message;

/**
 * The organiser's reason for cancelling a booking arrives as a code (events carry codes, never free text: ADR 0005);
 * its words are here. Anything else (a saga code, a reason typed before the codes) reads as "other".
 */
public enum CancellationReason {
    VENUE("会場の都合", "circumstances at the venue"),
    SPEAKER("講師の都合", "the speaker's circumstances"),
    WEATHER("天候", "the weather"),
    OTHER("その他", "other circumstances");

    private final String japanese;
    private final String english;

    CancellationReason(String japanese, String english) {
        this.japanese = japanese;
        this.english = english;
    }

    public static CancellationReason of(String code) {
        for (CancellationReason reason : values()) {
            if (reason.name().equals(code)) {
                return reason;
            }
        }
        return OTHER;
    }

    public String wording(Language language) {
        return language == Language.EN ? english : japanese;
    }
}
