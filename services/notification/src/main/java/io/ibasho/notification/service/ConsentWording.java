package io.ibasho.notification.service;

/**
 * The words she agrees to when she confirms an e-mail address for messages, per language and version. The settings
 * page shows the current version next to the code field; a record names the version it was given for, so a later
 * change of words never rewrites what she agreed to. A new wording is a new version here, never an edit.
 */
public final class ConsentWording {
    public static final String EMAIL_CHANNEL = "email-channel";
    public static final String LINE_CHANNEL = "line-channel";
    public static final String CURRENT_VERSION = "2026-12";

    private ConsentWording() {}

    /** The wording of {@code version} in {@code language} ("ja" or "en"); null for a version never shown. */
    public static String text(String purpose, String version, String language) {
        if (!CURRENT_VERSION.equals(version)) {
            return null;
        }
        if (LINE_CHANNEL.equals(purpose)) {
            return "ja".equals(language)
                    ? "つないだLINEに、目立たない文面でお知らせを送ることに同意します。「わたしのデータ」からいつでも取り消せます（LINEとのつながりはそのとき解除されます）。"
                    : "I agree that discreet notices are sent to the LINE account I link. I can withdraw this at any time"
                            + " under My data (LINE is unlinked then).";
        }
        if (!EMAIL_CHANNEL.equals(purpose)) {
            return null;
        }
        return "ja".equals(language)
                ? "確認したメールアドレスに、目立たない件名でお知らせを送ることに同意します。" + "「わたしのデータ」からいつでも取り消せます（アドレスはそのとき削除されます）。"
                : "I agree that discreet messages are sent to the address I confirm. I can withdraw this at any time"
                        + " under My data (the address is removed then).";
    }
}
