package io.ibasho.gateway.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The booking form's rules and every answer it can get, in plain words with the next step. Pure: the checks mirror the
 * registration service's (which stays the authority) so that most mistakes are told at once, in her language, next
 * to the field.
 */
public final class BookingForm {
    private BookingForm() {}

    /** What was entered, cleaned, and the problems per field ({@code nickname}, {@code childAge}, {@code tier}). */
    public record Checked(
            String nickname, List<Integer> childrenAges, Integer priorityTier, Map<String, String> errors) {}

    /** Every answer a booking, waitlist or application can get, with the page status it is shown with. */
    public enum Outcome {
        CONFIRMED(200, true),
        PENDING_CHILDCARE(200, true),
        WAITLISTED(200, true),
        APPLIED(200, true),
        FULL(409, false),
        CLOSED(409, false),
        ALREADY_REGISTERED(409, false),
        NOT_ATTENDEE(403, false),
        SEATS_AVAILABLE(200, false),
        INVALID(422, false),
        UNAVAILABLE(503, false);

        private final int status;
        private final boolean madeRegistration;

        Outcome(int status, boolean madeRegistration) {
            this.status = status;
            this.madeRegistration = madeRegistration;
        }

        public int status() {
            return status;
        }

        public boolean madeRegistration() {
            return madeRegistration;
        }
    }

    public static Checked check(String nickname, List<String> ages, String tier, Language language) {
        return check(nickname, ages, tier, null, null, language);
    }

    /**
     * As above, for a session whose childcare takes children aged {@code minAge} to {@code maxAge} (null: unknown, any
     * age a child can have): an age outside them is told beside the field, before a seat is held for a childcare that
     * would be refused.
     */
    public static Checked check(
            String nickname, List<String> ages, String tier, Integer minAge, Integer maxAge, Language language) {
        boolean ja = language == Language.JA;
        Map<String, String> errors = new LinkedHashMap<>();
        String name = nickname == null ? "" : nickname.strip();
        if (name.isEmpty()) {
            errors.put(
                    "nickname",
                    ja ? "ニックネームを入力してください。本名でなくてかまいません。" : "Enter a nickname: it need not be your real name.");
        } else if (name.codePointCount(0, name.length()) > 40) {
            errors.put("nickname", ja ? "ニックネームは40文字までです。" : "A nickname has at most 40 characters.");
        } else if (name.chars().anyMatch(c -> c == '<' || c == '>')) {
            errors.put("nickname", ja ? "ニックネームに < と > は使えません。" : "A nickname cannot contain < or >.");
        } else if (name.chars().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            // a tab, a line break or an invisible mark (zero-width, direction) pasted with the name: say that one
            errors.put(
                    "nickname",
                    ja
                            ? "ニックネームに改行やタブ、目に見えない文字が入っています。入力しなおしてください。"
                            : "The nickname holds a line break, a tab or an invisible character; please type it again.");
        }
        List<Integer> childrenAges = new ArrayList<>();
        boolean outsideSessionAges = false;
        for (String age : ages == null ? List.<String>of() : ages) {
            if (age == null || age.isBlank()) {
                continue;
            }
            try {
                int years = Integer.parseInt(age.strip());
                if (years < 0 || years > 17) {
                    throw new NumberFormatException();
                }
                childrenAges.add(years);
                outsideSessionAges |= (minAge != null && years < minAge) || (maxAge != null && years > maxAge);
            } catch (NumberFormatException e) {
                errors.put("childAge", ja ? "お子さんの年齢を一覧から選んでください。" : "Choose each child's age from the list.");
            }
        }
        if (outsideSessionAges && !errors.containsKey("childAge")) {
            errors.put(
                    "childAge",
                    DropInChildcareForm.refusal("childcare-age-out-of-range", minAge, maxAge, null, language));
        }
        if (childrenAges.size() > 6) {
            errors.put("childAge", ja ? "託児は1回の予約で6人までです。" : "Childcare is for at most 6 children per booking.");
        }
        Integer priorityTier = null;
        if (tier != null && !tier.isBlank()) {
            try {
                priorityTier = Integer.parseInt(tier.strip());
                if (priorityTier < 0 || priorityTier > 20) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                priorityTier = null;
                errors.put("tier", ja ? "あてはまるものを選んでください。" : "Choose what applies to you.");
            }
        }
        return new Checked(name, List.copyOf(childrenAges), priorityTier, errors);
    }

