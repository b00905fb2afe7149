package io.ibasho.notification.message;

/**
 * How much an external channel (e-mail, push, SMS) may say. Discreet unless she opted in: someone else may read
 * her mail or see her lock screen.
 */
public enum DetailPreference {
    /** Only "there is a new message" and a link to the inbox. */
    DISCREET,
    /** The full text in the e-mail body; subject, sender and preview stay neutral all the same. */
    FULL_DETAIL;

    public static final DetailPreference DEFAULT = DISCREET;
}
