package io.ibasho.gateway.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The app's fixed words, Japanese and English side by side so that neither is forgotten. Templates read them as
 * {@code {t.key}}; sentences built from a service's data are made by {@link Wording}.
 */
public final class UiText {
    private static final Map<String, String> JA = new LinkedHashMap<>();
    private static final Map<String, String> EN = new LinkedHashMap<>();

    static {
        put("siteTitle", "いばしょ", "Ibasho");
        put("brand", "いばしょ", "Ibasho");
        put("skip", "本文へ移動", "Skip to content");
        put("safety", "安全に使うために", "Staying safe");
        put("menu", "メニュー", "Menu");
        put("navFind", "さがす", "Find");
        put("navBookings", "わたしの予約", "My bookings");
        put("navCourses", "連続講座", "Courses");
        put("navMyCourses", "わたしのコース", "My courses");
        put("navStaffCourses", "連続講座の管理", "Manage courses");
        // the staff menu's link to /c, the course list women see: named apart from 連続講座の管理 (her own courses)
        put("navPublicCourses", "公開中の連続講座", "Courses (public list)");
        put("findCourses", "連続講座（全部の回をまとめて予約）をさがす", "Find courses (all dates booked as one)");
        put("navInbox", "お知らせ", "Messages");
        put("navSettings", "設定", "Settings");
        put("navStaffSessions", "開催の管理", "Sessions");
        put("navStaffDashboard", "定員の状況", "Capacity");
        put("navStaffCare", "託児シート", "Care sheets");
        put("navStaffPartner", "会場の予定", "Venue schedule");
        put("navStaffReport", "組織のレポート", "Report");
        put("login", "ログイン・登録", "Sign in or register");
        put("logout", "ログアウト", "Sign out");
        put("otherLanguage", "English", "日本語");
        put("footer", "いばしょ ― 女性のためのカフェと講座。予約は無料です。", "Ibasho: cafés and workshops for women. Booking is free.");
        // find
        put("findTitle", "開催をさがす", "Find a session");
        put("filters", "絞り込み", "Filters");
        put("area", "地域・会場", "Area or venue");
        put("venue", "会場", "Venue");
        put("any", "すべて", "All");
        put("date", "この日から", "From this day");
        put("kind", "種類", "Kind");
        put("childcareOnly", "託児あり", "With childcare");
        put("onlineOnly", "オンライン", "Online");
        put("applyFilters", "絞り込む", "Filter");
        put("viewList", "一覧で見る", "As a list");
        put("viewMonth", "月ごとに見る", "By month");
        put("prevMonth", "前の月", "Previous month");
        put("nextMonth", "次の月", "Next month");
        put("prevPage", "前へ", "Previous");
        put("nextPage", "次へ", "Next");
        put("noSessions", "条件に合う開催はありません。条件を変えてみてください。", "No sessions match. Try other filters.");
        put("sessionsList", "開催の一覧", "Sessions");
        // session
        put("what", "内容", "What");
        put("when", "日時", "When");
        put("where", "場所", "Where");
        put("audience", "対象", "Who it is for");
        put("parts", "プログラム", "Parts");
        put("speakers", "講師", "Speaker");
        put("bring", "持ち物", "What to bring");
        put("fee", "参加費", "Fee");
        put("childcare", "託児", "Childcare");
        put("howToBook", "参加のしかた", "How to take part");
        put("noChildcare", "託児はありません", "No childcare");
        put(
                "addressLater",
                "会場の住所は、予約が確定した方にこのページでお知らせします。",
                "The address is shown on this page once your booking is confirmed.");
        put("addressNever", "安全のため、住所は公開していません。", "For safety, this address is never published.");
        put(
                "addressDropInChildcare",
                "会場の住所は公開していません。託児を予約した方には、このページでお知らせします。",
                "The address is not published. Once you have reserved childcare, it is shown on this page.");
        put("addressUnpublished", "会場の住所は公開していません。", "The address is not published.");
        put(
                "onlineWhere",
                "オンライン（参加用リンクは開始前にこのページに表示されます）",
                "Online (the link appears on this page shortly before the start)");
        put("meetingLink", "参加用リンク", "Meeting link");
        put("goBook", "予約へ進む", "Book a seat");
        put("goApply", "抽選に申し込む", "Apply to the lottery");
        put("goWaitlist", "キャンセル待ちに登録する", "Join the waitlist");
        put("goLeftoverSeats", "抽選のあとの空き席を見る", "See seats left after the lottery");
        put("yourBooking", "あなたの予約", "Your booking");
        put("seeBooking", "わたしの予約を見る", "See my booking");
        put("sessionCancelled", "この回は中止になりました。", "This session has been cancelled.");
        put("sessionPast", "この回は終了しました。", "This session has taken place.");
        put("bothParts", "1回の予約ですべての部に参加できます。", "One booking covers all parts.");
        put(
                "lotteryRules",
                "応募者多数の場合は抽選です。結果は締切のあと「わたしの予約」とお知らせでお伝えします。",
                "If more people apply than there are places, a lottery decides. You see the result in My bookings and Messages after the deadline.");
        // book
        put("bookTitle", "予約する", "Book");
        put("applyTitle", "抽選に申し込む", "Apply to the lottery");
        put("waitlistTitle", "キャンセル待ちに登録する", "Join the waitlist");
        put("applicationsClosedTitle", "抽選の受付は終了しました", "Lottery applications are closed");
        put(
                "applicationsClosed",
                "この回の抽選の申し込みは締め切りました。空いた席が出たときは、このページから先着順で予約できます。",
                "Applications for this session's lottery have closed. If seats are left over, you can book them here,"
                        + " first come, first served.");
        put("nickname", "ニックネーム", "Nickname");
        put(
                "nicknameHelp",
                "本名でなくてかまいません。受付でお呼びする名前です（40文字まで）。",
                "It need not be your real name: we call you by it at the door (up to 40 characters).");
        put("childAges", "託児を希望するお子さんの年齢", "Ages of children who need childcare");
        put(
                "childAgesHelp",
                "託児が必要なお子さんの分だけ選んでください。名前はうかがいません。",
                "Choose one for each child who needs childcare. We never ask for names.");
        // drop-in childcare asks for a call-name (optional), so "we never ask for names" would not be true there
        put(
                "dropInChildAgesHelp",
                "託児が必要なお子さんの分だけ年齢を選んでください。あなたのお名前はうかがいません。お子さんの呼び名は任意で、当日の保育者だけが使います。",
                "Choose an age for each child who needs childcare. We do not ask for your name. A name to call your child by is optional and only for the carers on the day.");
        put("child1", "1人目", "1st child");
        put("child2", "2人目", "2nd child");
        put("child3", "3人目", "3rd child");
        put("noChild", "なし", "None");
        put("tier", "あてはまるもの", "Which describes you");
        put(
                "tierHelp",
                "抽選で優先される方がいます。あてはまるものを選んでください。",
                "Some people are given priority in the lottery. Choose what applies to you.");
        put("tierNone", "どれにもあてはまらない", "None of these");
        put("submitBook", "予約する", "Book");
        put("submitApply", "抽選に申し込む", "Apply");
        put("submitWaitlist", "キャンセル待ちに登録する", "Join the waitlist");
        put("signInToBook", "ログインして予約する", "Sign in to book");
        put(
                "signInWhy",
                "予約にはログインが必要です。ニックネームだけで登録できます。",
                "Booking needs an account. A nickname is enough to register.");
        put("fixErrors", "入力を確認してください。", "Please check what you entered.");
        put("backToSession", "開催のページに戻る", "Back to the session");
        // bookings
        put("bookingsTitle", "わたしの予約", "My bookings");
        put("noBookings", "予約や申し込みはまだありません。", "You have no bookings or applications yet.");
        put("details", "詳しく見る", "Details");
        put("bookingCode", "予約コード", "Booking code");
        put("lotteryReference", "抽選の申込み番号", "Your application reference");
        put(
                "lotteryReferenceHelp",
                "公開される抽選データの中で、あなたの申込みを示す番号です。この番号を知っているのはあなただけです。人に見せないでください。",
                "It names your application in the published draw. Only you know your application reference: keep it to yourself.");
        put("qrAlt", "受付用のQRコード", "QR code for the door");
        put("qrHelp", "受付でこのQRコードか予約コードを見せてください。", "Show this QR code or the booking code at the door.");
        put("status", "状態", "Status");
        put("offerUntil", "お返事の期限", "Answer by");
        put("confirmUntil", "参加確定の期限", "Confirm by");
        put("accept", "席を受け取る", "Take the seat");
        put("confirmWin", "参加を確定する", "Confirm that I will come");
        put("decline", "辞退する", "Decline");
        put("cancel", "この予約をキャンセルする", "Cancel this booking");
        put(
                "cancelHelp",
                "行けなくなったらキャンセルしてください。席は次の方に回ります。",
                "If you cannot come, please cancel: your seat goes to the next person.");
        put("doneCancelled", "キャンセルしました。", "Cancelled.");
        put("cancelConfirmTitle", "この予約をキャンセルしますか", "Cancel this booking?");
        put(
                "cancelConfirmText",
                "キャンセルすると、席は次の方に回ります。あとから予約しなおせるのは、空きがあるときだけです。",
                "Cancelling passes your seat to the next person. You can book again later only if a seat is free.");
        put("cancelYes", "キャンセルする", "Yes, cancel it");
        put("cancelNo", "キャンセルしない", "No, keep it");
        put("leaveWaitlist", "キャンセル待ちをやめる", "Leave the waitlist");
        put(
                "leaveWaitlistHelp",
                "席がいらなくなったら、キャンセル待ちをやめてください。順番は次の方に回ります。",
                "If you no longer need a seat, please leave the waitlist: your place goes to the next person.");
        put("leaveWaitlistConfirmTitle", "キャンセル待ちをやめますか", "Leave the waitlist?");
        put(
                "leaveWaitlistConfirmText",
                "やめると、もとの順番には戻れません。",
                "Once you leave, your place in line cannot be given back.");
        put("leaveWaitlistYes", "やめる", "Yes, leave it");
        put("leaveWaitlistNo", "キャンセル待ちを続ける", "No, keep my place");
        put("doneLeftWaitlist", "キャンセル待ちをやめました。", "You have left the waitlist.");
        put("withdrawApplication", "抽選の申込みを取り消す", "Withdraw your application");
        put(
                "withdrawApplicationHelp",
                "参加できなくなったら、抽選の申込みを取り消してください。",
                "If you can no longer come, please withdraw your application.");
        put("withdrawConfirmTitle", "抽選の申込みを取り消しますか", "Withdraw your application?");
        put(
                "withdrawConfirmText",
                "取り消すと、この回の抽選の対象から外れます。",
                "Once withdrawn, you are no longer in this session's lottery.");
        put("withdrawYes", "取り消す", "Yes, withdraw it");
        put("withdrawNo", "申込みを続ける", "No, keep my application");
        put("doneWithdrawn", "抽選の申込みを取り消しました。", "Your application is withdrawn.");
        put("rebookWithoutChildcare", "託児なしで席を予約する", "Book a seat without childcare");
        put("waitlistWithChildcare", "託児つきのキャンセル待ちに登録する", "Join the waitlist with childcare");
        put("doneAccepted", "予約が確定しました。", "Your booking is confirmed.");
        put("doneDeclined", "辞退しました。席は次の方に回ります。", "Declined: the seat goes to the next person.");
        put("childcareStatus", "託児", "Childcare");
        put("nextSteps", "次にできること", "What you can do");
        // inbox
        put("inboxTitle", "お知らせ", "Messages");
        put("noMessages", "お知らせはありません。", "No messages.");
        put("unread", "未読", "New");
        put("openSession", "開催のページを開く", "Open the session");
        // settings
        put("settingsTitle", "設定", "Settings");
        put("language", "表示する言語", "Language");
        put("channels", "連絡の受け取り方", "How we contact you");
        put(
                "channelsHelp",
                "アプリ内のお知らせは常に届きます。メールは、確認済みのアドレスにだけ、内容を伏せた件名で送ります。" + "メールがオンの間は、パスワードを忘れたときの再設定メールもこのアドレスに届きます。",
                "Messages in the app always arrive. E-mail goes only to a confirmed address, with a neutral subject."
                        + " While e-mail is on, a link to reset a forgotten password can be mailed there too.");
        put("channelInApp", "アプリ内のお知らせ（常にオン）", "Messages in the app (always on)");
        put("channelEmail", "メール（確認済みのアドレス）", "E-mail (confirmed address)");
        put("quietHours", "連絡しない時間帯", "Quiet hours");
        put(
                "quietHoursHelp",
                "この時間帯には、メールも LINE も送りません（アプリ内のお知らせは届きます）。空欄なら設定しません。",
                "No e-mail and no LINE message is sent in these hours (messages in the app still arrive). Leave empty"
                        + " for none.");
        put("quietStart", "開始", "From");
        put("quietEnd", "終了", "To");
        put("save", "保存する", "Save");
        put("saved", "保存しました。", "Saved.");
        put("email", "メールアドレス", "E-mail address");
        put(
                "emailHelp",
                "確認コードを送ります。コードを入力するまで、このアドレスには何も送りません。",
                "We send a code. Nothing else goes to the address until you enter the code.");
        put("sendCode", "確認コードを送る", "Send a code");
        put("codeSent", "確認コードを送りました。メールに書かれた6桁の数字を入力してください。", "Code sent: enter the 6 digits from the e-mail.");
        put("code", "確認コード（6桁）", "Code (6 digits)");
        put("verify", "確認する", "Confirm");
        put("verified", "メールアドレスを確認しました。", "Your e-mail address is confirmed.");
        put("currentEmail", "登録中のアドレス", "Address on file");
        put("pendingEmail", "確認待ちのアドレス", "Address waiting for its code");
        // sign-in prompt, errors, signed out
        put("signInTitle", "ログインしてください", "Please sign in");
        put("signInText", "このページを見るにはログインが必要です。", "You need to sign in to see this page.");
        put("notFoundTitle", "ページが見つかりません", "Page not found");
        put("notFoundText", "アドレスが変わったか、なくなったページです。", "This page has moved or no longer exists.");
        put("notAllowedTitle", "このページは表示できません", "This page is not for this account");
        put(
                "notAllowedText",
                "このアカウントでは使えないページです。メニューから選んでください。",
                "This account cannot use this page. Choose from the menu.");
        put("forbiddenTitle", "もう一度お試しください", "Please try again");
        put(
                "forbiddenText",
                "ページが古くなっていたため、送信できませんでした。ページを読み込み直してからもう一度お試しください。",
                "The page was out of date, so nothing was sent. Please reload the page and try again.");
        put("unavailableTitle", "ただいま混み合っています", "Not available right now");
        put(
                "unavailableText",
                "しばらくしてからもう一度お試しください。予約の途中だった場合は「わたしの予約」で結果を確かめてから、やり直してください。",
                "Please try again in a moment. If you were booking, check My bookings before trying again.");
        put("errorTitle", "エラーが発生しました", "Something went wrong");
        put("errorText", "申し訳ありません。しばらくしてからもう一度お試しください。", "Sorry. Please try again in a moment.");
        put("toStart", "トップページへ", "To the start page");
        put("byeTitle", "ログアウトしました", "You are signed out");
        put(
                "byeText",
                "この端末からのログインは終了しました。もう一度使うときは、パスワードの入力が必要です。",
                "You are signed out on this device. To use it again you need your password.");
        put(
                "byeHistory",
                "閲覧履歴が心配なときは、ブラウザの履歴も消してください。",
                "If someone may look at your browsing history, clear it in your browser too.");
        put("safetyTitle", "安全に使うために", "Staying safe");
        put("helpTitle", "相談できるところ", "Places to talk to");
        put(
                "helpIntro",
                "話してみたいときの窓口です。名前を言わずに相談できるところもあります。電話の履歴が心配なときは、安全な電話からかけてください。",
                "Places you can talk to. Some do not need your name. If someone may check your phone's call history, call from a safe phone.");
        put("helpCall", "電話する", "Call");
        put("helpNone", "いまは表示できる窓口がありません。", "No places to show just now.");
        put("helpEmergency", "いま危ないときは、110番に電話してください。", "If you are in danger now, call 110 (police).");
        put("helpLink", "相談できるところ", "Places to talk to");
        // 託児 alone at a drop-in café (DropInChildcarePages)
        put("goDropInChildcare", "この回の託児を予約する", "Reserve childcare for this session");
        put(
                "dropInOffer",
                "予約なしで参加できる回です。託児を使うときだけ、お子さんの分を予約してください。",
                "No booking is needed to come. Reserve only if your children need childcare.");
        put("dropInHeld", "この回の託児を予約しています", "You reserved childcare for this session");
        put("dropInTitle", "託児を予約する", "Reserve childcare");
        put(
                "dropInIntro",
                "席の予約はいりません。託児が必要なお子さんの年齢を選んでください。お預かりのときに見せるコードをお渡しします。",
                "You need no seat. Choose the ages of the children who need childcare; you get a code to show the carers.");
        put("dropInDeadline", "託児の申込締切", "Childcare deadline");
        put(
                "dropInClosed",
                "この回の託児は予約できません（託児がないか、締切を過ぎたか、終了した回です）。",
                "Childcare cannot be reserved for this session (none is offered, its deadline has passed, or it is over).");
        put(
                "dropInSignInWhy",
                "託児の予約にはログインが必要です。ニックネームだけで登録できます。",
                "Reserving childcare needs an account. A nickname is enough to register.");
        put("dropInSignIn", "ログインして託児を予約する", "Sign in to reserve childcare");
        put(
                "dropInAlready",
                "この回の託児はすでに予約しています。内容は「わたしの予約」で確かめられます。",
                "You already reserved childcare for this session. You can see it in My bookings.");
        put("dropInMore", "呼び名や保育者への連絡（任意）", "A name to call and notes for the carers (optional)");
        put("dropInNickname", "お子さんの呼び名（任意）", "What to call the child (optional)");
        put(
                "dropInNicknameHelp",
                "保育者が呼ぶ名前です。本名でなくてかまいません（20文字まで）。",
                "The carers call the child by it; it need not be a real name (up to 20 characters).");
        put("dropInNotes", "保育者への連絡（任意）", "Notes for the carers (optional)");
        put(
                "dropInNotesHelp",
                "アレルギーや体調など（500文字まで）。回の終了から24時間後に削除します。",
                "Allergies, health and the like (up to 500 characters). Deleted 24 hours after the session.");
        // The consent wordings, version 2026-12: the same words as the services' ConsentWording, which record the
        // version with her consent; a change of words is a new version there and here.
        put(
                "notesConsent",
                "お子さんの呼び名と保育へのメモは、その回の託児スタッフだけが読み、回のあと削除されます。" + "「わたしのデータ」からいつでも同意を取り消せます（メモはそのとき削除されます）。",
                "Your children's nicknames and care notes are read only by the carers of that session and deleted"
                        + " after it. You can withdraw this consent at any time under My data (the notes are deleted"
                        + " then).");
        put(
                "emailConsent",
                "確認したメールアドレスに、目立たない件名でお知らせを送ることに同意します。" + "「わたしのデータ」からいつでも取り消せます（アドレスはそのとき削除されます）。",
                "I agree that discreet messages are sent to the address I confirm. I can withdraw this at any time"
                        + " under My data (the address is removed then).");
        put("dropInSubmit", "託児を予約する", "Reserve childcare");
        put("dropInYours", "託児の予約", "Your childcare reservation");
        put(
                "dropInReserved",
                "託児を予約しました。お預かりのときに、このコードを保育者に見せてください。",
                "Childcare is reserved. Show this code to the carers when you hand over your children.");
        put("dropInCancelled", "託児の予約を取り消しました。", "Your childcare reservation is cancelled.");
        put("dropInCode", "保育者に見せるコード", "Code for the carers");
        put("dropInCodeHelp", "コードには、あなたの名前や連絡先は含まれていません。", "The code says nothing about who you are.");
        put("dropInChildren", "お子さん", "Children");
        put("dropInCancel", "託児の予約を取り消す", "Cancel the childcare reservation");
        put(
                "dropInCancelHelp",
                "使わなくなったら取り消してください。枠はほかのお子さんに回ります。",
                "If you no longer need it, please cancel: the place goes to another child.");
        put("dropInCancelConfirmTitle", "託児の予約を取り消しますか", "Cancel this childcare reservation?");
        put(
                "dropInCancelConfirmText",
                "取り消すと、保育者への連絡もすぐに削除されます。あとからもう一度予約することはできます（空きがあれば）。",
                "Cancelling deletes your notes at once. You can reserve again later if places are left.");
        put("dropInCancelYes", "取り消す", "Yes, cancel it");
        put("dropInCancelLink", "取り消す", "Cancel");
        // between two sentences put together on a page (Japanese has no space after its full stop)
        put("fullStop", "。", ". ");
        // between two parts of one line (a reference and its organisation, a title and its date): 「・」 is Japanese
        put("separator", " ・ ", " · ");
        put("dropInCancelNo", "取り消さない", "No, keep it");
        put("dropInListTitle", "託児の予約（予約なしで参加できる回）", "Childcare at drop-in sessions");
        put("dropInCodeShort", "コード", "Code");
        // a part of a session that meets at another venue
        put("partPlace", "この部の会場", "This part meets at");
        // requests to talk (TalkPages): the menu says nothing about consultation, the page says what happens
        put("navTalk", "話したいこと", "Ask to talk");
        put("navStaffConsultation", "話したいことの連絡", "Requests to talk");
        put(
                "helpTalk",
                "Ibasho を使っている団体のスタッフと話したいときは、連絡の方法と時間帯を伝えられます（理由は書かなくて大丈夫です）。",
                "If you would like to talk to the staff of an organisation on Ibasho, tell them how and when to reach you (no reason needed).");
        put("helpTalkLink", "話したいことがあります", "I would like to talk");
        put("navStaffVenues", "会場の管理", "Venues");
    }

    private UiText() {}

    private static void put(String key, String ja, String en) {
        JA.put(key, ja);
        EN.put(key, en);
    }

    public static Map<String, String> of(Language language) {
        return language == Language.EN ? EN : JA;
    }

    /** For tests: every key has both languages. */
    static Map<String, String> japanese() {
        return JA;
    }

    static Map<String, String> english() {
        return EN;
    }
}
