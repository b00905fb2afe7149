package io.ibasho.gateway.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The words of the request to talk, hers and the consultation staff's, Japanese and English side by side (read as
 * {@code {tt.key}}). Kept apart from UiText so that the page and its wording travel together.
 */
public final class TalkText {
    private static final Map<String, String> JA = new LinkedHashMap<>();
    private static final Map<String, String> EN = new LinkedHashMap<>();

    static {
        put("title", "話したいことがあります", "I would like to talk");
        put(
                "intro",
                "団体のスタッフに、安全に連絡できる方法と時間帯を伝えられます。理由を書く必要はありません。",
                "Tell an organisation's staff how and when they can reach you safely. You do not need to give a reason.");
        put(
                "kept",
                "この連絡は、その団体の担当スタッフだけが見ます。終了から30日後に消え、いつでも取り消せます（取り消すとすぐに消えます）。",
                "Only the staff of that organisation who answer these requests see it. It is deleted 30 days after it is closed, and you can withdraw it at any time (it is deleted at once).");
        put("organisation", "連絡してほしい団体", "Organisation");
        // an organisation of one of her requests that is no longer listed by name: never its id
        put("unlistedOrganisation", "選んだ団体", "The organisation you chose");
        put("noOrganisations", "いまは選べる団体がありません。", "No organisation to choose just now.");
        put("how", "連絡の方法", "How to reach you");
        put("howInApp", "このアプリのお知らせで", "Through this app's messages");
        put("howEmail", "確認済みのメールアドレスに", "At the e-mail address you confirmed");
        put("howEmailOff", "（設定でメールを選ぶと使えます）", "(choose e-mail in your settings to use this)");
        put("howLine", "LINE で（つないだ LINE に、中立的な文面でお知らせします）", "By LINE (the LINE you linked gets neutral words)");
        put("howLineOff", "（設定で LINE をつなぐと使えます）", "(link LINE in your settings to use this)");
        put(
                "lineNotLinked",
                "LINE は、設定で LINE をつないでから選べます。ほかの方法を選んでください。",
                "LINE can be chosen once you link it in your settings; please choose another way.");
        put(
                "notAccepting",
                "この団体は、いまは連絡を受け付けていません。ほかの団体を選んでください。",
                "This organisation is not taking requests just now; please choose another.");
        put("otherPlaces", "ほかの相談窓口", "Other places to turn to");
        put("askThisOrganisation", "この団体に「話したいことがあります」と伝える", "Ask this organisation to talk");
        put("howInPerson", "次の開催の、静かに話せるコーナーで", "In person, at the quiet corner of the next session");
        put(
                "howCallback",
                "この番号に電話で（この連絡だけに使い、一緒に消えます）",
                "By phone at this number (used for this request only, deleted with it)");
        put("phone", "電話番号", "Phone number");
        put(
                "phoneProblem",
                "電話番号は数字で入力してください（例：090-1234-5678）。",
                "Enter the phone number in digits (for example 090-1234-5678).");
        put("when", "連絡してよい時間帯", "When");
        put("weekdayDaytime", "平日の昼間", "Weekday daytime");
        put("weekdayEvening", "平日の夕方・夜", "Weekday evening");
        put("weekend", "土日", "Weekends");
        put("specificDays", "曜日を選ぶ", "Specific days");
        put("days", "曜日", "Days");
        put("daySeparator", "・", ", ");
        put("MON", "月", "Mon");
        put("TUE", "火", "Tue");
        put("WED", "水", "Wed");
        put("THU", "木", "Thu");
        put("FRI", "金", "Fri");
        put("SAT", "土", "Sat");
        put("SUN", "日", "Sun");
        put("note", "ひとこと（任意・200字まで）", "A short note (optional, up to 200 characters)");
        put("noteHelp", "例:「20時以降なら大丈夫」。理由は書かなくて大丈夫です。", "For example: \"after 8 pm is fine\". No reason needed.");
        put("send", "送る", "Send");
        put("sent", "送りました。", "Sent.");
        put("withdrawn", "取り消しました。", "Withdrawn.");
        put("mine", "送った連絡", "What you sent");
        put("none", "まだありません。", "Nothing yet.");
        put("reference", "番号", "Reference");
        put("referenceHelp", "コーナーでは、名前のかわりにこの番号を伝えてください。", "At the corner, say this reference instead of your name.");
        put("OPEN", "送信しました（受け付けをお待ちください）", "Sent: waiting to be received");
        put("ACKNOWLEDGED", "受け付けました。ご指定の方法でご連絡します", "Received: we will contact you");
        put("CLOSED", "終了しました", "Closed");
        put("withdraw", "取り消す", "Withdraw");
        put("notAttendee", "スタッフやパートナーのアカウントからは送れません。", "Staff and partner accounts cannot send this.");
        // staff
        put("staffTitle", "話したいことの連絡", "Requests to talk");
        put(
                "staffIntro",
                "ご本人が選んだ方法と時間帯だけで連絡してください。見るたびに記録されます。",
                "Contact her only in the way and at the times she chose. Every view is recorded.");
        put("staffNone", "いまは連絡はありません。", "No requests just now.");
        put("staffNote", "ご本人からのひとこと", "Her note");
        put("received", "受信", "Received");
        put("status", "状態", "Status");
        put("acknowledge", "受け付けたことを知らせる", "Acknowledge");
        put("close", "終了にする", "Close");
        put("staffOPEN", "未対応", "New");
        put("staffACKNOWLEDGED", "受け付け済み", "Acknowledged");
        put("acknowledged", "ご本人に、中立的な文面でお知らせしました。", "She was told, in neutral words.");
        put("closed", "終了にしました。30日後に消えます。", "Closed. It will be deleted in 30 days.");
        put(
                "howLineStaff",
                "LINE で（受け付けのお知らせはこのアプリから届きます）",
                "By LINE (the acknowledgement reaches her there from this app)");
        put("listing", "一覧での表示", "How you are listed");
        put(
                "listingIntro",
                "利用者が連絡先を選ぶ一覧と「相談できるところ」に、この名前で表示されます。受け付けを止めると、新しい連絡は届きません（届いている連絡はそのままです）。",
                "Women choose you by this name, and the places-to-turn-to page lists you by it. While you pause, no new requests arrive (those already sent stay).");
        put("nameJa", "団体の名前（日本語）", "Public name (Japanese)");
        put("nameEn", "団体の名前（英語・任意）", "Public name (English, optional)");
        put("accepting", "いま連絡を受け付けている", "We read requests to talk now");
        put("save", "保存する", "Save");
        put("saved", "保存しました。", "Saved.");
        put("notListed", "まだ一覧に表示されていません。", "Not listed yet.");
        put("failed", "いまはできませんでした。しばらくしてからお試しください。", "That did not work just now; please try again later.");
    }

    private TalkText() {}

    private static void put(String key, String ja, String en) {
        JA.put(key, ja);
        EN.put(key, en);
    }

    public static Map<String, String> of(Language language) {
        return language == Language.EN ? EN : JA;
    }
}
