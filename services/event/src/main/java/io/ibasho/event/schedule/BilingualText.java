package io.ibasho.event.schedule;

/**
 * Text shown to participants: Japanese is the text of record, English is optional. Blank English counts as absent;
 * a blank Japanese text is reported by the validators rather than rejected here, so a form can show every problem.
 */
public record BilingualText(String ja, String en) {

    public BilingualText {
        ja = ja == null ? null : ja.strip();
        en = en == null || en.isBlank() ? null : en.strip();
    }

    public static BilingualText ja(String ja) {
        return new BilingualText(ja, null);
    }

    public static BilingualText of(String ja, String en) {
        return new BilingualText(ja, en);
    }

    public boolean hasJa() {
        return ja != null && !ja.isEmpty();
    }
}
