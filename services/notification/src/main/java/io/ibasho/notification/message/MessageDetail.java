package io.ibasho.notification.message;

/**
 * The facts a message can carry, each a {@code {placeholder}} in the in-app templates. Values are passed as
 * ready-to-read strings: dates already formatted in her language and time zone.
 *
 * <p>Every one of these can give away where she goes, so none may appear in what an external channel shows
 * before she opens the app: subject, preview, or the discreet e-mail.
 */
public enum MessageDetail {
    TITLE("title"),
    STARTS_AT("startsAt"),
    VENUE("venue"),
    ORGANISATION("organisation"),
    /** Her place on the reserve list. */
    POSITION("position"),
    /** When a seat offer lapses. */
    DEADLINE("deadline"),
    /** The organiser's reason for cancelling her booking. */
    REASON("reason"),
    /**
     * The app's page of the session (it shows the meeting link to her after login). There is deliberately no detail
     * for the meeting link itself: it never reaches this service, so no message can carry it.
     */
    SESSION_PAGE("sessionPage"),
    /** A course's dates and times, one per line: a course message names no title, only its dates. */
    COURSE_DATES("courseDates"),
    /** Her course page in the app, where she answers an offer or cancels. */
    COURSE_PAGE("coursePage");

    private final String placeholder;

    MessageDetail(String placeholder) {
        this.placeholder = placeholder;
    }

    /** The name used in the Qute templates, e.g. {@code startsAt} for {@code {startsAt}}. */
    public String placeholder() {
        return placeholder;
    }
}
