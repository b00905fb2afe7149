package io.ibasho.gateway.web;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Plain words for what the services answer in codes: kinds, times, availability, booking states. Pure (no Quarkus),
 * so that every sentence a woman reads can be tested without a server. All times are shown in Asia/Tokyo.
 */
public final class Wording {
    public static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    private Wording() {}

    /** A part's label that only numbers it, as organisers write it: 1部, 2部, 第3部, 第三部 (digits also full-width). */
    private static final java.util.regex.Pattern NUMBERED_PART =
            java.util.regex.Pattern.compile("第?([0-9]{1,2}|[一二三四五六七八九十])部");

    /** The labels organisers give parts by the time of day or by half (午前の部, 午後の部, 夜の部, 前半), in English. */
    private static final java.util.Map<String, String> TIME_OF_DAY_PARTS = java.util.Map.of(
            "朝", "Morning",
            "午前", "Morning",
            "昼", "Midday",
            "午後", "Afternoon",
            "夕方", "Early evening",
            "夜", "Evening",
            "前半", "First half",
            "後半", "Second half");

    private static final String KANJI_DIGITS = "一二三四五六七八九十";

    /**
     * A part's label as its organiser wrote it, except the set phrases that can be put into English without guessing
     * what she meant: a number (1部, 第3部: "Part 3"), a time of day (午前の部: "Morning", 夜の部: "Evening") or a half
     * (前半: "First half"). A part has one label and no form of its own (the API sets it), so its English is worded
     * here, like the other set phrases, and any other label (1部（交流会）) stays as written.
     */
    public static String partLabel(String label, Language language) {
        String plain = io.ibasho.typedinput.TypedInput.plain(label);
        if (language != Language.EN || plain == null) {
            return label;
        }
        java.util.regex.Matcher numbered = NUMBERED_PART.matcher(plain);
        if (numbered.matches()) {
            String n = numbered.group(1);
            return "Part " + (Character.isDigit(n.charAt(0)) ? Integer.parseInt(n) : KANJI_DIGITS.indexOf(n) + 1);
        }
        String timeOfDay = TIME_OF_DAY_PARTS.get(plain.endsWith("の部") ? plain.substring(0, plain.length() - 2) : plain);
        return timeOfDay != null ? timeOfDay : label;
    }

    /** A venue's area in her language: in English the area in English where the organiser gave one, else Japanese. */
    public static String area(String area, String areaEn, Language language) {
        return language == Language.EN && areaEn != null && !areaEn.isBlank() ? areaEn : area;
    }

    /** A venue's name with its area, as her language writes it: ひなた会館（ひなた区）, "Hinata Hall (Hinata Ward)". */
    public static String place(String name, String area, Language language) {
        if (name == null) {
            return area == null ? "" : area;
        }
        return area == null ? name : name + (language == Language.JA ? "（" + area + "）" : " (" + area + ")");
    }

    /** The session kinds in words; the wire names ({@code free-space}) never reach the page. */
    public static String kind(String kind, Language language) {
        boolean ja = language == Language.JA;
        if (kind == null) {
            return ja ? "その他" : "Other";
        }
        return switch (kind) {
            case "cafe" -> ja ? "カフェ" : "Café";
            case "workshop" -> ja ? "講座" : "Workshop";
            case "online" -> ja ? "オンライン" : "Online";
            case "free-space" -> ja ? "フリースペース" : "Free space";
            default -> ja ? "その他" : "Other";
        };
    }

    /** 「12月5日(土)」 / "Sat 5 Dec". */
    public static String day(OffsetDateTime time, Language language) {
        ZonedDateTime t = time.atZoneSameInstant(TOKYO);
        if (language == Language.JA) {
            return t.getMonthValue() + "月" + t.getDayOfMonth() + "日("
                    + t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.JAPANESE) + ")";
        }
        return t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + t.getDayOfMonth() + " "
                + t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    /** 「12月5日(土) 13:30〜15:30」 / "Sat 5 Dec, 13:30–15:30"; an end on another day is written out in full. */
    public static String when(OffsetDateTime start, OffsetDateTime end, Language language) {
        if (start == null) {
            return "";
        }
        ZonedDateTime s = start.atZoneSameInstant(TOKYO);
        String from = day(start, language) + (language == Language.JA ? " " : ", ") + s.format(HOUR_MINUTE);
        if (end == null) {
            return from;
        }
        ZonedDateTime e = end.atZoneSameInstant(TOKYO);
        String to = e.toLocalDate().equals(s.toLocalDate())
                ? e.format(HOUR_MINUTE)
                : day(end, language) + (language == Language.JA ? " " : ", ") + e.format(HOUR_MINUTE);
        return from + (language == Language.JA ? "〜" : "–") + to;
    }