    /**
     * Whether childcare can no longer be asked with this booking: offered, and its deadline reached (the deadline itself
     * is after it, as childcare-booking judges it). Asked anyway, the seat would be held for a childcare refused later.
     */
    public static boolean childcareClosed(boolean offered, OffsetDateTime deadline, java.time.Instant now) {
        return offered && deadline != null && !now.isBefore(deadline.toInstant());
    }

    /** What the form says in place of the children's fields once {@link #childcareClosed}: the seat alone is open. */
    public static String childcareClosedText(OffsetDateTime deadline, Language language) {
        String at = Wording.at(deadline, language);
        return language == Language.JA
                ? "託児の申込締切（" + at + "）を過ぎたため、託児はお受けできません。席だけのお申込みはできます。"
                : "The childcare deadline (" + at + ") has passed, so childcare can no longer be asked for. You can"
                        + " still ask for a seat without it.";
    }

    /** The registration service's answer as an outcome: its status and stable problem type (docs/errors.md). */
    public static Outcome outcome(int status, String problem, String registrationStatus) {
        if (status >= 200 && status < 300) {
            return switch (String.valueOf(registrationStatus)) {
                case "pending_childcare" -> Outcome.PENDING_CHILDCARE;
                case "waitlisted" -> Outcome.WAITLISTED;
                case "applied" -> Outcome.APPLIED;
                default -> Outcome.CONFIRMED;
            };
        }
        return switch (problem == null ? "" : problem) {
            case "session-full" -> Outcome.FULL;
            case "applications-closed", "session-not-open", "not-first-come", "not-lottery" -> Outcome.CLOSED;
            case "already-registered" -> Outcome.ALREADY_REGISTERED;
            case "seats-available" -> Outcome.SEATS_AVAILABLE;
            case "validation", "priority-tier-unknown", "malformed-json" -> Outcome.INVALID;
            default -> status == 403 ? Outcome.NOT_ATTENDEE : status == 404 ? Outcome.CLOSED : Outcome.UNAVAILABLE;
        };
    }

    public static String title(Outcome outcome, Language language) {
        boolean ja = language == Language.JA;
        return switch (outcome) {
            case CONFIRMED -> ja ? "予約が確定しました" : "Your booking is confirmed";
            case PENDING_CHILDCARE -> ja ? "託児の確認中です" : "We are checking childcare";
            case WAITLISTED -> ja ? "キャンセル待ちに登録しました" : "You are on the waitlist";
            case APPLIED -> ja ? "抽選に申し込みました" : "You have applied to the lottery";
            case FULL -> ja ? "満席です" : "This session is full";
            case CLOSED -> ja ? "受付は終了しました" : "Booking is closed";
            case ALREADY_REGISTERED -> ja ? "すでに申し込み済みです" : "You have already signed up";
            case NOT_ATTENDEE -> ja ? "このアカウントでは予約できません" : "This account cannot book";
            default -> ja ? "ただいま混み合っています" : "Not available right now";
        };
    }

    public static String nextStep(
            Outcome outcome, Integer position, OffsetDateTime applicationsClose, Language language) {
        boolean ja = language == Language.JA;
        return switch (outcome) {
            case CONFIRMED ->
                ja
                        // true at any hour: from the cut-off before the start she cancels by telling the organiser
                        ? "予約コードとQRコードは「わたしの予約」にあります。行けなくなったら、開始の直前まではそこからキャンセルできます。直前のときは主催者にお伝えください。"
                        : "Your booking code and QR code are in My bookings. If you cannot come, cancel there until"
                                + " shortly before the start; after that, please tell the organisers.";
            case PENDING_CHILDCARE ->
                ja
                        ? "席は確保しています。託児の結果はお知らせと「わたしの予約」でお伝えします（ふつうは数秒です）。"
                        : "Your seat is held. You will see the childcare answer in Messages and My bookings (usually within seconds).";
            case WAITLISTED ->
                (ja
                                ? "席が空いたら順番にお知らせします。期限までにお返事ください。"
                                : "When a seat frees up we tell people in turn; please answer before the deadline.")
                        + (position == null
                                ? ""
                                : ja ? "いまは " + position + " 番目です。" : " You are number " + position + ".");
            case APPLIED ->
                (applicationsClose == null
                                ? ""
                                : ja
                                        ? "締切（" + Wording.at(applicationsClose, language) + "）のあとに抽選します。"
                                        : "The draw is after applications close ("
                                                + Wording.at(applicationsClose, language) + "). ")
                        + (ja ? "結果はお知らせと「わたしの予約」でお伝えします。" : "You will see the result in Messages and My bookings.");
            case FULL ->
                ja
                        ? "キャンセル待ちに登録できます。席が空いたら順番にお知らせします。"
                        : "You can join the waitlist: when a seat frees up we tell people in turn.";
            case CLOSED -> ja ? "ほかの開催をさがしてみてください。" : "Please look for another session.";
            case ALREADY_REGISTERED -> ja ? "内容は「わたしの予約」で確かめられます。" : "You can see it in My bookings.";
            case NOT_ATTENDEE ->
                ja
                        ? "スタッフやパートナーのアカウントでは予約できません。参加するときは個人のアカウントをお使いください。"
                        : "Staff and partner accounts cannot book. To take part, use a personal account.";
            default ->
                ja
                        ? "しばらくしてからもう一度お試しください。予約の途中だった場合は「わたしの予約」で確かめてください。"
                        : "Please try again in a moment. If you were booking, check My bookings first.";
        };
    }

