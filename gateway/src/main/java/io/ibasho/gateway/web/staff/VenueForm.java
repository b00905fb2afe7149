package io.ibasho.gateway.web.staff;

import io.ibasho.gateway.web.Language;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The venue form, read into the event service's venue request or into messages beside the fields (the same checks the
 * service makes, said in her language). Rooms are rows with a name; a row keeps its room's id (sessions point at it)
 * when she renames it, and a new row gets the next free {@code room-N}. Partner groups are ticked from her
 * organisation's list; the ticks are read as one field and checked as before (spelling here, existence with Keycloak in
 * VenuePages), since a form can be sent by hand. Pure: no Quarkus, plain unit tests.
 */
public final class VenueForm {
    static final List<String> VISIBILITIES = List.of("PUBLIC", "ATTENDEES_ONLY", "NEVER");
    /** The fields in the order they are shown (and errors are listed); room rows are {@code roomName0..}. */
    static final List<String> FIELDS = List.of(
            "nameJa",
            "nameEn",
            "area",
            "areaEn",
            "address",
            "addressVisibility",
            "accessibilityJa",
            "accessibilityEn",
            "capacityCeiling",
            "canHostChildcare",
            "rooms",
            "partnerGroups");

    static final int BLANK_ROOM_ROWS = 2;
    static final int MAX_ROOMS = 50;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private VenueForm() {}

    /** A room row as the form shows it: its id (hidden) and its name. */
    @io.quarkus.qute.TemplateData
    public record RoomRow(int index, String id, String name, String error) {
        /** Counted from 1, as she reads it. */
        public int number() {
            return index + 1;
        }
    }