    /** 「12月1日(火) 23:59」 / "Tue 1 Dec, 23:59". */
    /** 参加費: 無料 / 500円; null when the organiser did not say. */
    public static String fee(Integer yen, Language language) {
        if (yen == null) {
            return null;
        }
        boolean ja = language == Language.JA;
        if (yen == 0) {
            return ja ? "無料" : "Free";
        }
        return ja ? String.format("%,d円", yen) : String.format("¥%,d", yen);
    }

    public static String at(OffsetDateTime time, Language language) {
        return day(time, language)
                + (language == Language.JA ? " " : ", ")
                + time.atZoneSameInstant(TOKYO).format(HOUR_MINUTE);
    }

    /** 「12月1日(火) 23:59まで」 / "until Tue 1 Dec, 23:59". */
    public static String until(OffsetDateTime deadline, Language language) {
        String at = day(deadline, language)
                + (language == Language.JA ? " " : ", ")
                + deadline.atZoneSameInstant(TOKYO).format(HOUR_MINUTE);
        return language == Language.JA ? at + "まで" : "until " + at;
    }

    /**
     * How she gets in: drop-in, first come (with the capacity), or a lottery with its capacity and deadline
     * (「抽選: 定員 10名（締切 …）」): never how many applied (docs/adr/0086).
     */
    public static String availability(String allocation, Integer capacity, OffsetDateTime closesAt, Language language) {
        return availability(allocation, capacity, null, closesAt, language);
    }

    /**
     * As above, with the band of a first-come session's seats when the registration service told it (AVAILABLE, FEW,
     * FULL; null: unknown, then only the capacity is shown). A band, not a count: a count that moves by one tells when
     * one woman booked (docs/adr/0086).
     */
    public static String availability(
            String allocation, Integer capacity, String seats, OffsetDateTime closesAt, Language language) {
        boolean ja = language == Language.JA;
        String cap = capacity == null ? "" : ja ? "定員 " + capacity + "名" : capacity + " places";
        if (allocation == null || "NONE".equals(allocation)) {
            return ja ? "予約不要（出入り自由）" : "No booking needed: drop in";
        }
        if ("LOTTERY".equals(allocation)) {
            String deadline =
                    closesAt == null ? "" : (ja ? "（締切 " : " (closes ") + at(closesAt, language) + (ja ? "）" : ")");
            return (ja ? "抽選: " : "Lottery: ") + cap + deadline;
        }
        String deadline =
                closesAt == null ? "" : (ja ? "（申込締切 " : " (book ") + until(closesAt, language) + (ja ? "）" : ")");
        String band = seats(seats, language);
        String figures = cap.isEmpty() ? band : band.isEmpty() ? cap : cap + (ja ? "・" : ", ") + band;
        return (ja ? "要予約（先着順）" : "Booking needed, first come")
                + (figures.isEmpty() ? "" : (ja ? "・" : ", ") + figures)
                + deadline;
    }

    /**
     * 「空きあり」, 「残りわずか」 (so that she does not wait), 「満席（キャンセル待ち可）」 (the waitlist still takes her); empty
     * when the band is unknown.
     */
    static String seats(String band, Language language) {
        boolean ja = language == Language.JA;
        if (band == null) {
            return "";
        }
        return switch (band) {
            case "AVAILABLE" -> ja ? "空きあり" : "seats available";
            case "FEW" -> ja ? "残りわずか" : "few seats left";
            case "FULL" -> ja ? "満席（キャンセル待ち可）" : "full (waitlist open)";
            default -> "";
        };
    }

    /** 「託児あり（1〜6歳、12月1日(火) 17:00まで申込）」 or null when none is offered. */
    public static String childcare(
            boolean offered, Integer minAge, Integer maxAge, OffsetDateTime deadline, Language language) {
        if (!offered) {
            return null;
        }
        boolean ja = language == Language.JA;
        StringBuilder text = new StringBuilder(ja ? "託児あり" : "Childcare offered");
        StringBuilder detail = new StringBuilder();
        if (minAge != null && maxAge != null) {
            detail.append(ja ? minAge + "〜" + maxAge + "歳" : "ages " + minAge + "–" + maxAge);
        }
        if (deadline != null) {
            if (detail.length() > 0) {
                detail.append(ja ? "、" : ", ");
            }
            detail.append(ja ? until(deadline, language) + "に申込" : "ask " + until(deadline, language));
        }
        if (detail.length() > 0) {
            text.append(ja ? "（" : " (").append(detail).append(ja ? "）" : ")");
        }
        return text.toString();
    }

