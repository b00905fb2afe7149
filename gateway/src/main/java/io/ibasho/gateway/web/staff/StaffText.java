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
        put("descriptionJa", "内容・プログラム", "Theme and programme (in Japanese)");
        put("bringJa", "持ち物", "What to bring (in Japanese)");
        put("feeYen", "参加費（円、無料は 0）", "Fee in yen (0 for free)");
        put("date", "日付", "Date");
        put("startTime", "開始時刻", "Starts");
        put("endTime", "終了時刻", "Ends");
        put("venueId", "会場", "Venue");
        put("noVenue", "会場なし（オンラインなど）", "No venue (online etc.)");
        put("allocation", "参加のしかた", "How places are given");
        put("allocationNone", "予約不要（出入り自由）", "No booking (drop in)");
        put("allocationFirstCome", "先着順", "First come");
        put("allocationLottery", "抽選", "Lottery");
        put("opens", "受付開始", "Applications open");
        put("closes", "申込締切", "Applications close");
        put(
                "priorityTiers",
                "抽選の優先枠（先の枠ほど優先。「、」で区切る）",
                "Lottery priority tiers (first tier first, separated by commas)");
        put("oneWinPerMonth", "抽選：同じ月の当選は1人1回まで", "Lottery: at most one win per person per month");
        put(
                "childcareRequiredToWin",
                "抽選：託児を希望した方は託児の受け入れができる場合だけ当選",
                "Lottery: applicants needing childcare win only if childcare can take them");
        put("confirmationRequired", "抽選：当選した方に参加の確認をお願いする", "Lottery: winners confirm their seat");
        put("confirmationHours", "参加確認の期限（時間）", "Hours to confirm");
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
        put("cancelConfirmTitle", "この開催を中止しますか", "Cancel this session?");
        put("cancelConfirm", "中止する（元に戻せません）", "Cancel it (cannot be undone)");
        put("cancelKeep", "中止しないで戻る", "Keep it and go back");
        put(
                "readOnlyNote",
                "この開催は中止または終了しているため、内容は変更できません。",
                "This session is cancelled or has taken place: it can no longer be changed.");
        put("yes", "はい", "Yes");
        put("no", "いいえ", "No");
        put("upcomingSessions", "これからの開催", "Upcoming");
        put("pastSessions", "過去の開催", "Past");
        put("showFrom", "この日から表示", "Show from this date");
        put("show", "表示する", "Show");
        put("previousPage", "前のページ", "Previous page");
        put("nextPage", "次のページ", "Next page");
        put("noMoreSessions", "この先の開催はありません。", "No more sessions.");
        put("pages", "ページ", "Pages");
        put(
                "dashboardCut",
                "この月は開催が多いため、最初の{n}件だけを数えています。",
                "This month has so many sessions that only the first {n} are counted.");
        put("fixErrors", "入力を確かめてください。", "Please check the fields marked below.");
        put("saved", "保存しました。", "Saved.");
        put(
                "deadlineMoved",
                "保存しました。開催の日時が変わったので、託児の申込締切も開始までの間隔を保って動かしました（下の「託児の申込締切」）。",
                "Saved. The session moved, so its childcare deadline moved with it, keeping its distance before the"
                        + " start (see Childcare deadline below).");
        put(
                "childcareDeadlineHelp",
                "開催の日時を変えるとき、この締切をそのままにすると、開始までの間隔（たとえば2日前の17時）を保って締切もいっしょに動きます。締切も書きかえたときは、書いた日時になります。",
                "When you move the session and leave this deadline as it is, it moves with the session, keeping its"
                        + " distance before the start (say, two days before at 17:00). A deadline you change as well"
                        + " is kept as you enter it.");
        put("published", "公開しました。", "Published.");
        put("cancelled", "中止にしました。参加予定の方にはお知らせが届きます。", "Cancelled. People booked are told.");
        put("completed", "終了にしました。", "Marked as taken place.");
        put("status", "状態", "Status");
        put("back", "一覧へ戻る", "Back to the list");
        put("optional", "任意", "optional");
        // door
        put("doorTitle", "受付", "At the door");
        put("groupFeed", "グループ専用のカレンダーURL", "Your group's private calendar URL");
        put(
                "groupFeedHelp",
                "リンクしている会場すべての予定（変更・中止を含む）をひとつのURLで受け取れます。URLが人に知られたときは、新しくすると前のURLは使えなくなります。",
                "One URL for the schedule of all your linked venues (changes and cancellations included). If the URL got out, make a new one: the old one stops working.");
        put("groupFeedRotate", "新しいURLを発行する（前のURLは使えなくなります）", "Issue a new URL (the old one stops working)");
        put(
                "groupFeedOnce",
                "このURLは今だけ表示されます。パスワードのように扱い、カレンダーアプリに登録してください。",
                "This URL is shown only now: keep it like a password and add it to your calendar app.");
        put("waitlist", "キャンセル待ち・ご案内", "Waitlist and offers");
        put("waitlistTitle", "キャンセル待ちとご案内", "Waitlist and offers");
        put("waitingTitle", "待っている方", "Waiting");
        put("waitingPlace", "順番（抽選の補欠は公開した番号）", "Place (a lottery's reserve: its published number)");
        put("noWaiting", "待っている方はいません。", "Nobody is waiting.");
        put("offersTitle", "ご案内中の席", "Seats offered");
        put("offerUntil", "返事の期限", "Answer by");
        put("noOffers", "ご案内中の席はありません。", "No seat is on offer.");
        put("checkInByCode", "予約コードで受付", "Check in by booking code");
        put("bookingCode", "予約コード", "Booking code");
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
        put("codeNotFound", "この予約コードは、この開催の確定した予約にありません。", "No confirmed booking of this session has this code.");
        put("seatsTaken", "席", "Seats");
        put("waiting", "キャンセル待ち", "Waiting");
        // series
        put("newSeries", "くり返しの開催をつくる", "Create a repeating series");
        put("seriesFormTitle", "くり返しの開催", "Repeating series");
        put("repeat", "くり返し", "Repeats");
        put("repeatMonthly", "毎月（初回と同じ第何週の同じ曜日）", "Monthly (same week and weekday as the first date)");
        put("repeatWeekly", "毎週（同じ曜日）", "Weekly (same weekday)");
        put("firstDate", "初回の日付", "First date");
        put("count", "回数", "Number of times");
        put("opensDaysBefore", "受付開始（各回の何日前）", "Applications open (days before each)");
        put("closesHoursBefore", "申込締切（各回の何時間前）", "Applications close (hours before each)");
        put("venues", "会場（複数選べます。会場ごとにシリーズをつくります）", "Venues (one series per venue)");
        put("makeDrafts", "日程を下書きでつくる", "Make the dates as drafts");
        put("seriesTitle", "くり返しの開催の日程", "The series' dates");
        put(
                "seriesHelp",
                "下書きの日程です。確かめてから公開してください。1回だけ変えるときは、その回の「編集」から。",
                "These dates are drafts: check them, then publish. To change one date only, use its Edit.");
        put(
                "seriesPublishedHelp",
                "公開中の日程です。1回だけ変えるときは、その回の「編集」から。",
                "These dates are published. To change one date only, use its Edit.");
        put("publishSeries", "このシリーズを公開する", "Publish this series");
        put("seriesList", "くり返しの開催（シリーズ）の一覧", "All repeating series");
        put("seriesListTitle", "くり返しの開催（シリーズ）", "Repeating series");
        put(
                "seriesListHelp",
                "タイトルから開くと、日程の確認や公開、「この日以降をまとめて変更する」ができます。",
                "Open a series by its title to see its dates, publish them or change them from a date on.");
        put("noSeries", "くり返しの開催はまだありません。", "No repeating series yet.");
        put("seriesNext", "次の日程", "Next date");
        put("seriesOfSession", "このくり返しの開催（シリーズ）を見る", "See the repeating series of this date");
        // lottery
        put("lotteryTitle", "抽選", "Lottery");
        put("lottery", "抽選", "Lottery");
        put("commitment", "種のコミットメント（SHA-256）", "Seed commitment (SHA-256)");
        put(
                "commitmentHelp",
                "抽選に使う種のハッシュです。申込の受付開始から公開しているので、抽選後にだれでも結果を計算し直して確かめられます。",
                "The hash of the seed the draw will use. It is public from the moment applications open, so anyone can"
                        + " recompute the result after the draw.");
        put("dryRun", "試しに抽選する（本番ではありません）", "Dry run (not the real draw)");
        put("draw", "抽選する", "Draw now");
        put("checkDraw", "この抽選を確かめる", "Check this draw");
        // childcare
        put("careTitle", "託児シート", "Care sheets");
        put("noCare", "託児のある開催はいまありません。", "No upcoming sessions with childcare.");
        put("openCareSheet", "託児シートを見る", "Open the care sheet");
        put("careSheetTitle", "託児シート", "Care sheet");
        put("children", "子ども", "Children");
        put("byAgeBand", "年齢ごとの人数", "Children by age band");
        put("childrenList", "子どもの一覧", "The children");
        put("noChildren", "託児の予約はまだありません。", "No childcare booked yet.");
        put("family", "きょうだい", "Family");
        put("age", "年齢", "Age");
        put("childNickname", "呼び名", "Called");
        put("careNotes", "保育のメモ", "Care notes");
        put("dropInCode", "託児のみのコード", "Childcare-only code");
        put(
                "careSheetNote",
                "保護者の連絡先は表示しません。このシートを開いた記録（だれが・いつ・なぜ）が残ります。",
                "Parents' contact details are never shown. Opening this sheet is recorded (who, when, why).");
        // dashboard
        put("dashboardTitle", "定員の状況", "Capacity");
        put("months", "月", "Months");
        put("monthByVenue", "会場ごとのまとめ", "By venue");
        put("sessionsCount", "開催数", "Sessions");
        put("seatsBooked", "予約 / 定員（先着順と抽選済みの開催）", "Booked / seats (first come and drawn lotteries)");
        put("lotteryApplications", "抽選前の申込（予約ではありません）", "Lottery applications not drawn yet (not bookings)");
        put("waitingCount", "キャンセル待ち（人）", "Waiting");
        put("offersCount", "ご案内中（件）", "Offers out");
        // the report (組織のレポート)
        put("reportTitle", "組織のレポート", "Organisation report");
        put("years", "年", "Years");
        put("prevYear", "前の年", "Previous year");
        put("nextYear", "次の年", "Next year");
        put(
                "reportIntro",
                "終わった開催の匿名の合計です（中止した開催は含みません）。だれが来たかは含まれません。",
                "Anonymous totals of sessions held (cancelled ones excluded). Nobody is named in them.");
        put(
                "reportHiddenRule",
                "「—」は非表示です: 3人未満の数、または他の数から3人未満の数が計算できてしまう数は表示しません。",
                "「—」 is hidden: a count below 3 people, or a count from which one below 3 could be worked out.");
        put("reportCsv", "CSVをダウンロード", "Download CSV");
        put("reportYear", "年間の結果と目標", "The year: results and targets");
        put("reportFigure", "項目", "Figure");
        put("reportResult", "結果", "Result");
        put("reportTarget", "目標", "Target");
        put("reportRate", "達成率", "Of target");
        put("reportMonths", "月ごとの推移", "Month by month");
        put("reportYearTotal", "年間", "Year");
        put("reportByVenue", "会場・種類ごと（年間）", "By venue and kind (the year)");
        put("reportVenue", "会場", "Venue");
        put("reportNothing", "この年に終わった開催はまだありません。", "No sessions held in this year yet.");
        put("reportSetTargets", "目標を設定する", "Set the targets");
        put("reportTargetsHint", "空欄にすると目標を消します。", "Leave a field empty to remove its target.");
        put("reportSaveTargets", "目標を保存", "Save targets");
        put("reportTableScroll", "表（横にスクロールできます）", "Table (scrolls sideways)");
        put("noPublished", "この月に公開中の開催はありません。", "No published sessions this month.");
        put("childcare", "託児", "Childcare");
        // partner
        put("partnerTitle", "会場の予定", "Your venues' schedule");
        put("changedRecently", "この1週間の変更", "Changed in the last week");
        put("noChanges", "この1週間の変更はありません。", "Nothing changed in the last week.");
        put("updatedAt", "更新", "Updated");
        put("upcoming", "これからの開催", "Upcoming");
        put("noUpcoming", "これからの開催はありません。", "No upcoming sessions.");
        put("venuesAndFeeds", "会場とカレンダー", "Venues and calendar feeds");
        put(
                "feedHelp",
                "カレンダーアプリにこのURLを登録すると、予定が自動で更新されます。参加者の情報は含まれません。",
                "Subscribe to this URL in a calendar app to keep the schedule up to date. It holds no attendee data.");
        put("feedUrl", "カレンダーのURL（iCal）", "Calendar URL (iCal)");
        put("webhooks", "Webhook（変更の自動通知）", "Webhooks (automatic change notices)");
        put("noWebhooks", "Webhookはまだありません。", "No webhooks yet.");
        put("follows", "知らせる会場", "Venues");
        put("deliveryLog", "送信の記録", "Delivery log");
        put("rotateSecret", "署名の鍵を作り直す", "Rotate the secret");
        put("deleteWebhook", "削除する", "Delete");
        put("newWebhook", "Webhookを追加する", "Add a webhook");
        put("webhookUrl", "送り先のURL（https://）", "Endpoint URL (https://)");
        put("addWebhook", "追加する", "Add");
        put("secretOnce", "署名の鍵です。この画面でしか表示しません。いま控えてください。", "The signing secret: shown only now. Keep it now.");
        put("noDeliveries", "まだ送信はありません。", "Nothing sent yet.");
        put("when", "日時", "When");
        put("attempts", "試行", "Attempts");
    }

    private StaffText() {}

    private static void put(String key, String ja, String en) {
        JA.put(key, ja);
        EN.put(key, en);
    }

    /** A count in English with its noun singular or plural: "1 carer", "2 carers", "0 children". */
    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
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
