package io.ibasho.gateway.web.staff;

import io.ibasho.gateway.web.Language;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The organiser's course form, both ways: what she typed becomes the event service's CourseRequest (the closing in
 * Tokyo time), or a message beside each field to fix; a course from the service becomes the form's values again. The
 * service's refusals (CourseRules, CourseChangeRules) arrive as stable codes, which {@link #fieldOf} and
 * {@link #message} put beside the same fields in her words. Pure: no Quarkus, plain unit tests.
 */
public final class CourseForm {
    static final List<String> ALLOCATIONS = List.of("FIRST_COME", "LOTTERY");
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** The form's fields, in the order they are shown (and errors are listed). */
    static final List<String> FIELDS = List.of(
            "titleJa", "titleEn", "descriptionJa", "sessionIds", "capacity", "allocation", "closesDate", "closesTime");

    private CourseForm() {}

    /** What came of a form: the request to send, or the messages by field (never both). */
    public record Parsed(JsonObject request, Map<String, String> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * Reads the typed values; {@code sessionIds} are the ticked dates. {@code current}: the course being edited (its
     * dates are kept as they are: they cannot change), or null for a new one.
     */
    public static Parsed read(
            Map<String, String> form, List<String> sessionIds, JsonObject current, Language language) {
        boolean ja = language == Language.JA;
        Map<String, String> errors = new LinkedHashMap<>();
        JsonObject request = new JsonObject();
        String titleJa = value(form, "titleJa");
        if (titleJa == null) {
            errors.put("titleJa", ja ? "コースのタイトルを入力してください（例「全3回 こころの講座」）。" : "Enter the course's Japanese title.");
        } else if (titleJa.length() > 120) {
            errors.put("titleJa", ja ? "タイトルは120文字までです。" : "The title is at most 120 characters.");
        } else {
            request.put("titleJa", titleJa);
        }
        String titleEn = value(form, "titleEn");
        if (titleEn != null && titleEn.length() > 120) {
            errors.put("titleEn", ja ? "タイトルは120文字までです。" : "The title is at most 120 characters.");
        } else {
            request.put("titleEn", titleEn);
        }
        String description = value(form, "descriptionJa");
        if (description != null && description.length() > 2000) {
            errors.put("descriptionJa", ja ? "内容は2000文字までです。" : "At most 2000 characters.");
        } else {
            request.put("descriptionJa", description);
        }
        if (current != null) {
            request.put("descriptionEn", current.getString("descriptionEn"));
            JsonArray kept = new JsonArray();
            for (Object d : current.getJsonArray("dates", new JsonArray())) {
                kept.add(((JsonObject) d).getString("sessionId"));
            }
            request.put("sessionIds", kept);
        } else {
            List<String> ids = sessionIds == null
                    ? List.of()
                    : sessionIds.stream()
                            .filter(id -> UUID_TEXT.matcher(id).matches())
                            .distinct()
                            .toList();
            if (ids.size() < 2) {
                errors.put("sessionIds", ja ? "日程を2つ以上選んでください。" : "Choose two dates or more.");
            } else if (ids.size() > 30) {
                errors.put("sessionIds", ja ? "日程は30回までです。" : "A course has at most 30 dates.");
            } else {
                request.put("sessionIds", new JsonArray(new ArrayList<>(ids)));
            }
        }
        String capacity = value(form, "capacity");
        Integer places = number(capacity);
        if (places == null || places < 1 || places > 500) {
            errors.put("capacity", ja ? "コースの定員を 1〜500 の数で入力してください。" : "Enter the course capacity, 1 to 500.");
        } else {
            request.put("capacity", places);
        }
        String allocation = value(form, "allocation");
        if (allocation == null || !ALLOCATIONS.contains(allocation)) {
            errors.put("allocation", ja ? "参加のしかたを選んでください。" : "Choose how places are given.");
        } else {
            request.put("allocation", allocation);
        }
        if ("LOTTERY".equals(allocation)) {
            LocalDate date = date(value(form, "closesDate"));
            LocalTime time = time(value(form, "closesTime"));
            if (date == null) {
                errors.put(
                        "closesDate",
                        ja
                                ? "抽選のコースは応募締切の日付を 2026-12-08 のように入力してください。"
                                : "A lottery needs its closing date, like 2026-12-08.");
            }
            if (time == null) {
                errors.put("closesTime", ja ? "応募締切の時刻を 12:00 のように入力してください。" : "Enter the closing time, like 12:00.");
            }
            if (date != null && time != null) {
                request.put(
                        "applicationsCloseAt",
                        LocalDateTime.of(date, time)
                                .atZone(SessionForm.TOKYO)
                                .toOffsetDateTime()
                                .toString());
            }
        }
        return errors.isEmpty() ? new Parsed(request, Map.of()) : new Parsed(null, errors);
    }

    /** A course from the service as the form's values (the closing in Tokyo time). */
    public static Map<String, String> valuesOf(JsonObject course) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("titleJa", course.getString("titleJa", ""));
        values.put("titleEn", course.getString("titleEn", ""));
        values.put("descriptionJa", course.getString("descriptionJa", ""));
        values.put("capacity", String.valueOf(course.getInteger("capacity", 1)));
        values.put("allocation", course.getString("allocation", "FIRST_COME"));
        String closing = course.getString("applicationsCloseAt");
        if (closing != null) {
            try {
                LocalDateTime tokyo = OffsetDateTime.parse(closing)
                        .atZoneSameInstant(SessionForm.TOKYO)
                        .toLocalDateTime();
                values.put("closesDate", tokyo.toLocalDate().toString());
                values.put("closesTime", tokyo.toLocalTime().toString());
            } catch (DateTimeParseException e) {
                // shown empty: she types it again
            }
        }
        return values;
    }

    /** Where the service's refusal belongs on the form, by its stable code (or the field of a 400 violation). */
    public static String fieldOf(String code, String serviceField) {
        if (serviceField != null) {
            return switch (serviceField) {
                case "titleJa", "titleEn", "descriptionJa", "capacity", "allocation" -> serviceField;
                case "sessionIds", "seriesId" -> "sessionIds";
                case "applicationsCloseAt" -> "closesDate";
                default -> "form";
            };
        }
        return switch (code == null ? "" : code) {
            case "course-needs-dates",
                    "course-date-not-published",
                    "course-date-not-first-come",
                    "course-date-past",
                    "course-date-taken",
                    "course-dates-fixed",
                    "not-found" -> "sessionIds";
            case "course-capacity-lowered" -> "capacity";
            case "course-allocation-fixed" -> "allocation";
            case "course-lottery-closing", "course-closing-fixed", "course-closing-without-lottery" -> "closesDate";
            default -> "form";
        };
    }

    /** The service's refusal in her words; an unknown code keeps the service's own sentence. */
    public static String message(String code, String serviceMessage, Language language) {
        boolean ja = language == Language.JA;
        return switch (code == null ? "" : code) {
            case "course-needs-dates" -> ja ? "日程を2つ以上選んでください。" : "Choose two dates or more.";
            case "course-date-not-published" -> ja ? "まだ公開していない回があります。先にその回を公開してください。" : "Publish every date first.";
            case "course-date-not-first-come" ->
                ja ? "先着順の回だけをコースの日程にできます（抽選の回や出入り自由の回は選べません）。" : "Only first-come sessions can be dates of a course.";
            case "course-date-past" -> ja ? "もう始まった回は選べません。" : "A date that has started cannot be chosen.";
            case "course-date-taken" ->
                ja ? "ほかのコースに入っている回があります。1つの回は1つのコースにだけ入れます。" : "A date already belongs to another course.";
            case "not-found" -> ja ? "選んだ回が見つかりません。一覧から選びなおしてください。" : "A chosen date was not found; choose again.";
            case "course-dates-fixed" ->
                ja
                        ? "公開したコースの日程は変えられません（予約した方は全部の回をまとめて予約しています）。1回だけの変更や中止は、その回のページで行ってください。"
                        : "A published course keeps its dates (women booked them as one). Change or cancel one date on"
                                + " its own page.";
            case "course-capacity-lowered" ->
                ja
                        ? "コースの定員は増やせますが、減らせません（予約した方の席は取り消せません）。"
                        : "The course capacity can grow but not shrink: a place given is never taken back.";
            case "course-allocation-fixed" ->
                ja
                        ? "公開したコースの参加のしかた（先着順／抽選）は変えられません。"
                        : "How places are given cannot change once the course is published.";
            case "course-closing-fixed" ->
                ja
                        ? "応募締切は、締切の前に後ろへ延ばすことだけができます（早めることはできません）。"
                        : "The closing can only move later, and only before it has passed.";
            case "course-lottery-closing" ->
                ja ? "応募締切は、いまより後で、最初の回より前にしてください。" : "The closing must be in the future and before the first date.";
            case "course-closing-without-lottery" ->
                ja ? "応募締切は抽選のコースにだけ指定できます。" : "A closing is only for a lottery course.";
            case "course-closed" -> ja ? "このコースはもう変更できません。" : "This course can no longer change.";
            default -> serviceMessage == null ? (ja ? "内容を確かめてください。" : "Check the form.") : serviceMessage;
        };
    }

    static List<StaffViews.ErrorLink> errorList(Map<String, String> errors) {
        List<StaffViews.ErrorLink> list = new ArrayList<>();
        for (String field : FIELDS) {
            if (errors.containsKey(field)) {
                list.add(new StaffViews.ErrorLink(field, errors.get(field)));
            }
        }
        return list;
    }

    private static String value(Map<String, String> form, String name) {
        String v = form.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static Integer number(String text) {
        if (text == null || !text.matches("\\d{1,6}")) {
            return null;
        }
        return Integer.valueOf(text);
    }

    private static LocalDate date(String text) {
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalTime time(String text) {
        try {
            return text == null ? null : LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