    /** The service's validation answer mapped onto the form's fields, in her language. */
    public static Map<String, String> fieldErrors(JsonObject problem, Language language) {
        boolean ja = language == Language.JA;
        Map<String, String> errors = new LinkedHashMap<>();
        if ("priority-tier-unknown".equals(problem.getString("type", "").replaceAll(".*/", ""))) {
            errors.put("tier", ja ? "あてはまるものを一覧から選んでください。" : "Choose one of the listed options.");
            return errors;
        }
        for (Object o : problem.getJsonArray("violations", new JsonArray())) {
            if (o instanceof JsonObject violation) {
                String field = violation.getString("field", "");
                if (field.startsWith("nickname")) {
                    errors.put(
                            "nickname",
                            ja
                                    ? "ニックネームを確かめてください（40文字まで、< と > は使えません）。"
                                    : "Check the nickname (at most 40 characters, no < or >).");
                } else if (field.startsWith("priorityTier")) {
                    errors.put("tier", ja ? "あてはまるものを一覧から選んでください。" : "Choose one of the listed options.");
                } else {
                    errors.put(
                            "childAge",
                            ja ? "お子さんの年齢を確かめてください（0〜17歳、6人まで）。" : "Check the children's ages (0 to 17, at most 6).");
                }
            }
        }
        if (errors.isEmpty()) {
            errors.put("nickname", ja ? "入力を確かめてください。" : "Please check what you entered.");
        }
        return errors;
    }

    /** Why cancelling, accepting or declining did not work (problem types of the registration service). */
    public static String actionProblem(String problem, Language language) {
        boolean ja = language == Language.JA;
        return switch (problem) {
            case "cancellation-closed" ->
                ja
                        ? "開始の直前のため、ここからはキャンセルできません。行けなくなったことは主催者にお伝えください。"
                        : "It is too close to the start to cancel here. Please tell the organisers you cannot come.";
            case "no-open-offer" -> ja ? "お返事の期限が過ぎたか、すでにお返事済みです。" : "The offer has expired or was already answered.";
            case "not-active" -> ja ? "この予約はすでに終わっています。" : "This booking has already ended.";
            default -> ja ? "うまくいきませんでした。しばらくしてからもう一度お試しください。" : "That did not work. Please try again in a moment.";
        };
    }

    /** Why an e-mail address or its code was not taken (problem types of the notification service). */
    public static String accountProblem(String problem, int status, Language language) {
        boolean ja = language == Language.JA;
        return switch (problem) {
            case "wrong-code" ->
                ja ? "コードが違います。メールを確かめてもう一度入力してください。" : "That code is not right. Check the e-mail and try again.";
            case "code-expired" -> ja ? "コードの期限が切れました。新しいコードを送ってください。" : "The code has expired. Ask for a new one.";
            case "no-code-pending" -> ja ? "先に確認コードを送ってください。" : "Ask for a code first.";
            case "reauthentication-required" ->
                ja
                        ? "安全のため、ログアウトしてからもう一度ログインし、10 分以内にメールアドレスを変更してください。"
                        : "For your safety, sign out, sign in again, and change the address within 10 minutes.";
            case "too-many-attempts", "rate-limited" ->
                ja ? "回数が多すぎます。しばらくしてからお試しください。" : "Too many tries. Please wait a while.";
            case "mail-unavailable" ->
                ja ? "いまはメールを送れません。しばらくしてからお試しください。" : "Mail cannot be sent just now. Please try later.";
            case "validation" -> ja ? "入力を確かめてください。" : "Please check what you entered.";
            default ->
                status == 429
                        ? (ja ? "回数が多すぎます。しばらくしてからお試しください。" : "Too many tries. Please wait a while.")
                        : (ja ? "うまくいきませんでした。しばらくしてからお試しください。" : "That did not work. Please try again later.");
        };
    }
}
