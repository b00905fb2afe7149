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

    /** What came of a form: the request to send, or the messages by field (never both). */
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
            if (seats == null || seats < 1 || seats > 10_000) {
                errors.put("capacity", ja ? "定員は1以上の数字で入力してください。" : "Enter a capacity of 1 or more.");
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
        return errors.isEmpty() ? new Parsed(request, Map.of()) : new Parsed(null, errors);
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
        values.put("titleEn", s.getString("titleEn", ""));
        values.put("targetAudienceJa", s.getString("targetAudienceJa", ""));
        JsonObject flyer = s.getValue("flyer") instanceof JsonObject given ? given : new JsonObject();
        values.put("descriptionJa", flyer.getString("descriptionJa", ""));
        values.put("bringJa", flyer.getString("bringJa", ""));
        values.put("feeYen", flyer.getValue("feeYen") == null ? "" : String.valueOf(flyer.getValue("feeYen")));
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
        if ("START_IN_PAST".equals(code)) {
            return "date";
        }
        if ("FROZEN_WHILE_APPLICATIONS_OPEN".equals(code) && "lottery".equals(serviceField)) {
            return "priorityTiers";
        }
        return fieldOf(serviceField);
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
        if ("FROZEN_WHILE_APPLICATIONS_OPEN".equals(code)) {
            return language == Language.JA
                    ? "抽選の受付が始まっているため、変えられません。"
                    : "Applications are open: this can no longer change.";
        }
        if (language != Language.JA || code == null) {
            return serviceMessage;
        }
        return switch (code) {
            case "KIND_REQUIRED" -> "種類を選んでください。";
            case "START_REQUIRED" -> "開始の日時を入力してください。";
            case "END_REQUIRED" -> "終了時刻を入力してください。";
            case "PART_END_NOT_AFTER_START" -> "各部の終了は開始より後にしてください。";
            case "PART_OUTSIDE_SESSION" -> "各部の時間は開催の時間の中に入れてください。";
            case "PARTS_OUT_OF_ORDER" -> "各部は時間の順に並べてください。";
            case "PARTS_OVERLAP" -> "各部の時間が重なっています。";
            case "LOTTERY_SETTINGS_WITHOUT_LOTTERY" -> "抽選の条件は、参加のしかたが「抽選」のときだけ指定できます。";
            case "ROOM_WITHOUT_VENUE" -> "部屋を選ぶときは、先に会場を選んでください。";
            case "ROOM_UNKNOWN" -> "この部屋は選んだ会場にありません。会場に合う部屋を選んでください。";
            case "TARGET_AUDIENCE_JA_REQUIRED" -> "講座には対象を入力してください。";
            case "CAPACITY_REQUIRED" -> "定員を入力してください。";
            case "CAPACITY_BELOW_ONE" -> "定員は1以上にしてください。";
            case "CAPACITY_ABOVE_VENUE_CEILING" -> "定員が会場の収容人数を超えています。";
            case "APPLICATION_OPENS_REQUIRED" -> "受付開始の日時を入力してください。";
            case "DEADLINE_REQUIRED" -> "申込締切の日時を入力してください。";
            case "APPLICATION_OPENS_NOT_BEFORE_DEADLINE" -> "受付開始は締切より前にしてください。";
            case "DEADLINE_NOT_BEFORE_START" -> "申込締切は開始より前にしてください。";
            case "ALLOCATION_REQUIRED" -> "先着順か抽選かを選んでください。";
            case "MEETING_LINK_REQUIRED" -> "オンラインの開催にはURLを入力してください。";
            case "MEETING_LINK_INVALID" -> "URLは https:// で始まるものにしてください。";
            case "MEETING_LINK_ONLY_FOR_ONLINE" -> "URLはオンラインの開催だけに入力します。";
            case "FREE_SPACE_HAS_NO_BOOKING" -> "フリースペースは予約不要にしてください。";
            case "CHILDCARE_DEADLINE_REQUIRED" -> "託児の申込締切を入力してください。";
            case "CHILDCARE_DEADLINE_AFTER_START" -> "託児の申込締切は開始より前にしてください。";
            case "CHILDCARE_VENUE_UNSUITABLE" -> "この会場では託児ができません。";
            case "CHILDCARE_AGE_RANGE_INVALID" -> "託児の対象年齢を確かめてください。";
            case "CHILDCARE_CARERS_REQUIRED" -> "保育者の人数を入力してください。";
            case "ROOM_DOUBLE_BOOKED" -> "この部屋は同じ時間に別の開催で使われています。";
            case "VENUE_UNKNOWN" -> "この会場は選べません。";
            case "END_NOT_AFTER_START" -> "終了時刻は開始時刻より後にしてください。";
            case "TITLE_JA_REQUIRED" -> "日本語のタイトルを入力してください。";
            default -> serviceMessage;
        };
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