    /**
     * Her registration's state in words. {@code reason}: why she waits (a waitlisted one's {@code waitlistReason}, with
     * her {@code position}) or why a seat is offered to her (an offered one's {@code offerReason}).
     */
    public static String status(String status, String reason, Integer position, Language language) {
        return status(status, reason, position, null, language);
    }

    /** An offered registration's {@code offerReason} when she was drawn and must confirm her place. */
    public static final String LOTTERY_WIN = "LOTTERY_WIN";

    /**
     * As above; {@code cancelledBy} tells who ended it: an offer she declined herself ({@code ATTENDEE}) is said as
     * declined, never as a missed deadline.
     */
    public static String status(String status, String reason, Integer position, String cancelledBy, Language language) {
        boolean ja = language == Language.JA;
        if (status == null) {
            return "";
        }
        return switch (status) {
            case "confirmed" -> ja ? "予約確定" : "Confirmed";
            case "pending_childcare" -> ja ? "託児の確認中（席は確保しています）" : "Checking childcare (your seat is held)";
            case "applied" -> ja ? "抽選に申込済み（結果を待っています）" : "Applied to the lottery (waiting for the draw)";
            case "waitlisted" -> waiting(reason, position, ja);
            case "offered" ->
                LOTTERY_WIN.equals(reason)
                        ? ja ? "当選しました。期限までに参加を確定してください" : "You were drawn: please confirm by the deadline"
                        : ja ? "席が空きました。期限までにお返事ください" : "A seat is free for you: please answer before the deadline";
            case "cancelled" -> ja ? "キャンセル済み" : "Cancelled";
            case "expired" ->
                "ATTENDEE".equals(cancelledBy)
                        ? ja ? "お席のご案内をお断りしました" : "You declined the offered seat"
                        : ja ? "お返事の期限が過ぎました" : "The offer has expired";
            case "childcare_unavailable" ->
                ja ? "託児をご用意できなかったため、席は取り消しました" : "Childcare could not be given, so the seat was released";
            case "rejected", "not_won", "lost" -> ja ? "今回は当選しませんでした" : "Not drawn this time";
            default -> status;
        };
    }

    /** Childcare refusals that places freeing up can change: worth waiting for on the waitlist with childcare. */
    public static final java.util.List<String> CHILDCARE_FULL = java.util.List.of("RATIO_EXCEEDED", "CAP_EXCEEDED");

    /**
     * Why childcare could not be given, from the booking's {@code childcareRejectReason} (childcare-booking's codes, or
     * registration's NO_ANSWER and UNKNOWN_SESSION), never "no place" when the truth is the age or the deadline.
     * {@code minAge}, {@code maxAge}: the session's childcare ages, when known.
     */
    public static String childcareRefused(String reason, Integer minAge, Integer maxAge, Language language) {
        boolean ja = language == Language.JA;
        return switch (reason == null ? "" : reason) {
            case "AGE_OUT_OF_RANGE" ->
                minAge == null || maxAge == null
                        ? (ja
                                ? "お子さんの年齢が、この回の託児の対象ではありませんでした"
                                : "A child's age is not one this session's childcare takes")
                        : ja
                                ? "お子さんの年齢が、この回の託児の対象（" + minAge + "〜" + maxAge + "歳）ではありませんでした"
                                : "A child's age is outside the ages this session's childcare takes (" + minAge + "–"
                                        + maxAge + ")";
            case "DEADLINE_PASSED" -> ja ? "託児の申込締切を過ぎていました" : "The childcare deadline had passed";
            case "NOT_OFFERED" -> ja ? "この回には託児がありません" : "This session has no childcare";
            case "RATIO_EXCEEDED", "CAP_EXCEEDED" -> ja ? "託児の空きがありませんでした" : "No childcare place was free";
            case "NO_ANSWER", "UNKNOWN_SESSION" ->
                ja ? "託児の受付から時間内に返事がありませんでした" : "The childcare team did not answer in time";
            default -> ja ? "託児をお受けできませんでした" : "Childcare could not be given";
        };
    }

    /** Childcare refusals that waiting cannot change: the age, the deadline, no childcare at all. */
    static final java.util.List<String> CHILDCARE_REFUSED_FOR_GOOD =
            java.util.List.of("DEADLINE_PASSED", "AGE_OUT_OF_RANGE", "NOT_OFFERED");

