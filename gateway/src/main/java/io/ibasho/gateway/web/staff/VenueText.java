package io.ibasho.gateway.web.staff;

import io.ibasho.gateway.web.Language;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The words of the venue screens and of a series' later edits, Japanese and English side by side (like StaffText, kept
 * apart so that branches adding staff screens do not edit the same lines). Templates read them as {@code {vt.key}}.
 */
public final class VenueText {
    private static final Map<String, String> JA = new LinkedHashMap<>();
    private static final Map<String, String> EN = new LinkedHashMap<>();

    static {
        // venues
        put("venuesTitle", "会場", "Venues");
        put("venuesList", "会場の一覧へ戻る", "Back to the venues");
        put("newVenue", "新しい会場を登録する", "Add a venue");
        put("newVenueTitle", "新しい会場", "New venue");
        put("editVenueTitle", "会場の編集", "Edit venue");
        put("noVenues", "まだ会場はありません。", "No venues yet.");
        put("nameJa", "会場名（日本語）", "Name (Japanese)");
        put("nameEn", "会場名（英語・任意）", "Name (English, optional)");
        put("area", "地域（例: 中央区。公開されます）", "Area (e.g. a ward; public)");
        put(
                "areaEn",
                "地域（英語・任意。例: Chuo Ward。英語のページに出ます）",
                "Area in English (optional, e.g. Chuo Ward; on English pages)");
        put("areaAndAddress", "・", "·");
        put("address", "住所", "Address");
        put("addressVisibility", "住所を見せる相手", "Who may see the address");
        put("visibilityPublic", "誰でも（公開）", "Anyone (public)");
        put("visibilityAttendees", "予約が確定した人だけ", "Only women whose booking is confirmed");
        put("visibilityNever", "表示しない（シェルターなど。道順は直接伝えます）", "Never shown (a shelter: directions in person)");
        put("accessibilityJa", "バリアフリー・アクセスの案内（日本語）", "Accessibility notes (Japanese)");
        put("accessibilityEn", "バリアフリー・アクセスの案内（英語・任意）", "Accessibility notes (English, optional)");
        put("capacityCeiling", "会場の収容人数（任意）", "The venue's capacity (optional)");
        put("canHostChildcare", "託児ができる会場", "Childcare can be held here");
        put("rooms", "部屋（1行に1部屋。空の行は使いません）", "Rooms (one per line; empty lines are ignored)");
        put("roomName", "部屋の名前", "Room name");
        put("partnerGroups", "この会場の予定を見られる協力団体", "Partner groups who see this venue's schedule");
        put(
                "partnerGroupsHelp",
                "この組織の協力団体から選びます。選んだ団体は、この会場の予定を受け取ります（参加者の情報は含みません）。",
                "Choose from your organisation's partner groups. Those chosen receive this venue's schedule, never anything"
                        + " about who attends.");
        put("noPartnerGroups", "この組織には、まだ協力団体のアカウントがありません。", "Your organisation has no partner group accounts yet.");
        put(
                "partnerGroupsUnlisted",
                "協力団体の一覧をいま読み込めませんでした。この会場といま連携している団体だけを表示しています。少し待ってから開き直してください。",
                "The list of partner groups could not be read just now: only the groups linked to this venue are shown."
                        + " Reload the page in a moment.");
        put("partnerGroupMissing", "（この組織の協力団体に見つかりません）", " (not found among your organisation's partner groups)");
        put("partnersOfVenue", "予定を見られる協力団体", "Partner groups who see its schedule");
        put("sessionsList", "開催の一覧へ戻る", "Back to your sessions");
        put("createVenue", "登録する", "Add the venue");
        put("venueSaved", "会場を保存しました。", "The venue is saved.");
        put("venueDeleted", "会場を削除しました。", "The venue is deleted.");
        put("deleteVenue", "この会場を削除する", "Delete this venue");
        put("deleteVenueTitle", "この会場を削除しますか", "Delete this venue?");
        put(
                "deleteVenueWhat",
                "会場の名前・住所・部屋・連携先の登録がなくなり、開催の会場として選べなくなります。",
                "Its name, address, rooms and partner links are removed; it can no longer be chosen for a session.");
        put(
                "deleteVenueInUse",
                "この会場を使う開催やくり返しの開催があるときは、削除されません（先に移すか中止してください）。",
                "If sessions or series still use it, nothing is deleted (move or cancel them first).");
        put("deleteVenueUndo", "削除すると、元に戻せません。", "Deleting cannot be undone.");
        put("deleteVenueConfirm", "削除する（元に戻せません）", "Delete it (cannot be undone)");
        put("deleteVenueKeep", "削除しないで戻る", "Keep it and go back");
        put("venueInUseTitle", "この会場は使われているため削除できません", "This venue is in use and cannot be deleted");
        put(
                "venueInUseHelp",
                "次の開催がこの会場を使っています。中止・終了した開催も、記録としてこの会場を使います。これからの開催は、それぞれのページで別の会場に移せます。",
                "These sessions use this venue; cancelled and past ones do too, as their records point at it. An upcoming"
                        + " session can be moved to another venue on its own page.");
        put(
                "venueInUseMore",
                "ほかにもこの会場を使う開催があります（新しい順に{n}件まで表示しています）。",
                "More sessions use this venue (the latest {n} are shown).");
        put(
                "venueInUseUnlisted",
                "この会場を使う開催を、ここには表示できませんでした。開催の管理で確かめてください。",
                "The sessions using this venue could not be listed here; see your sessions.");
        put("backToVenue", "会場のページへ戻る", "Back to the venue");
        put("addressShown", "住所", "Address");
        put("noAddress", "住所なし", "No address");
        put("roomId", "部屋", "Room");
        put("noRoom", "部屋の指定なし", "No particular room");
        // a series' later edits
        put("changeFrom", "この日以降をまとめて変更する", "Change from a date on");
        put("changeFromTitle", "くり返しの開催をこの日以降変更する", "Change the series from a date on");
        put("fromDate", "変更する最初の回", "The first date to change");
        put("affected", "変わる日程", "The dates it will change");
        put(
                "affectedHelp",
                "この日以降の回が新しい内容になります。新しいくり返しにない日は中止になり、予約した方にお知らせします。この回だけ変更した日と中止した日はそのままです。受付中の抽選は、決めた時のルールのままです。",
                "These dates take the new settings. A date the new repeat rule does not have is cancelled, and whoever"
                        + " booked it is told. Dates changed on their own or cancelled stay as they are. A lottery whose"
                        + " applications are open keeps the rules it was announced with.");
        put("keptOnItsOwn", "この回だけ変更済み（そのまま）", "changed on its own (stays)");
        put("date", "日程", "Date");
        put("whatHappens", "どうなるか", "What happens");
        put("changeADDED", "新しい日程", "New date");
        put("changeCHANGED", "変更", "Changed");
        put("changeUNCHANGED", "日時はそのまま（設定は新しい内容に）", "Same date and time (new settings)");
        put("changeOWN", "この回だけ変更済み（そのまま）", "Changed on its own (stays)");
        put("changeREMOVED", "中止（予約した方にお知らせ）", "Cancelled (whoever booked is told)");
        put("repeatRule", "くり返し", "Repeats");
        put("repeatKeep", "今のまま", "As it is");
        put("repeatMonthlyOn", "毎月（第何週・何曜日を下で選ぶ）", "Monthly (week and weekday below)");
        put("repeatWeeklyOn", "毎週（曜日を下で選ぶ）", "Weekly (weekday below)");
        put("week", "第何週（毎月のとき）", "Week of the month (monthly)");
        put("weekLast", "最終", "Last");
        put("weekday", "曜日", "Weekday");
        put("rulesTitle", "参加のしかたと抽選のルール", "How places are given, and the lottery's rules");
        put("newRule", "新しいくり返し", "New repeat rule");
        put("showAffected", "変わる日程を確かめる", "Show the dates it will change");
        put("saveFrom", "この内容で変更する", "Change these dates");
        put("seriesChanged", "この日以降の日程を変更しました。", "The dates from that day on are changed.");
        put("before", "変更前", "Before");
        put("after", "変更後", "After");
        // a partner group's weekly digest contact
        put("digestTitle", "週1回のお知らせメール", "The weekly digest e-mail");
        put("digestLink", "週1回のお知らせメールの設定", "Weekly digest e-mail settings");
        put(
                "digestHelp",
                "会場の予定を週に1回、団体の連絡先にメールで送ります。参加者の情報は含みません。",
                "Once a week, your venues' schedule is sent to your group's contact address. It never holds anything about who attends.");
        put("digestAddress", "連絡先のメールアドレス", "Contact address");
        put("digestNoAddress", "まだ登録されていません。", "None yet.");
        put("digestPending", "確認を待っているアドレス", "Waiting for confirmation");
        put("digestNewAddress", "新しい連絡先のメールアドレス", "New contact address");
        put("digestSendCode", "確認コードを送る", "Send a code");
        put(
                "digestCodeSent",
                "確認コードを送りました。メールに書かれた6桁の数字を入力してください。",
                "A code is on its way: enter the 6 digits from the e-mail.");
        put("digestCode", "確認コード（6桁）", "Code (6 digits)");
        put("digestVerify", "確認する", "Confirm");
        put("digestVerified", "連絡先を確認しました。", "The contact address is confirmed.");
        put("digestWanted", "週1回のお知らせを受け取る", "Send the weekly digest");
        put("digestLanguage", "お知らせの言語", "Language of the digest");
        put("digestSave", "設定を保存する", "Save the settings");
        put("digestSaved", "設定を保存しました。", "The settings are saved.");
        put(
                "digestNeedsAddress",
                "先に連絡先のアドレスを登録し、確認コードで確認してください。",
                "Add a contact address and confirm it with the code first.");
        put("digestBadAddress", "メールアドレスを name@example.jp のように入力してください。", "Enter an address like name@example.jp.");
        put("digestBadCode", "確認コードが違うか、期限が切れています。", "That code is wrong or has expired.");
        put(
                "digestMailDown",
                "いまはメールを送れません。しばらくしてからもう一度お試しください。",
                "Mail cannot be sent just now; please try again later.");
        put("childcareHoursBefore", "託児の申込締切（各回の何時間前）", "Childcare requests close (hours before each)");
        put("changeOne", "この回だけ変更・中止", "Change or cancel this date only");
    }

    private VenueText() {}

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
