package io.ibasho.gateway.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 託児 alone at a drop-in café: the form's rules and every refusal of the childcare-booking service in plain words,
 * placed next to the field they are about. Pure, so each sentence a mother reads is tested without a server; the
 * service stays the authority (its limits are mirrored here only to tell mistakes at once).
 */
public final class DropInChildcareForm {
    /** Children per reservation on the form; the service takes up to 10, three rows keep the phone form short. */
    public static final int ROWS = 3;

    static final int MAX_NICKNAME = 20;
    static final int MAX_NOTES = 500;

    private DropInChildcareForm() {}

    /** One row of the form as she filled it in. */
    public record Row(String age, String nickname, String notes) {}

    /** What was entered, cleaned: the children (ages with optional nickname and notes) and the problems per field. */
    public record Checked(JsonArray children, Map<String, String> errors) {}

    /** Field keys: {@code childAge} (the children as a whole), {@code childNickname{n}}, {@code careNotes{n}}. */
    public static Checked check(List<Row> rows, Language language) {
        boolean ja = language == Language.JA;
        Map<String, String> errors = new LinkedHashMap<>();
        JsonArray children = new JsonArray();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            int n = i + 1;
            String nickname = stripped(row.nickname());
            String notes = stripped(row.notes());
            if (row.age() == null || row.age().isBlank()) {
                if (nickname != null || notes != null) {
                    errors.put(
                            "childAge",
                            ja ? n + "人目のお子さんの年齢を選んでください。" : "Choose the age of child " + n + ", or clear that row.");
                }
                continue;
            }
            Integer age = age(row.age());
            if (age == null) {
                errors.put("childAge", ja ? "お子さんの年齢を一覧から選んでください。" : "Choose each child's age from the list.");
                continue;
            }
            if (nickname != null && nickname.codePointCount(0, nickname.length()) > MAX_NICKNAME) {
                errors.put(
                        "childNickname" + n,
                        ja
                                ? "呼び名は" + MAX_NICKNAME + "文字までです。"
                                : "A name to call is at most " + MAX_NICKNAME + " characters.");
            } else if (nickname != null && !plain(nickname)) {
                errors.put("childNickname" + n, ja ? "呼び名に < と > は使えません。" : "A name to call cannot contain < or >.");
            }
            if (notes != null && notes.codePointCount(0, notes.length()) > MAX_NOTES) {
                errors.put(
                        "careNotes" + n,
                        ja ? "保育者への連絡は" + MAX_NOTES + "文字までです。" : "Notes are at most " + MAX_NOTES + " characters.");
            } else if (notes != null && notes.chars().anyMatch(c -> c == '<' || c == '>')) {
                errors.put("careNotes" + n, ja ? "保育者への連絡に < と > は使えません。" : "Notes cannot contain < or >.");
            }
            JsonObject child = new JsonObject().put("ageYears", age);
            if (nickname != null) {
                child.put("childNickname", nickname);
            }
            if (notes != null) {
                child.put("careNotes", notes);
            }
            children.add(child);
        }
        if (children.isEmpty() && !errors.containsKey("childAge")) {
            errors.put("childAge", ja ? "託児が必要なお子さんの年齢を選んでください。" : "Choose the age of each child who needs childcare.");
        }
        return new Checked(children, errors);
    }

    /** What the childcare-booking service answered a reservation, beyond success. */
    public enum Refused {
        /** The refusal belongs next to the children's fields: the form is shown again. */
        FORM,
        /** She already holds one for this session: the form points to My bookings. */
        ALREADY_RESERVED,
        /** Not an attendee account (ADR 0008). */
        NOT_ATTENDEE,
        /** The service is down or answered something unexpected. */
        UNAVAILABLE
    }

    public static Refused refused(int status, String problem) {
        return switch (problem == null ? "" : problem) {
            case "childcare-deadline-passed",
                    "childcare-age-out-of-range",
                    "childcare-full",
                    "childcare-not-offered",
                    "not-drop-in",
                    "validation",
                    "malformed-json",
                    "not-found" -> Refused.FORM;
            case "already-reserved" -> Refused.ALREADY_RESERVED;
            default ->
                status == 403
                        ? Refused.NOT_ATTENDEE
                        : status == 404 || status == 409 || status == 400 ? Refused.FORM : Refused.UNAVAILABLE;
        };
    }

    /**
     * The refusal as a sentence next to the children's fields, with what she can do. {@code minAge}, {@code maxAge}
     * and {@code deadline} are the session's childcare offer (null when unknown).
     */
    public static String refusal(
            String problem, Integer minAge, Integer maxAge, OffsetDateTime deadline, Language language) {
        boolean ja = language == Language.JA;
        return switch (problem == null ? "" : problem) {
            case "childcare-deadline-passed" ->
                deadline == null
                        ? (ja
                                ? "託児の申込締切を過ぎたため、予約できません。"
                                : "The childcare deadline has passed, so it cannot be reserved.")
                        : ja
                                ? "託児の申込締切（" + Wording.at(deadline, language) + "）を過ぎたため、予約できません。"
                                : "The childcare deadline (" + Wording.at(deadline, language)
                                        + ") has passed, so it cannot be reserved.";
            case "childcare-age-out-of-range" ->
                minAge == null || maxAge == null
                        ? (ja ? "この回の託児では、この年齢のお子さんをお預かりできません。" : "The carers cannot take a child of this age here.")
                        : ja
                                ? "この回の託児は " + minAge + "〜" + maxAge + "歳のお子さんが対象です。年齢を確かめてください。"
                                : "Childcare here is for children aged " + minAge + " to " + maxAge
                                        + ". Please check the ages.";
            case "childcare-full" ->
                ja
                        ? "保育者の人数に対して空きが足りず、このお子さんたちをお預かりできません。人数を減らすか、ほかの回をご検討ください。"
                        : "There are not enough carers left for these children. Try fewer children or another session.";
            case "childcare-not-offered" -> ja ? "この回には託児がありません。" : "This session has no childcare.";
            case "not-drop-in" ->
                ja
                        ? "この回は予約が必要です。席の予約と一緒に託児を申し込んでください。"
                        : "This session takes bookings: ask for childcare together with your seat.";
            case "not-found" ->
                ja
                        ? "託児の受付の準備がまだできていません。少し待ってからもう一度お試しください。"
                        : "Childcare for this session is not ready yet. Please try again in a moment.";
            default ->
                ja
                        ? "お子さんの年齢、呼び名、保育者への連絡を確かめてください（呼び名は20文字まで、保育者への連絡は500文字まで、< と > は使えません）。"
                        : "Check the ages, names to call and notes (names up to 20 characters, notes up to 500, no < or >).";
        };
    }

    /** Whether she may still reserve: the session is open, offers childcare and its deadline has not passed. */
    public static boolean open(
            boolean dropIn, boolean childcareOffered, OffsetDateTime deadline, boolean over, OffsetDateTime now) {
        return dropIn && childcareOffered && !over && (deadline == null || now.isBefore(deadline));
    }

    /** The ages the form offers: the session's range within 0 to 17. */
    public static List<Integer> ages(Integer minAge, Integer maxAge) {
        List<Integer> ages = new ArrayList<>();
        for (int age = Math.max(0, minAge == null ? 0 : minAge);
                age <= Math.min(17, maxAge == null ? 17 : maxAge);
                age++) {
            ages.add(age);
        }
        return ages;
    }

    private static Integer age(String value) {
        try {
            int years = Integer.parseInt(value.strip());
            return years < 0 || years > 17 ? null : years;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean plain(String text) {
        return text.chars().noneMatch(c -> c == '<' || c == '>' || Character.isISOControl(c));
    }

    private static String stripped(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