    /**
     * What she can do next, from her booking's {@code nextStepsCode} (registration's codes); {@code waitlistOffered}:
     * the waitlist with childcare is open to her (childcare was full, not refused for good). {@code lottery}: she waits
     * on a drawn lottery's reserve list, which takes no new booking; {@code childcareRefusal}: childcare's last reason.
     * Never a promise that cannot happen: places freeing up do not change an age or a deadline. Null for no code.
     */
    public static String nextSteps(
            String code, boolean waitlistOffered, boolean lottery, String childcareRefusal, Language language) {
        boolean ja = language == Language.JA;
        if ("WAITING_FOR_CHILDCARE".equals(code)) {
            return waitingForChildcare(lottery, CHILDCARE_REFUSED_FOR_GOOD.contains(childcareRefusal), ja);
        }
        return switch (code == null ? "" : code) {
            case "CHILDCARE_UNAVAILABLE" ->
                (ja ? "託児なしで、席だけを予約しなおすことができます。" : "You can book a seat again, without childcare.")
                        + (!waitlistOffered
                                ? ""
                                : ja
                                        ? "託児つきのキャンセル待ちに登録すると、託児の空きが出たときに席と託児をいっしょにご案内します。"
                                        : " Or join the waitlist with childcare: when childcare places free up, you are offered"
                                                + " a seat together with childcare.");
            case "PENDING_CHILDCARE" ->
                ja
                        ? "託児の確認が終わるまで、席は確保しています。結果はお知らせとこのページでお伝えします。"
                        : "Your seat is held while childcare is checked. You will see the answer in Messages and on this page.";
            case "COURSE_DATE_WITHOUT_CHILDCARE" ->
                ja
                        ? "この回の席は託児なしでそのまま確保しています。ほかの回は変わりません。託児なしで参加できないときは、この回だけキャンセルできます。"
                        : "Your seat on this date is kept, without childcare; your other dates are unchanged. If you cannot"
                                + " come without childcare, you can cancel this date alone.";
            default -> null;
        };
    }

    private static String waitingForChildcare(boolean lottery, boolean refusedForGood, boolean ja) {
        String now = refusedForGood
                ? (ja
                        ? "この回では託児をご用意できないため、" + (lottery ? "補欠" : "キャンセル待ち") + "のままお待ちいただいても、託児つきの席はご案内できません。"
                        : "Childcare cannot be given for this session, so waiting "
                                + (lottery ? "on the reserve list" : "on the waitlist")
                                + " will not bring you a seat with childcare.")
                : ja
                        ? "託児の空きが出たら、席と託児をいっしょにご案内します。" + (lottery ? "補欠の順番" : "順番") + "はそのままです。"
                        : "When childcare places free up, you are offered a seat together with childcare; you keep your"
                                + (lottery ? " place on the reserve list." : " place.");
        // a drawn lottery takes no new booking while anyone is on its reserve list
        return lottery
                ? now
                : now
                        + (ja
                                ? "託児なしで参加するときは、キャンセル待ちをやめてから席を予約しなおしてください。"
                                : " To come without childcare, leave the waitlist and book a seat again.");
    }

    /** Her childcare's state (a registration's childcareStatus, a childcare booking's status) in words. */
    public static String childcareStatus(String status, Language language) {
        if (status == null) {
            return null;
        }
        boolean ja = language == Language.JA;
        return switch (status) {
            case "reserved" -> ja ? "確保しました" : "reserved";
            case "pending" -> ja ? "確認中" : "being checked";
            case "rejected" -> ja ? "空きがありませんでした" : "no place was free";
            case "released" -> ja ? "取り消しました" : "cancelled";
            default -> null;
        };
    }

    /** Her children's ages for the childcare, ages only (never names): 「2歳、4歳」. Null when none. */
    public static String childrenAges(java.util.List<Integer> ages, Language language) {
        if (ages == null || ages.isEmpty()) {
            return null;
        }
        boolean ja = language == Language.JA;
        return String.join(
                ja ? "、" : ", ", ages.stream().map(age -> age(age, language)).toList());
    }

    /** A child's age in years: 「1歳」, "1 year", "2 years" (the one place ages are worded). */
    public static String age(int years, Language language) {
        return language == Language.JA ? years + "歳" : years + (years == 1 ? " year" : " years");
    }

    private static String waiting(String reason, Integer position, boolean ja) {
        String place = position == null ? "" : ja ? "（" + position + "番目）" : " (number " + position + ")";
        if ("LOTTERY_RESERVE".equals(reason)) {
            return (ja ? "抽選の補欠" : "On the lottery's reserve list") + place;
        }
        if ("CHILDCARE_UNAVAILABLE".equals(reason)) {
            return (ja ? "託児つきの席のキャンセル待ち" : "Waiting for a seat with childcare") + place;
        }
        return (ja ? "キャンセル待ち" : "On the waitlist") + place;
    }

    /** Only same-origin paths may be a place to come back to after signing in (no open redirect). */
    public static boolean isLocalPath(String path) {
        return path != null
                && path.startsWith("/")
                && !path.startsWith("//")
                && !path.startsWith("/\\")
                && path.length() <= 200
                && path.chars().noneMatch(c -> c < 0x21 || c == 0x7f || c == '\\');
    }
}
