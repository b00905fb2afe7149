package io.ibasho.gateway.web.staff;

import io.ibasho.gateway.web.Language;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The organiser's session form, both ways: what she typed becomes the event service's SessionRequest (times in Tokyo),
 * or a message next to each field that needs fixing; a session from the service becomes the form's values again. The
 * service's own rules (SessionRules) answer with field names and stable codes, which {@link #fieldOf} and
 * {@link #message} turn into the same messages next to the same fields. Pure: no Quarkus, plain unit tests.
 */
public final class SessionForm {
    /** The most seats the forms take (a typing slip's bound; the venue's ceiling is the event service's rule). */
    static final int MAX_CAPACITY = 10_000;

    /** A capacity that is not a number from 1 to {@link #MAX_CAPACITY}: too large is said as such, not as too small. */
    static String capacityOutOfRange(boolean ja) {
        return ja ? "定員は1から10000までの数字で入力してください。" : "Enter a capacity from 1 to 10,000.";
    }

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final List<String> KINDS = List.of("cafe", "workshop", "online", "free-space");
    static final List<String> ALLOCATIONS = List.of("NONE", "FIRST_COME", "LOTTERY");

    /** The form's fields, in the order they are shown (and errors are listed). */
    static final List<String> FIELDS = List.of(
            "kind",
            "titleJa",
            "titleEn",
            "targetAudienceJa",
            "descriptionJa",
            "bringJa",
            "feeYen",
            "date",
            "startTime",
            "endTime",
            "venueId",
            "roomId",
            "meetingLink",
            "allocation",
            "capacity",
            "opens",
            "closes",
            "priorityTiers",
            "oneWinPerMonth",
            "childcareRequiredToWin",
            "confirmationRequired",
            "confirmationHours",
            "childcare",
            "childMinAge",
            "childMaxAge",
            "carers",
            "childcareDeadline");

    private SessionForm() {}

    /**
     * What came of a form: the request made of what she typed, and the messages by field; the request is sent to be
     * saved only without messages, and to the event service's check (its fields she got wrong left out) with them.
     */
    public record Parsed(JsonObject request, Map<String, String> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * Reads the typed values. {@code current}: the session being edited (its parts and room, which the form does not
     * show, are kept), or null for a new one.
     */
    public static Parsed read(Map<String, String> form, JsonObject current, Language language) {
        boolean ja = language == Language.JA;
        Map<String, String> errors = new LinkedHashMap<>();
        JsonObject request = new JsonObject();
        if (current != null) {
            for (String kept : List.of("roomId", "parts", "meetingLink", "targetAudienceEn")) {
                if (current.getValue(kept) != null) {
                    request.put(kept, current.getValue(kept));
                }
            }
            if (request.getValue("parts") instanceof JsonArray parts) {
                request.put("parts", partsForRequest(parts));
            }
        }
        String kind = value(form, "kind");
        if (kind == null || !KINDS.contains(kind)) {
            errors.put("kind", ja ? "種類を選んでください。" : "Choose a kind.");
        } else {
            request.put("kind", kind);
        }
        String titleJa = value(form, "titleJa");
        if (titleJa == null) {
            errors.put("titleJa", ja ? "日本語のタイトルを入力してください。" : "Enter a Japanese title.");
        } else if (titleJa.length() > 200) {
            errors.put("titleJa", ja ? "タイトルは200文字までです。" : "The title is at most 200 characters.");
        } else {
            request.put("titleJa", titleJa);
        }
        readAbout(form, current, request, errors, ja);
        LocalDate date = date(value(form, "date"));
        if (date == null) {
            errors.put("date", ja ? "日付を 2026-12-08 のように入力してください。" : "Enter a date like 2026-12-08.");
        }
        LocalTime start = time(value(form, "startTime"));
        LocalTime end = time(value(form, "endTime"));
        if (start == null) {
            errors.put("startTime", ja ? "開始時刻を 13:30 のように入力してください。" : "Enter a start time like 13:30.");
        }
        if (end == null) {
            errors.put("endTime", ja ? "終了時刻を 15:30 のように入力してください。" : "Enter an end time like 15:30.");
        } else if (start != null && !end.isAfter(start)) {
            errors.put("endTime", ja ? "終了時刻は開始時刻より後にしてください。" : "The end must be after the start.");
        }
        if (date != null && start != null && end != null) {
            request.put("startsAt", tokyo(date.atTime(start)));
            request.put("endsAt", tokyo(date.atTime(end)));
        }
        String venue = value(form, "venueId");
        request.put("venueId", venue);
        if (venue == null) {
            request.remove("roomId"); // a room belongs to a venue
        } else if (current != null && !venue.equals(venueIdOf(current))) {
            request.remove("roomId");
        }
        if (form.containsKey("roomId")) {
            // the form offers each venue's rooms as "venueId/roomId": a room belongs to one venue
            String room = value(form, "roomId");
            int slash = room == null ? -1 : room.indexOf('/');
            if (room == null) {
                request.remove("roomId");
            } else if (slash < 0 || venue == null || !venue.equals(room.substring(0, slash))) {
                errors.put(
                        "roomId",
                        ja
                                ? "この部屋は選んだ会場にありません。会場に合う部屋を選んでください。"
                                : "This room is not at the chosen venue: choose one of its rooms.");
            } else {
                request.put("roomId", room.substring(slash + 1));
            }
        }
        String link = value(form, "meetingLink");
        if (link != null || form.containsKey("meetingLink")) {
            request.put("meetingLink", link);
        }
        String allocation = value(form, "allocation");
        if (allocation == null || !ALLOCATIONS.contains(allocation)) {
            errors.put("allocation", ja ? "参加のしかたを選んでください。" : "Choose how places are given.");
        } else {
            request.put("allocation", allocation);
            if ("LOTTERY".equals(allocation)) {
                request.put("lottery", lottery(form, errors, ja));
            }
        }
        String capacity = value(form, "capacity");
        if (capacity != null) {
            Integer seats = integer(capacity);
            if (seats == null || seats < 1 || seats > MAX_CAPACITY) {
                errors.put("capacity", capacityOutOfRange(ja));
            } else {
                request.put("capacity", seats);
            }
        }
        dateTime(form, "opens", "applicationOpensAt", request, errors, ja);
        dateTime(form, "closes", "applicationClosesAt", request, errors, ja);
        keepUnchangedTime(current, "applicationOpensAt", request);
        keepUnchangedTime(current, "applicationClosesAt", request);
        if ("1".equals(form.get("childcare"))) {
            JsonObject childcare = new JsonObject().put("offered", true);
            ageOrCount(form, "childMinAge", "minAgeYears", 0, 12, childcare, errors, ja);
            ageOrCount(form, "childMaxAge", "maxAgeYears", 0, 12, childcare, errors, ja);
            ageOrCount(form, "carers", "carers", 0, 100, childcare, errors, ja);
            Integer min = childcare.getInteger("minAgeYears");
            Integer max = childcare.getInteger("maxAgeYears");
            if (min != null && max != null && min > max) {
                errors.put(
                        "childMaxAge", ja ? "「何歳まで」は「何歳から」以上にしてください。" : "The upper age must not be below the lower.");
            }
            dateTime(form, "childcareDeadline", "deadline", childcare, errors, ja);
            if (current != null && current.getValue("childcareMaxChildren") instanceof Number n) {
                childcare.put("maxChildren", n.intValue());
            }
            request.put("childcare", childcare);
        } else {
            request.put("childcare", new JsonObject().put("offered", false));
        }
        // with mistakes too: what reads of it goes to the event service's check in the same submit (EveryMistake)
        return new Parsed(request, errors);
    }

    /**
     * The fields that say what a session is about (English title, 対象, 内容・プログラム, 持ち物, 参加費): a series' forms
     * show the same ones, read by {@link #readAbout}, so every date it makes carries them.
     */
    static final List<String> ABOUT_FIELDS = FIELDS.subList(FIELDS.indexOf("titleEn"), FIELDS.indexOf("feeYen") + 1);

    /**
     * Reads {@link #ABOUT_FIELDS} into {@code request} (titleEn, targetAudienceJa, flyer) or their messages into
     * {@code errors}. {@code current}: the session or series being edited, whose flyer's other parts are kept.
     */
    static void readAbout(
            Map<String, String> form, JsonObject current, JsonObject request, Map<String, String> errors, boolean ja) {
        String titleEn = value(form, "titleEn");
        if (titleEn != null && titleEn.length() > 200) {
            errors.put("titleEn", ja ? "タイトルは200文字までです。" : "The title is at most 200 characters.");
        } else {
            request.put("titleEn", titleEn);
        }
        String audience = value(form, "targetAudienceJa");
        if (audience != null && audience.length() > 200) {
            errors.put("targetAudienceJa", ja ? "対象は200文字までです。" : "At most 200 characters.");
        } else {
            request.put("targetAudienceJa", audience);
        }
        flyer(form, current, request, errors, ja);
    }

    /** Tiers are typed on one line, separated by 、 or a comma; a label may hold " / " for its English. */
    private static final java.util.regex.Pattern TIER_SEPARATOR = java.util.regex.Pattern.compile("[、,，]");

    /**
     * The lottery's rules in the event service's words (the same as its session view's, so rules left as they were
     * go back unchanged and never trip the freeze once applications are open).
     */
    static JsonObject lottery(Map<String, String> form, Map<String, String> errors, boolean ja) {
        JsonArray tiers = new JsonArray();
        String typed = value(form, "priorityTiers");
        if (typed != null) {
            for (String label : TIER_SEPARATOR.split(typed)) {
                if (!label.isBlank()) {
                    tiers.add(label.strip());
                }
            }
        }
        if (tiers.size() > 5 || tiers.stream().anyMatch(t -> ((String) t).length() > 80)) {
            errors.put("priorityTiers", ja ? "優先枠は5つまで、それぞれ80文字までです。" : "At most 5 tiers, each at most 80 characters.");
        }
        boolean confirm = "1".equals(form.get("confirmationRequired"));
        int hours = 0;
        if (confirm) {
            Integer given = integer(value(form, "confirmationHours") == null ? "48" : value(form, "confirmationHours"));
            if (given == null || given < 1 || given > 672) {
                errors.put("confirmationHours", ja ? "参加確認の期限は1〜672時間で入力してください。" : "Enter 1 to 672 hours to confirm.");
            } else {
                hours = given;
            }
        }
        return new JsonObject()
                .put("priorityTiers", tiers)
                .put("oneWinPerMonth", "1".equals(form.get("oneWinPerMonth")))
                .put("childcareRequiredToWin", "1".equals(form.get("childcareRequiredToWin")))
                .put("confirmationRequired", confirm)
                .put("confirmationHours", hours);
    }

    /**
     * What the flyer says, as far as the form shows it (theme, 持ち物, 参加費); the rest of the session's flyer (speakers,
     * English texts) is kept as it was, so an edit here never drops it.
     */
    private static void flyer(
            Map<String, String> form, JsonObject current, JsonObject request, Map<String, String> errors, boolean ja) {
        JsonObject flyer = current != null && current.getValue("flyer") instanceof JsonObject kept
                ? kept.copy()
                : new JsonObject();
        String description = value(form, "descriptionJa");
        if (description != null && description.length() > 2000) {
            errors.put("descriptionJa", ja ? "内容は2000文字までです。" : "At most 2000 characters.");
        }
        flyer.put("descriptionJa", description);
        String bring = value(form, "bringJa");
        if (bring != null && bring.length() > 300) {
            errors.put("bringJa", ja ? "持ち物は300文字までです。" : "At most 300 characters.");
        }
        flyer.put("bringJa", bring);
        String fee = value(form, "feeYen");
        Integer yen = fee == null
                ? null
                : integer(fee.replace(",", "").replace("円", "").strip());
        if (fee != null && (yen == null || yen < 0 || yen > 100_000)) {
            errors.put("feeYen", ja ? "参加費は円の数字で入力してください（無料は 0）。" : "Enter the fee in yen (0 for free).");
        }
        flyer.put("feeYen", yen);
        request.put("flyer", flyer);
    }

    /** The form's values for a session as the service describes it (times shown in Tokyo). */
    public static Map<String, String> valuesOf(JsonObject s) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("kind", s.getString("kind", ""));
        values.put("titleJa", s.getString("titleJa", ""));
        putAboutValues(s, values);
        LocalDateTime starts = local(s.getString("startsAt"));
        LocalDateTime ends = local(s.getString("endsAt"));
        values.put("date", starts == null ? "" : starts.toLocalDate().toString());
        values.put("startTime", starts == null ? "" : starts.toLocalTime().toString());
        values.put("endTime", ends == null ? "" : ends.toLocalTime().toString());
        String venue = venueIdOf(s);
        values.put("venueId", venue == null ? "" : venue);
        String room = s.getString("roomId");
        values.put("roomId", venue == null || room == null ? "" : venue + "/" + room);
        values.put("meetingLink", s.getString("meetingLink", ""));
        values.put("allocation", s.getString("allocation", "NONE"));
        values.put("capacity", s.getValue("capacity") == null ? "" : String.valueOf(s.getValue("capacity")));
        values.put("opens", dateTimeValue(s.getString("applicationOpensAt")));
        values.put("closes", dateTimeValue(s.getString("applicationClosesAt")));
        putLotteryValues(s.getValue("lottery"), values);
        JsonObject childcare = s.getValue("childcare") instanceof JsonObject c ? c : new JsonObject();
        boolean offered = Boolean.TRUE.equals(childcare.getValue("offered"));
        values.put("childcare", offered ? "1" : "");
        values.put("childMinAge", number(childcare.getValue("minAgeYears")));
        values.put("childMaxAge", number(childcare.getValue("maxAgeYears")));
        values.put("carers", number(s.getValue("childcareCarers")));
        values.put("childcareDeadline", dateTimeValue(childcare.getString("deadline")));
        return values;
    }

    /** The values of {@link #ABOUT_FIELDS} for a session or a series as the event service describes it. */
    static void putAboutValues(JsonObject s, Map<String, String> values) {
        values.put("titleEn", s.getString("titleEn", ""));
        values.put("targetAudienceJa", s.getString("targetAudienceJa", ""));
        JsonObject flyer = s.getValue("flyer") instanceof JsonObject given ? given : new JsonObject();
        values.put("descriptionJa", flyer.getString("descriptionJa", ""));
        values.put("bringJa", flyer.getString("bringJa", ""));
        values.put("feeYen", flyer.getValue("feeYen") == null ? "" : String.valueOf(flyer.getValue("feeYen")));
    }

    /**
     * The form field beside which a violation of the event service is shown (its field names are SessionRequest's or
     * SessionRules'); "form" for one that belongs to no field shown.
     */
    public static String fieldOf(String serviceField) {
        if (serviceField == null) {
            return "form";
        }
        return switch (serviceField) {
            case "kind" -> "kind";
            case "title.ja", "titleJa" -> "titleJa";
            case "titleEn", "title.en" -> "titleEn";
            case "targetAudience.ja", "targetAudienceJa" -> "targetAudienceJa";
            case "flyer.descriptionJa" -> "descriptionJa";
            case "flyer.bringJa" -> "bringJa";
            case "flyer.feeYen" -> "feeYen";
            case "start", "startsAt" -> "startTime";
            case "end", "endsAt", "endAfterStart" -> "endTime";
            case "venueId" -> "venueId";
            case "roomId" -> "roomId";
            case "meetingLink" -> "meetingLink";
            case "allocation", "bookingEnabled", "lottery" -> "allocation";
            case "lottery.priorityTiers" -> "priorityTiers";
            case "lottery.confirmationHours", "lottery.confirmationHoursUsable" -> "confirmationHours";
            case "capacity" -> "capacity";
            case "applicationOpens", "applicationOpensAt" -> "opens";
            case "applicationCloses", "applicationClosesAt" -> "closes";
            case "childcare", "childcare.agesAndCarersGiven", "childcare.offered" -> "childcare";
            case "childcare.minAgeYears" -> "childMinAge";
            case "childcare.maxAgeYears" -> "childMaxAge";
            case "childcare.carers" -> "carers";
            case "childcare.deadline" -> "childcareDeadline";
            default -> serviceField.startsWith("parts") ? "startTime" : "form";
        };
    }

    /**
     * The form field for a violation, by its code where the code says more than the service's field name: a start in
     * the past is the date's to fix, frozen lottery rules are shown beside the lottery's first field.
     */
    public static String fieldOf(String serviceField, String code) {
        Coded validation = code == null ? null : VALIDATION_CODES.get(code);
        if (validation != null) {
            return validation.field();
        }
        if ("START_IN_PAST".equals(code)) {
            return "date";
        }
        if ("FROZEN_WHILE_APPLICATIONS_OPEN".equals(code) && "lottery".equals(serviceField)) {
            return "priorityTiers";
        }
        return fieldOf(serviceField);
    }

    /** The form field a Bean Validation code of a session's request names (docs/errors.md), or null for another code. */
    static String codedField(String code) {
        Coded validation = code == null ? null : VALIDATION_CODES.get(code);
        return validation == null ? null : validation.field();
    }

    /**
     * The form field for a refusal the event service sends without violations (by its problem type, the RFC 9457
     * {@code type} without its base); "form" for one that belongs to no field.
     */
    public static String problemField(String type) {
        return switch (type == null ? "" : type) {
            case "kind-fixed-after-publish" -> "kind";
            case "lottery-rules-frozen" -> "priorityTiers";
            case "lottery-deadline-earlier" -> "closes";
            case "session-start-past" -> "date";
            default -> "form";
        };
    }

    /**
     * A refusal of a session's create, update, publish, cancel or complete in the organiser's language, by its problem
     * type; an unknown type keeps the service's own sentence. Every type the event service answers for these is here
     * ({@code SessionFormTest} reads them from the service's source).
     */
    public static String problemMessage(String type, String serviceMessage, Language language) {
        boolean ja = language == Language.JA;
        return switch (type == null ? "" : type) {
            case "session-closed" ->
                ja
                        ? "この開催は中止または終了しているため、変更できません。"
                        : "This session is cancelled or has taken place; it can no longer be changed.";
            case "kind-fixed-after-publish" ->
                ja
                        ? "公開した開催の種類は変えられません。種類を変えるときは、この開催を中止して新しくつくってください。"
                        : "A published session keeps its kind: cancel it and create a new one instead.";
            case "lottery-rules-frozen" ->
                ja
                        ? "抽選の受付が始まっているため、参加のしかた・定員・抽選の条件・託児の有無・受付開始は変えられません。"
                        : "Applications are open: how places are given, the capacity, the lottery rules, childcare"
                                + " and the opening can no longer change.";
            case "lottery-deadline-earlier" -> deadlineEarlier(ja);
            case "session-start-past" -> startInThePast(ja);
            case "session-not-draft" -> ja ? "公開できるのは下書きの開催だけです。" : "Only a draft can be published.";
            case "session-not-started" ->
                ja
                        ? "終了にできるのは、始まったあとの開催だけです。まだ始まっていない開催をやめるときは「この開催を中止する」を使ってください。"
                        : "A session can be marked as taken place once it has started; to call off one ahead, cancel it.";
            case "session-not-published" ->
                ja ? "終了にできるのは公開中の開催だけです。" : "Only a published session can be marked as taken place.";
            case "session-rules", "validation" -> ja ? "入力を確かめてください。" : "Please check the fields marked below.";
            default -> serviceMessage == null ? (ja ? "入力を確かめてください。" : "Please check the form.") : serviceMessage;
        };
    }

    private static String startInThePast(boolean ja) {
        return ja
                ? "もう過ぎた日時の開催はつくれず、公開もできません。これから先の日付と時刻にしてください。"
                : "A session cannot be created, published or moved to a start that has passed: choose a date ahead.";
    }

    private static String deadlineEarlier(boolean ja) {
        return ja
                ? "受付中の抽選の申込締切は、後ろへ延ばすことだけができます（早めると、締切までに申し込むつもりの方が申し込めなくなります）。"
                : "While applications are open the deadline can only move later: women plan their applications by it.";
    }

    /** A violation in the organiser's language: by its stable code where we know it, else the service's own words. */
    public static String message(String code, String serviceMessage, Language language) {
        if ("START_IN_PAST".equals(code)) {
            return startInThePast(language == Language.JA);
        }
        if ("DEADLINE_MOVED_EARLIER".equals(code)) {
            return deadlineEarlier(language == Language.JA);
        }
        StaffProblems.Words rule = code == null ? null : RULE_CODES.get(code);
        if (rule != null) {
            return rule.in(language);
        }
        Coded validation = code == null ? null : VALIDATION_CODES.get(code);
        return validation == null ? serviceMessage : validation.words().in(language);
    }

    private static StaffProblems.Words words(String ja, String en) {
        return new StaffProblems.Words(ja, en);
    }

    /** The codes of the event service's own rules (SessionRules, SessionService), said beside the field they name. */
    static final Map<String, StaffProblems.Words> RULE_CODES = Map.ofEntries(
            Map.entry(
                    "FROZEN_WHILE_APPLICATIONS_OPEN",
                    words("抽選の受付が始まっているため、変えられません。", "Applications are open: this can no longer change.")),
            Map.entry("KIND_REQUIRED", words("種類を選んでください。", "Choose a kind.")),
            Map.entry("START_REQUIRED", words("開始の日時を入力してください。", "Enter the start date and time.")),
            Map.entry("END_REQUIRED", words("終了時刻を入力してください。", "Enter the end time.")),
            Map.entry("PART_END_NOT_AFTER_START", words("各部の終了は開始より後にしてください。", "Each part must end after it starts.")),
            Map.entry(
                    "PART_OUTSIDE_SESSION",
                    words("各部の時間は開催の時間の中に入れてください。", "Each part must fall within the session's time.")),
            Map.entry("PARTS_OUT_OF_ORDER", words("各部は時間の順に並べてください。", "Put the parts in time order.")),
            Map.entry("PARTS_OVERLAP", words("各部の時間が重なっています。", "The parts overlap in time.")),
            Map.entry(
                    "LOTTERY_SETTINGS_WITHOUT_LOTTERY",
                    words(
                            "抽選の条件は、参加のしかたが「抽選」のときだけ指定できます。",
                            "Lottery rules apply only when places are given by lottery.")),
            Map.entry("ROOM_WITHOUT_VENUE", words("部屋を選ぶときは、先に会場を選んでください。", "Choose a venue before choosing a room.")),
            Map.entry(
                    "ROOM_UNKNOWN",
                    words(
                            "この部屋は選んだ会場にありません。会場に合う部屋を選んでください。",
                            "This room is not at the chosen venue: choose one of its rooms.")),
            Map.entry("TARGET_AUDIENCE_JA_REQUIRED", words("講座には対象を入力してください。", "A workshop needs who it is for.")),
            Map.entry("CAPACITY_REQUIRED", words("定員を入力してください。", "Enter the capacity.")),
            Map.entry("CAPACITY_BELOW_ONE", words("定員は1以上にしてください。", "The capacity must be 1 or more.")),
            Map.entry(
                    "CAPACITY_ABOVE_VENUE_CEILING",
                    words("定員が会場の収容人数を超えています。", "The capacity is above what the venue holds.")),
            Map.entry("APPLICATION_OPENS_REQUIRED", words("受付開始の日時を入力してください。", "Enter when applications open.")),
            Map.entry("DEADLINE_REQUIRED", words("申込締切の日時を入力してください。", "Enter the application deadline.")),
            Map.entry(
                    "APPLICATION_OPENS_NOT_BEFORE_DEADLINE",
                    words("受付開始は締切より前にしてください。", "Applications must open before the deadline.")),
            Map.entry(
                    "DEADLINE_NOT_BEFORE_START", words("申込締切は開始より前にしてください。", "The deadline must be before the start.")),
            Map.entry("ALLOCATION_REQUIRED", words("先着順か抽選かを選んでください。", "Choose first come or lottery.")),
            Map.entry(
                    "MEETING_LINK_REQUIRED",
                    words("オンラインの開催にはURLを入力してください。", "An online session needs its meeting link.")),
            Map.entry(
                    "MEETING_LINK_INVALID",
                    words("URLは https:// で始まるものにしてください。", "The link must start with https://.")),
            Map.entry(
                    "MEETING_LINK_ONLY_FOR_ONLINE",
                    words("URLはオンラインの開催だけに入力します。", "A meeting link is for online sessions only.")),
            Map.entry("FREE_SPACE_HAS_NO_BOOKING", words("フリースペースは予約不要にしてください。", "A free space takes no bookings.")),
            Map.entry("CHILDCARE_DEADLINE_REQUIRED", words("託児の申込締切を入力してください。", "Enter the childcare deadline.")),
            Map.entry(
                    "CHILDCARE_DEADLINE_AFTER_START",
                    words("託児の申込締切は開始より前にしてください。", "The childcare deadline must be before the start.")),
            Map.entry(
                    "CHILDCARE_DEADLINE_PASSED_BY_MOVE",
                    words(
                            "日時を動かすと、託児の申込締切（開始までの間隔はそのまま）がもう過ぎてしまいます。新しい日時に合う託児の申込締切を入力してください。",
                            "Moved with the session, the childcare deadline would already have passed: enter a childcare"
                                    + " deadline for the new date.")),
            Map.entry("CHILDCARE_VENUE_UNSUITABLE", words("この会場では託児ができません。", "This venue cannot host childcare.")),
            Map.entry("CHILDCARE_AGE_RANGE_INVALID", words("託児の対象年齢を確かめてください。", "Check the childcare ages.")),
            Map.entry("CHILDCARE_CARERS_REQUIRED", words("保育者の人数を入力してください。", "Enter the number of carers.")),
            Map.entry(
                    "ROOM_DOUBLE_BOOKED",
                    words("この部屋は同じ時間に別の開催で使われています。", "This room is used by another session at the same time.")),
            Map.entry("VENUE_UNKNOWN", words("この会場は選べません。", "This venue cannot be chosen.")),
            Map.entry("END_NOT_AFTER_START", words("終了時刻は開始時刻より後にしてください。", "The end must be after the start.")),
            Map.entry("TITLE_JA_REQUIRED", words("日本語のタイトルを入力してください。", "Enter a Japanese title.")));

    /** A Bean Validation code (docs/errors.md): the form field it is shown beside, and its words. */
    record Coded(String field, StaffProblems.Words words) {}

    private static Map.Entry<String, Coded> coded(String code, String field, String ja, String en) {
        return Map.entry(code, new Coded(field, words(ja, en)));
    }

    private static final String RELOAD_JA = "送った内容を受け付けられませんでした。ページを読み込み直して、もう一度お試しください。";
    private static final String RELOAD_EN = "That was not accepted; reload the page and try again.";

    /**
     * Every code Bean Validation gives a session's request (SessionRequest, FlyerRequest; the list is docs/errors.md's
     * "Codes of Bean Validation", which {@code SessionRefusalsTest} reads): the field is named by the code, since the
     * service's {@code field} is only the last part of the path ("minAgeYears", "feeYen"). What the form never lets her
     * type (a part she cannot edit here, a renamed member) asks her to reload, as a bad form does elsewhere.
     */
    static final Map<String, Coded> VALIDATION_CODES = Map.ofEntries(
            coded("REQUEST_REQUIRED", "form", RELOAD_JA, RELOAD_EN),
            coded("KIND_INVALID", "kind", "種類を一覧から選んでください。", "Choose a kind from the list."),
            coded("TITLE_JA_TOO_LONG", "titleJa", "タイトルは200文字までにしてください。", "The title is at most 200 characters."),
            coded(
                    "TITLE_EN_TOO_LONG",
                    "titleEn",
                    "英語のタイトルは200文字までにしてください。",
                    "The English title is at most 200 characters."),
            coded("STARTS_AT_REQUIRED", "date", "日付と開始時刻を入力してください。", "Enter the date and the start time."),
            coded("ENDS_AT_REQUIRED", "endTime", "終了時刻を入力してください。", "Enter the end time."),
            coded("CAPACITY_OUT_OF_RANGE", "capacity", capacityOutOfRange(true), capacityOutOfRange(false)),
            coded(
                    "ALLOCATION_INVALID",
                    "allocation",
                    "参加のしかたを一覧から選んでください。",
                    "Choose how places are given from the list."),
            coded("ROOM_ID_TOO_LONG", "roomId", "部屋を一覧から選びなおしてください。", "Choose the room again from the list."),
            coded("PARTS_TOO_MANY", "startTime", "1つの開催に分けられるのは6部までです。", "A session has at most 6 parts."),
            coded("PARTS_REQUIRED", "startTime", RELOAD_JA, RELOAD_EN),
            coded(
                    "PARTS_LABEL_TOO_LONG",
                    "startTime",
                    "各部の名前は40文字までにしてください。",
                    "A part's name is at most 40 characters."),
            coded("PARTS_STARTS_AT_REQUIRED", "startTime", "各部の開始時刻を入力してください。", "Enter each part's start."),
            coded("PARTS_ENDS_AT_REQUIRED", "startTime", "各部の終了時刻を入力してください。", "Enter each part's end."),
            coded(
                    "TARGET_AUDIENCE_JA_TOO_LONG",
                    "targetAudienceJa",
                    "対象は200文字までにしてください。",
                    "Who it is for: at most 200 characters."),
            coded(
                    "TARGET_AUDIENCE_EN_TOO_LONG",
                    "targetAudienceJa",
                    "英語の対象は200文字までにしてください。",
                    "Who it is for, in English: at most 200 characters."),
            coded("MEETING_LINK_TOO_LONG", "meetingLink", "URLは500文字までにしてください。", "The link is at most 500 characters."),
            coded("LOTTERY_PRIORITY_TIERS_TOO_MANY", "priorityTiers", "優先枠は5つまでにしてください。", "At most 5 priority tiers."),
            coded(
                    "LOTTERY_PRIORITY_TIERS_REQUIRED",
                    "priorityTiers",
                    "名前のない優先枠があります。名前を入れるか、消してください。",
                    "A priority tier has no name: name it or remove it."),
            coded(
                    "LOTTERY_PRIORITY_TIERS_TOO_LONG",
                    "priorityTiers",
                    "優先枠の名前は、それぞれ80文字までにしてください。",
                    "Each priority tier's name is at most 80 characters."),
            coded("LOTTERY_PRIORITY_NOT_ALLOWED", "priorityTiers", RELOAD_JA, RELOAD_EN),
            coded(
                    "LOTTERY_CONFIRMATION_HOURS_OUT_OF_RANGE",
                    "confirmationHours",
                    "参加確認の期限は1〜672時間で入力してください。",
                    "Enter 1 to 672 hours to confirm."),
            coded(
                    "CHILDCARE_MIN_AGE_YEARS_OUT_OF_RANGE",
                    "childMinAge",
                    "0から12までの数字で入力してください。",
                    "Enter a number from 0 to 12."),
            coded(
                    "CHILDCARE_MAX_AGE_YEARS_OUT_OF_RANGE",
                    "childMaxAge",
                    "0から12までの数字で入力してください。",
                    "Enter a number from 0 to 12."),
            coded("CHILDCARE_CARERS_OUT_OF_RANGE", "carers", "保育者の人数は0以上の数字で入力してください。", "Enter 0 carers or more."),
            coded(
                    "CHILDCARE_MAX_CHILDREN_OUT_OF_RANGE",
                    "childcare",
                    "託児で預かる人数は1人以上にしてください。",
                    "Childcare takes at least 1 child."),
            coded(
                    "CHILDCARE_AGES_AND_CARERS_REQUIRED",
                    "childcare",
                    "託児をするときは、対象の年齢（何歳から・何歳まで）と保育者の人数を入力してください。",
                    "With childcare, enter the ages (from and to) and the number of carers."),
            coded(
                    "FLYER_DESCRIPTION_JA_TOO_LONG",
                    "descriptionJa",
                    "内容は2000文字までにしてください。",
                    "The programme is at most 2000 characters."),
            coded(
                    "FLYER_DESCRIPTION_EN_TOO_LONG",
                    "descriptionJa",
                    "英語の内容は2000文字までにしてください。",
                    "The English programme is at most 2000 characters."),
            coded("FLYER_SPEAKERS_TOO_MANY", "form", "講師は5人までです。", "At most 5 speakers."),
            coded("FLYER_SPEAKERS_REQUIRED", "form", RELOAD_JA, RELOAD_EN),
            coded("FLYER_SPEAKERS_NAME_REQUIRED", "form", "講師の名前を入力してください。", "Enter each speaker's name."),
            coded(
                    "FLYER_SPEAKERS_NAME_TOO_LONG",
                    "form",
                    "講師の名前は80文字までにしてください。",
                    "A speaker's name is at most 80 characters."),
            coded(
                    "FLYER_SPEAKERS_ROLE_JA_TOO_LONG",
                    "form",
                    "講師の肩書きは120文字までにしてください。",
                    "A speaker's role is at most 120 characters."),
            coded(
                    "FLYER_SPEAKERS_ROLE_EN_TOO_LONG",
                    "form",
                    "講師の英語の肩書きは120文字までにしてください。",
                    "A speaker's English role is at most 120 characters."),
            coded(
                    "FLYER_BRING_JA_TOO_LONG",
                    "bringJa",
                    "持ち物は300文字までにしてください。",
                    "What to bring: at most 300 characters."),
            coded(
                    "FLYER_BRING_EN_TOO_LONG",
                    "bringJa",
                    "英語の持ち物は300文字までにしてください。",
                    "What to bring, in English: at most 300 characters."),
            coded(
                    "FLYER_FEE_YEN_OUT_OF_RANGE",
                    "feeYen",
                    "参加費は0から100000までの数字で入力してください（無料は0）。",
                    "Enter a fee from 0 to 100000 yen (0 for free)."));

    /**
     * A refusal of the event service beside her fields, in her words: its violations, and its problem type's own words
     * where no violation already says something on the type's field (a published session's kind, a start past).
     */
    static Map<String, String> refusalOf(JsonObject problem, String type, Language language) {
        Map<String, String> errors = errorsOf(problem.getJsonArray("violations", new JsonArray()), language);
        boolean generic = "session-rules".equals(type) || "validation".equals(type);
        if (errors.isEmpty() || (!generic && !errors.containsKey(problemField(type)))) {
            errors.putIfAbsent(problemField(type), problemMessage(type, problem.getString("detail"), language));
        }
        return errors;
    }

    /** The service's violations beside her fields, in her words; several on one field are said together. */
    static Map<String, String> errorsOf(JsonArray violations, Language language) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Object o : violations) {
            if (o instanceof JsonObject violation) {
                String code = violation.getString("code");
                errors.merge(
                        fieldOf(violation.getString("field"), code),
                        message(code, violation.getString("message"), language),
                        (a, b) -> a.equals(b) ? a : a + " " + b);
            }
        }
        return errors;
    }

    // ---- parsing ----

    private static void dateTime(
            Map<String, String> form,
            String field,
            String key,
            JsonObject into,
            Map<String, String> errors,
            boolean ja) {
        String typed = value(form, field);
        if (typed == null) {
            return;
        }
        try {
            into.put(key, tokyo(LocalDateTime.parse(typed)));
        } catch (DateTimeParseException e) {
            errors.put(
                    field, ja ? "日時を 2026-12-01T12:00 のように入力してください。" : "Enter a date and time like 2026-12-01T12:00.");
        }
    }

    /**
     * The form shows times to the minute. A time she left as it was goes back with its stored seconds, so an edit of
     * a text does not move it (a lottery's opening is frozen once applications open).
     */
    private static void keepUnchangedTime(JsonObject current, String key, JsonObject request) {
        if (current == null || !(current.getValue(key) instanceof String stored) || request.getString(key) == null) {
            return;
        }
        LocalDateTime storedLocal = local(stored);
        LocalDateTime sent = local(request.getString(key));
        if (storedLocal != null
                && sent != null
                && storedLocal.withSecond(0).withNano(0).equals(sent)) {
            request.put(key, stored);
        }
    }

    private static void ageOrCount(
            Map<String, String> form,
            String field,
            String key,
            int min,
            int max,
            JsonObject into,
            Map<String, String> errors,
            boolean ja) {
        String typed = value(form, field);
        if (typed == null) {
            return;
        }
        Integer n = integer(typed);
        if (n == null || n < min || n > max) {
            errors.put(
                    field,
                    ja ? min + "から" + max + "までの数字で入力してください。" : "Enter a number from " + min + " to " + max + ".");
        } else {
            into.put(key, n);
        }
    }

    private static JsonArray partsForRequest(JsonArray parts) {
        JsonArray out = new JsonArray();
        for (Object o : parts) {
            if (o instanceof JsonObject p) {
                JsonObject part = new JsonObject()
                        .put("label", p.getString("label"))
                        .put("startsAt", p.getString("startsAt"))
                        .put("endsAt", p.getString("endsAt"));
                // a part that meets at another venue keeps it: the form edits the session, not its programme
                if (p.getValue("venue") instanceof JsonObject venue && venue.getString("id") != null) {
                    part.put("venueId", venue.getString("id"));
                }
                out.add(part);
            }
        }
        return out;
    }

    private static String venueIdOf(JsonObject s) {
        if (s.getValue("venueId") instanceof String id) {
            return id;
        }
        return s.getValue("venue") instanceof JsonObject venue ? venue.getString("id") : null;
    }

    static String tokyo(LocalDateTime local) {
        return local.atZone(TOKYO).toOffsetDateTime().toString();
    }

    private static LocalDateTime local(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(iso).atZoneSameInstant(TOKYO).toLocalDateTime();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String dateTimeValue(String iso) {
        LocalDateTime local = local(iso);
        return local == null ? "" : local.withSecond(0).withNano(0).toString();
    }

    /** The form's lottery fields from a session's or a series' {@code lottery} object (absent: a new lottery's defaults). */
    static void putLotteryValues(Object lotteryValue, Map<String, String> values) {
        JsonObject lottery = lotteryValue instanceof JsonObject l ? l : null;
        JsonArray tiers =
                lottery != null && lottery.getValue("priorityTiers") instanceof JsonArray t ? t : new JsonArray();
        values.put(
                "priorityTiers",
                String.join("、", tiers.stream().map(String::valueOf).toList()));
        values.put("oneWinPerMonth", lottery != null && lottery.getBoolean("oneWinPerMonth", false) ? "1" : "");
        // a new lottery requires childcare to win unless she unticks it, as the service's default
        values.put(
                "childcareRequiredToWin",
                lottery == null || lottery.getBoolean("childcareRequiredToWin", true) ? "1" : "");
        boolean confirm = lottery != null && lottery.getBoolean("confirmationRequired", false);
        values.put("confirmationRequired", confirm ? "1" : "");
        values.put("confirmationHours", confirm ? number(lottery.getValue("confirmationHours")) : "");
    }

    private static String number(Object value) {
        return value instanceof Number n ? String.valueOf(n.intValue()) : "";
    }

    private static String value(Map<String, String> form, String field) {
        String v = form.get(field);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static LocalDate date(String v) {
        try {
            return v == null ? null : LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalTime time(String v) {
        try {
            return v == null ? null : LocalTime.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Integer integer(String v) {
        try {
            return Integer.valueOf(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
