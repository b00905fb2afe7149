package io.ibasho.gateway.web.staff;

import io.ibasho.gateway.web.Language;
import io.ibasho.gateway.web.ServiceCalls;
import java.util.HashMap;
import java.util.Map;

/**
 * A service's refusal said in the staff screens' words, by its stable problem type (docs/errors.md). The services'
 * {@code detail} is English written for developers (and may name an internal reason), so it is never shown on a page.
 * Each screen lists the types its services can answer on its forms; {@code StaffProblemsTest} reads them from the
 * services' code, so a new refusal without words here fails the build.
 */
final class StaffProblems {
    record Words(String ja, String en) {
        String in(Language language) {
            return language == Language.JA ? ja : en;
        }
    }

    private static final Words TRY_AGAIN =
            new Words("いまは処理できません。少し待ってから、もう一度お試しください。", "Not possible just now; try again shortly.");
    private static final Words AT_THE_SAME_TIME = new Words(
            "ほかの操作と同時になりました。ページを読み込み直して、もう一度お試しください。",
            "Someone changed this at the same moment; reload the page and try again.");
    private static final Words NOT_ACCEPTED = new Words(
            "送った内容を受け付けられませんでした。ページを読み込み直して、もう一度お試しください。", "That was not accepted; reload the page and try again.");

    /** What any service (the plumbing kit) or the gateway itself can answer to a form's write. */
    private static final Map<String, Words> ANY_SERVICE = Map.ofEntries(
            Map.entry("validation", NOT_ACCEPTED),
            Map.entry("malformed-json", NOT_ACCEPTED),
            Map.entry("invalid-parameter", NOT_ACCEPTED),
            Map.entry("invalid-value", NOT_ACCEPTED),
            Map.entry("body-too-large", NOT_ACCEPTED),
            Map.entry("payload-too-large", NOT_ACCEPTED),
            Map.entry("conflict", AT_THE_SAME_TIME),
            Map.entry("busy", TRY_AGAIN),
            Map.entry("database-unavailable", TRY_AGAIN),
            Map.entry("internal", TRY_AGAIN),
            Map.entry("upstream-unavailable", TRY_AGAIN),
            Map.entry("upstream-busy", TRY_AGAIN),
            Map.entry(
                    "rate-limited",
                    new Words(
                            "短い間に操作が続きました。少し待ってから、もう一度お試しください。",
                            "Too many requests in a short time; wait a moment and try again.")));

    /** Registration's idempotency keys (the door's drop-in button sends one). */
    private static final Map<String, Words> IDEMPOTENT_WRITES = Map.of(
            "idempotency-key-invalid",
            NOT_ACCEPTED,
            "idempotency-key-reused",
            NOT_ACCEPTED,
            "idempotency-key-in-use",
            new Words(
                    "同じ操作をいま記録しています。少し待ってから、ページを読み込み直してください。",
                    "The same action is being recorded; reload the page in a moment."));

    /** Registration's answers to the door's check-in, attended / no-show and drop-in. */
    static final Map<String, Words> DOOR = screen(
            IDEMPOTENT_WRITES,
            Map.of(
                    "not-found",
                    new Words(
                            "この予約は見つかりません。キャンセルされたかもしれません。参加者の一覧を確かめてください。",
                            "This booking was not found; it may have been cancelled. Check the roster."),
                    "not-confirmed",
                    new Words("出欠は、予約が確定している方だけ記録できます。", "Attendance is recorded for confirmed bookings only."),
                    "already-checked-in",
                    new Words("すでに受付済みです。", "Already checked in."),
                    "session-cancelled",
                    new Words(
                            "この開催は中止されました。受付と飛び入りの記録はできません。",
                            "This session was cancelled; nothing is recorded at its door."),
                    "not-door-day",
                    new Words(
                            "受付と飛び入りは、開催日の当日に記録できます。",
                            "Check-ins and drop-ins are recorded on the day of the session."),
                    "no-organisation",
                    new Words("このアカウントは団体に登録されていません。", "This account belongs to no organisation.")));

    /** Notification's answers to a partner's webhook forms (add, rotate its secret, delete). */
    static final Map<String, Words> WEBHOOKS = screen(
            Map.of(),
            Map.of(
                    "invalid-webhook-url",
                    new Words(
                            "このURLには送れません。https:// で始まり、インターネットに公開されているアドレスのURLにしてください（見つからない名前や、内部のアドレスには送れません）。",
                            "Ibasho cannot send to this URL: use an https:// URL of a public address on the internet (not an unknown name or an internal address)."),
                    "venue-not-linked",
                    new Words(
                            // the page offers only venues the service accepts; one just linked may not be known yet
                            "選んだ会場の中に、このグループがまだ選べない会場があります。ページを開き直して、表示されている会場から選んでください。",
                            "Some of the chosen venues cannot be chosen by your group yet. Reload the page and choose from the venues shown."),
                    "no-partner-group",
                    new Words("このアカウントは協力団体に登録されていません。", "This account is not linked to a partner group."),
                    "not-found",
                    new Words(
                            "この送り先は見つかりません。削除されたかもしれません。", "This endpoint was not found; it may have been deleted.")));

    /** Registration's answers to a lottery's dry run and draw (carried across the redirect by their type). */
    static final Map<String, Words> LOTTERY = screen(
            IDEMPOTENT_WRITES,
            Map.of(
                    "applications-still-open",
                    new Words("まだ申込の受付中です。締切の後に抽選できます。", "Applications are still open; draw after the deadline."),
                    "not-drawn",
                    new Words("まだ抽選していません。", "Not drawn yet."),
                    "allocating",
                    new Words(
                            "託児の確認中です。すべての席が決まってから確かめられます。",
                            "Childcare is still being asked; check once every seat is decided."),
                    "not-lottery",
                    new Words("この開催は抽選ではありません。", "This session is not a lottery."),
                    // the scheduler draws at the deadline: a 抽選する pressed in the same moment meets its lock
                    "draw-in-progress",
                    new Words(
                            "いま抽選しているところです。少し待ってから、このページを読み込み直してください。",
                            "The lottery is being drawn right now; reload this page in a moment."),
                    "not-found",
                    new Words("この抽選は見つかりません。", "This lottery was not found.")));

    private StaffProblems() {}

    private static Map<String, Words> screen(Map<String, Words> shared, Map<String, Words> own) {
        Map<String, Words> all = new HashMap<>(ANY_SERVICE);
        all.putAll(shared);
        all.putAll(own);
        return Map.copyOf(all);
    }

    /** The refusal in the screen's words; a type without words (a bare HTTP status) is said by its status. */
    static String say(Map<String, Words> screen, String type, int status, Language language) {
        Words words = screen.get(type);
        if (words != null) {
            return words.in(language);
        }
        return (status >= 500 || status == 429 ? TRY_AGAIN : NOT_ACCEPTED).in(language);
    }

    static String say(Map<String, Words> screen, ServiceCalls.Answer answer, Language language) {
        return say(screen, answer.problem(), answer.status(), language);
    }
}
