package io.ibasho.gateway.web.staff;

import io.ibasho.gateway.web.Language;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The staff screens' fixed words, Japanese and English side by side (like UiText for hers). Templates read them as
 * {@code {st.key}}; sentences made from a service's data are made in the page classes.
 */
public final class StaffText {
    private static final Map<String, String> JA = new LinkedHashMap<>();
    private static final Map<String, String> EN = new LinkedHashMap<>();

    static {
        // sessions
        put("sessionsTitle", "開催の管理", "Your sessions");
        put("newSession", "新しい開催をつくる", "Create a session");
        put("newSessionTitle", "新しい開催", "New session");
        put("editSessionTitle", "開催の編集", "Edit session");
        put("noOwnSessions", "まだ開催はありません。", "No sessions yet.");
        put("edit", "編集", "Edit");
        put("door", "受付", "Door");
        put("capacity", "定員", "Capacity");
        put("kind", "種類", "Kind");
        put("titleJa", "タイトル（日本語）", "Title (Japanese)");
        put("titleEn", "タイトル（英語・任意）", "Title (English, optional)");
        put("targetAudienceJa", "対象（例: 子育て中の方）", "Who it is for (in Japanese)");
        put("date", "日付", "Date");
        put("startTime", "開始時刻", "Starts");
        put("endTime", "終了時刻", "Ends");
        put("venue", "会場", "Venue");
        put("noVenue", "会場なし（オンラインなど）", "No venue (online etc.)");
        put("allocation", "参加のしかた", "How places are given");
        put("allocationNone", "予約不要（出入り自由）", "No booking (drop in)");
        put("allocationFirstCome", "先着順", "First come");
        put("allocationLottery", "抽選", "Lottery");
        put("opens", "受付開始", "Applications open");
        put("closes", "受付締切", "Applications close");
        put("meetingLink", "オンラインのURL（https://…）", "Online meeting link (https://…)");
        put("childcareOffered", "託児あり", "Childcare offered");
        put("childMinAge", "託児の対象（何歳から）", "Childcare from age");
        put("childMaxAge", "託児の対象（何歳まで）", "Childcare up to age");
        put("carers", "保育者の人数", "Carers");
        put("childcareDeadline", "託児の申込締切", "Childcare deadline");
        put("save", "保存する", "Save");
        put("create", "下書きとして保存する", "Save as draft");
        put("publish", "公開する", "Publish");
        put("cancelSession", "この開催を中止する", "Cancel this session");
        put("complete", "終了にする", "Mark as taken place");
        put("fixErrors", "入力を確かめてください。", "Please check the fields marked below.");
        put("saved", "保存しました。", "Saved.");
        put("published", "公開しました。", "Published.");
        put("cancelled", "中止にしました。参加予定の方にはお知らせが届きます。", "Cancelled. People booked are told.");
        put("completed", "終了にしました。", "Marked as taken place.");
        put("status", "状態", "Status");
        put("back", "一覧へ戻る", "Back to the list");
        put("optional", "任意", "optional");
        // door
        put("doorTitle", "受付", "At the door");
        put("checkInByCode", "予約番号で受付", "Check in by booking code");
        put("bookingCode", "予約番号", "Booking code");
        put("checkIn", "受付する", "Check in");
        put("scanTitle", "QRコードを読み取る", "Scan the QR code");
        put("startCamera", "カメラで読み取る", "Scan with the camera");
        put("scanHelp", "予約画面のQRコードをカメラに向けてください。", "Hold the booking's QR code up to the camera.");
        put("roster", "参加者", "Roster");
        put("nickname", "ニックネーム", "Nickname");
        put("attendance", "出欠", "Attendance");
        put("attended", "出席", "Attended");
        put("noShow", "欠席", "No-show");
        put("notYet", "未受付", "Not yet");
        put("markAttended", "出席にする", "Mark attended");
        put("markNoShow", "欠席にする", "Mark no-show");
        put("dropIns", "飛び入り（予約なし）", "Drop-ins (no booking)");
        put("addDropIn", "飛び入りを1人数える", "Count one drop-in");
        put("noRoster", "予約はまだありません。", "No bookings yet.");
        put("codeNotFound", "この予約番号は、この開催の確定した予約にありません。", "No confirmed booking of this session has this code.");
        put("seatsTaken", "席", "Seats");
        put("waiting", "キャンセル待ち", "Waiting");
    }

    private StaffText() {}

    private static void put(String key, String ja, String en) {
        JA.put(key, ja);
        EN.put(key, en);
    }

    public static Map<String, String> of(Language language) {
        return language == Language.EN ? EN : JA;
    }

    static Map<String, String> japanese() {
        return JA;
    }

    static Map<String, String> english() {
        return EN;
    }
}
