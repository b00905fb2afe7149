package io.ibasho.childcarebooking.service;

/**
 * The words she agrees to when she gives her children's nicknames or care notes, per language and version. The forms
 * show the current version; a record names the version it was given for, so a later change of words never rewrites
 * what she agreed to. A new wording is a new version here, never an edit of an old one.
 */
public final class ConsentWording {
    public static final String CHILDCARE_NOTES = "childcare-notes";
    public static final String CURRENT_VERSION = "2026-12";

    private ConsentWording() {}

    /** The wording of {@code version} in {@code language} ("ja" or "en"); null for a version this service never showed. */
    public static String text(String purpose, String version, String language) {
        if (!CHILDCARE_NOTES.equals(purpose) || !CURRENT_VERSION.equals(version)) {
            return null;
        }
        return "ja".equals(language)
                ? "お子さんの呼び名と保育へのメモは、その回の託児スタッフだけが読み、回のあと削除されます。" + "「わたしのデータ」からいつでも同意を取り消せます（メモはそのとき削除されます）。"
                : "Your children's nicknames and care notes are read only by the carers of that session and deleted after"
                        + " it. You can withdraw this consent at any time under My data (the notes are deleted then).";
    }
}