    public record Parsed(JsonObject request, Map<String, String> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * @param values the single fields as typed
     * @param roomIds the hidden room ids, row by row ("" for a new row)
     * @param roomNames the room names, row by row
     */
    public static Parsed read(
            Map<String, String> values, List<String> roomIds, List<String> roomNames, Language language) {
        boolean ja = language == Language.JA;
        Map<String, String> errors = new LinkedHashMap<>();
        JsonObject request = new JsonObject();
        String nameJa = value(values, "nameJa");
        if (nameJa == null) {
            errors.put("nameJa", message("NAME_JA_REQUIRED", language));
        } else if (nameJa.length() > 200) {
            errors.put("nameJa", message("NAME_JA_TOO_LONG", language));
        }
        request.put("nameJa", nameJa);
        limit(values, "nameEn", 200, request, errors, ja);
        limit(values, "area", 100, request, errors, ja);
        limit(values, "areaEn", 100, request, errors, ja);
        limit(values, "accessibilityJa", 2000, request, errors, ja);
        limit(values, "accessibilityEn", 2000, request, errors, ja);
        limit(values, "address", 500, request, errors, ja);
        String visibility = value(values, "addressVisibility");
        if (visibility == null || !VISIBILITIES.contains(visibility)) {
            errors.put("addressVisibility", message("ADDRESS_VISIBILITY_REQUIRED", language));
        } else {
            request.put("addressVisibility", visibility);
            if ("PUBLIC".equals(visibility) && value(values, "address") == null) {
                errors.put("address", message("PUBLIC_ADDRESS_REQUIRED", language));
            }
        }
        String ceiling = value(values, "capacityCeiling");
        if (ceiling != null) {
            Integer n = number(ceiling);
            if (n == null || n < 1 || n > 100_000) {
                errors.put("capacityCeiling", message("CAPACITY_CEILING_OUT_OF_RANGE", language));
            } else {
                request.put("capacityCeiling", n);
            }
        }
        request.put("canHostChildcare", "1".equals(values.get("canHostChildcare")));
        request.put("rooms", rooms(roomIds, roomNames, errors, language));
        request.put("partnerGroups", partnerGroups(value(values, "partnerGroups"), errors, language));
        return new Parsed(request, errors);
    }

    private static JsonArray rooms(
            List<String> ids, List<String> names, Map<String, String> errors, Language language) {
        Set<String> taken = new HashSet<>();
        for (String id : ids) {
            if (id != null && ID.matcher(id).matches()) {
                taken.add(id);
            }
        }
        JsonArray rooms = new JsonArray();
        Set<String> used = new HashSet<>();
        int next = 1;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i) == null ? "" : names.get(i).strip();
            if (name.isEmpty()) {
                continue; // an emptied row removes the room
            }
            if (name.length() > 100) {
                errors.put("roomName" + i, message("ROOMS_NAME_JA_TOO_LONG", language));
                continue;
            }
            String id = i < ids.size() ? ids.get(i) : null;
            if (id == null || !ID.matcher(id).matches() || used.contains(id)) {
                while (taken.contains("room-" + next) || used.contains("room-" + next)) {
                    next++;
                }
                id = "room-" + next;
            }
            used.add(id);
            rooms.add(new JsonObject().put("id", id).put("nameJa", name));
        }
        if (rooms.size() > MAX_ROOMS) {
            errors.put("rooms", message("ROOMS_TOO_MANY", language));
        }
        return rooms;
    }

    private static JsonArray partnerGroups(String typed, Map<String, String> errors, Language language) {
        boolean ja = language == Language.JA;
        JsonArray groups = new JsonArray();
        if (typed == null) {
            return groups;
        }
        List<String> bad = new ArrayList<>();
        for (String id : typed.split("[\\s,、，]+")) {
            if (id.isEmpty()) {
                continue;
            }
            if (!ID.matcher(id).matches()) {
                bad.add(id);
            } else if (!groups.contains(id)) {
                groups.add(id);
            }
        }
        if (!bad.isEmpty()) {
            errors.put(
                    "partnerGroups",
                    (ja
                                    ? "協力団体のIDは半角の小文字・数字・「-」です（例: tsubomi）。直してください: "
                                    : "Partner group ids are lower-case letters, digits and '-' (e.g. tsubomi). Fix: ")
                            + String.join(" ", bad));
        } else if (groups.size() > 50) {
            errors.put("partnerGroups", message("PARTNER_GROUPS_TOO_MANY", language));
        }
        return groups;
    }

    /**
     * The well-formed partner group ids to ask Keycloak about, whatever else is wrong with the form, so an unknown id
     * is said together with the other mistakes; none when the field itself is mistyped (that is said first).
     */
    static JsonArray partnerGroupsToCheck(Parsed parsed) {
        return parsed.errors().containsKey("partnerGroups")
                ? new JsonArray()
                : parsed.request().getJsonArray("partnerGroups", new JsonArray());
    }

    /** The form's own mistakes and the partner group ids Keycloak does not know, all of them. */
    static Map<String, String> everyMistake(Parsed parsed, Map<String, String> unknownPartnerGroups) {
        return EveryMistake.of(parsed.errors(), unknownPartnerGroups);
    }

    /**
     * The partner group field's error for ids that no partner account of the organisation carries: a group removed
     * since the page was opened, or an id the list never offered (another organisation's, sent by hand).
     */
    static String unknownPartnerGroups(List<String> unknown, boolean ja) {
        return (ja
                        ? "この協力団体は、この組織の協力団体に見つかりません。一覧から選び直してください: "
                        : "No partner group of your organisation has this id; choose again from the list: ")
                + String.join(" ", unknown);
    }

    /** The partner group field's error when the ids could not be checked just now (nothing is saved unchecked). */
    static String partnerGroupsUnchecked(boolean ja) {
        return ja
                ? "協力団体のIDをいま確かめられませんでした。少し待ってから、もう一度保存してください。"
                : "The partner group ids could not be checked just now; save again in a moment.";
    }

    /**
     * The words of each code the event service's venue request can carry (docs/errors.md, venue-request-codes; ADR
     * 0080), Japanese and English, said beside the field: the service's own English message never reaches her. The
     * form's own checks say the same mistakes with the same words.
     */
    private static final Map<String, String[]> CODES = new LinkedHashMap<>();

    private static void word(String ja, String en, String... codes) {
        for (String code : codes) {
            CODES.put(code, new String[] {ja, en});
        }
    }

    static {
        word("送った内容を読めませんでした。もう一度お試しください。", "The form could not be read; please try again.", "REQUEST_REQUIRED");
        word("会場名（日本語）を入力してください。", "Enter the venue's Japanese name.", "NAME_JA_REQUIRED");
        word("会場名は200文字までです。", "The name is at most 200 characters.", "NAME_JA_TOO_LONG");
        word("英語の会場名は200文字までです。", "The English name is at most 200 characters.", "NAME_EN_TOO_LONG");
        word("地域は100文字までです。", "The area is at most 100 characters.", "AREA_TOO_LONG");
        word("英語の地域は100文字までです。", "The area in English is at most 100 characters.", "AREA_EN_TOO_LONG");
        word(
                "バリアフリー・アクセスの案内は2000文字までです。",
                "The accessibility notes are at most 2,000 characters.",
                "ACCESSIBILITY_JA_TOO_LONG");
        word(
                "英語のバリアフリー・アクセスの案内は2000文字までです。",
                "The English accessibility notes are at most 2,000 characters.",
                "ACCESSIBILITY_EN_TOO_LONG");
        word("収容人数は1以上の数字で入力してください。", "Enter a capacity of 1 or more.", "CAPACITY_CEILING_OUT_OF_RANGE");
        word("住所は500文字までです。", "The address is at most 500 characters.", "ADDRESS_TOO_LONG");
        word(
                "住所を見せる相手を選んでください。",
                "Choose who may see the address.",
                "ADDRESS_VISIBILITY_REQUIRED",
                "ADDRESS_VISIBILITY_INVALID");
        word(
                "住所を公開するときは住所を入力してください。公開しないときは「住所を見せる相手」を変えてください。",
                "A public address needs the address; or choose who may see it.",
                "PUBLIC_ADDRESS_REQUIRED");
        word("部屋は50までです。", "At most 50 rooms.", "ROOMS_TOO_MANY");
        word(
                "部屋の行を読めませんでした。ページを開き直して、もう一度保存してください。",
                "A room row could not be read; reload the page and save again.",
                "ROOMS_REQUIRED",
                "ROOMS_ID_REQUIRED",
                "ROOMS_ID_INVALID",
                "ROOM_IDS_NOT_UNIQUE");
        word("部屋の名前を入力してください。", "Enter the room's name.", "ROOMS_NAME_JA_REQUIRED");
        word("部屋の名前は100文字までです。", "A room name is at most 100 characters.", "ROOMS_NAME_JA_TOO_LONG");
        word("部屋の英語の名前は100文字までです。", "A room's English name is at most 100 characters.", "ROOMS_NAME_EN_TOO_LONG");
        word("協力団体は50までです。", "At most 50 partner groups.", "PARTNER_GROUPS_TOO_MANY");
        word(
                "選んだ協力団体を読めませんでした。一覧から選び直してください。",
                "The partner groups chosen could not be read; choose them again from the list.",
                "PARTNER_GROUPS_REQUIRED",
                "PARTNER_GROUPS_INVALID");
    }

    /** A code's words in her language. */
    static String message(String code, Language language) {
        return message(code, null, language);
    }

    /** A code's words in her language; {@code otherwise} for a code this form does not know (a newer service). */
    static String message(String code, String otherwise, Language language) {
        String[] words = code == null ? null : CODES.get(code);
        return words == null ? otherwise : words[language == Language.JA ? 0 : 1];
    }

    /** A partner group offered on the form: a checkbox named by the group's id. */
    @io.quarkus.qute.TemplateData
    public record PartnerChoice(String id, String label, boolean checked) {}

    /**
     * The partner groups she may tick: her organisation's ({@code known}, null when they could not be listed), with
     * those the venue is linked to and those ticked on a form sent back to her, so that saving never drops a link she
     * did not untick. A linked group the list no longer has is said to be missing; one the list never offered is shown
     * only as sent back to her, with its refusal beside the field.
     */
    static List<PartnerChoice> partnerChoices(
            List<String> known, List<String> linked, String ticked, Language language) {
        java.util.TreeSet<String> ids = new java.util.TreeSet<>();
        if (known != null) {
            ids.addAll(known);
        }
        ids.addAll(linked);
        List<String> chosen = new ArrayList<>();
        for (String id : ticked == null ? new String[0] : ticked.split("[\\s,、，]+")) {
            if (ID.matcher(id).matches() && chosen.size() < 50) {
                chosen.add(id);
            }
        }
        ids.addAll(chosen);
        String missing = VenueText.of(language).get("partnerGroupMissing");
        List<PartnerChoice> choices = new ArrayList<>();
        for (String id : ids) {
            boolean offered = known == null || known.contains(id);
            choices.add(new PartnerChoice(id, offered ? id : id + missing, chosen.contains(id)));
        }
        return choices;
    }

    /** The groups ticked on the form, as the one field the rest of the form reads ("tsubomi himawari"). */
    static String ticked(List<String> boxes) {
        return boxes.stream()
                .limit(51)
                .map(box -> box.length() > 40 ? box.substring(0, 41) : box)
                .collect(java.util.stream.Collectors.joining(" "));
    }

    /** The ids a stored venue is linked to. */
    static List<String> linked(JsonObject venue) {
        List<String> groups = new ArrayList<>();
        for (Object g : venue == null ? new JsonArray() : venue.getJsonArray("partnerGroups", new JsonArray())) {
            groups.add(String.valueOf(g));
        }
        return groups;
    }

    /** The form's values of a stored venue. */
    public static Map<String, String> valuesOf(JsonObject venue) {
        Map<String, String> values = new HashMap<>();
        for (String field : List.of(
                "nameJa",
                "nameEn",
                "area",
                "areaEn",
                "address",
                "addressVisibility",
                "accessibilityJa",
                "accessibilityEn")) {
            String v = venue.getString(field);
            values.put(field, v == null ? "" : v);
        }
        Object ceiling = venue.getValue("capacityCeiling");
        values.put("capacityCeiling", ceiling == null ? "" : ceiling.toString());
        values.put("canHostChildcare", venue.getBoolean("canHostChildcare", false) ? "1" : "");
        List<String> groups = new ArrayList<>();
        for (Object g : venue.getJsonArray("partnerGroups", new JsonArray())) {
            groups.add(String.valueOf(g));
        }
        values.put("partnerGroups", String.join(" ", groups));
        return values;
    }

    /** The room rows of a stored venue, then blank rows for new rooms. */
    public static List<RoomRow> roomRows(JsonObject venue) {
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Object o : venue == null ? new JsonArray() : venue.getJsonArray("rooms", new JsonArray())) {
            if (o instanceof JsonObject room) {
                ids.add(room.getString("id", ""));
                names.add(room.getString("nameJa", ""));
            }
        }
        return roomRows(ids, names, Map.of());
    }

    /** The rows as typed (ids and names, blank rows already left out), each with its message, then blank rows. */
    public static List<RoomRow> roomRows(List<String> ids, List<String> names, Map<String, String> errors) {
        List<RoomRow> rows = new ArrayList<>();
        for (int i = 0; i < names.size() && rows.size() < MAX_ROOMS; i++) {
            String id = i < ids.size() && ids.get(i) != null ? ids.get(i) : "";
            rows.add(new RoomRow(i, id, names.get(i) == null ? "" : names.get(i), errors.get("roomName" + i)));
        }
        for (int i = 0; i < BLANK_ROOM_ROWS && rows.size() < MAX_ROOMS; i++) {
            rows.add(new RoomRow(rows.size(), "", "", null));
        }
        return rows;
    }

    /** Leaves out the rows she left empty (an emptied row removes its room), keeping ids and names in step. */
    public static List<List<String>> withoutBlankRows(List<String> ids, List<String> names) {
        List<String> keptIds = new ArrayList<>();
        List<String> keptNames = new ArrayList<>();
        for (int i = 0; i < names.size() && keptNames.size() < MAX_ROOMS + 1; i++) {
            if (names.get(i) != null && !names.get(i).isBlank()) {
                keptIds.add(i < ids.size() && ids.get(i) != null ? ids.get(i) : "");
                keptNames.add(names.get(i).strip());
            }
        }
        return List.of(keptIds, keptNames);
    }

    /** The venue service's field names (last path segment of a bean-validation path) as the form's fields. */
    static String fieldOf(String serviceField) {
        if (serviceField == null) {
            return "form";
        }
        String last = serviceField.replaceAll(".*\\.", "");
        if (serviceField.contains("rooms")) {
            return "rooms";
        }
        if (serviceField.contains("partnerGroups")) {
            return "partnerGroups";
        }
        return switch (last) {
            case "publicAddressGiven" -> "address";
            case "roomIdsUnique" -> "rooms";
            default -> FIELDS.contains(last) ? last : "form";
        };
    }

    private static void limit(
            Map<String, String> values,
            String field,
            int max,
            JsonObject request,
            Map<String, String> errors,
            boolean ja) {
        String v = value(values, field);
        if (v != null && v.length() > max) {
            errors.put(field, ja ? max + "文字までです。" : "At most " + max + " characters.");
        }
        request.put(field, v);
    }

    private static String value(Map<String, String> values, String field) {
        String v = values.get(field);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static Integer number(String v) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
