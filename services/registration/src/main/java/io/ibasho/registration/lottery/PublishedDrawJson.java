package io.ibasho.registration.lottery;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The JSON layout of a {@link PublishedDraw}, documented in docs/lottery.md. Unknown keys are ignored so
 * the service may add context (session title, date) without breaking older verifiers.
 */
final class PublishedDrawJson {

    /** Only the canonical 8-4-4-4-12 form: {@link UUID#fromString} also accepts "1-2-3-4-5". */
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private PublishedDrawJson() {}

    static String write(PublishedDraw draw) {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("seats", draw.policy().seats());
        policy.put("priorityTiers", draw.policy().priorityTiers());
        policy.put("oneWinPerMonth", draw.policy().oneWinPerMonth());
        policy.put("childcareRequiredToWin", draw.policy().childcareRequiredToWin());
        policy.put("confirmationRequired", draw.policy().confirmationRequired());
        policy.put("confirmationHours", draw.policy().confirmationHours());

        List<Object> applications = new ArrayList<>();
        for (LotteryApplicant a : draw.applications()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.canonicalId());
            m.put("tier", a.tier());
            m.put("alreadyWonThisMonth", a.alreadyWonThisMonth());
            m.put("needsChildcare", a.needsChildcare());
            applications.add(m);
        }
        List<Object> answers = new ArrayList<>();
        for (ChildcareAnswer c : draw.childcareAnswers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.applicationId().toString());
            m.put("reserved", c.reserved());
            answers.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", PublishedDraw.FORMAT);
        root.put("sessionId", draw.subject().sessionId().toString());
        root.put("applicationsClosedAt", DrawSubject.text(draw.subject().applicationsClosedAt()));
        root.put("winMonth", draw.subject().winMonth().toString());
        root.put("drawnAt", DrawSubject.text(draw.drawnAt()));
        root.put("policy", policy);
        root.put("commitment", draw.commitment());
        root.put("seed", draw.seed());
        root.put("inputDigest", draw.inputDigest());
        if (draw.monthWins() != null) {
            Map<String, Object> wins = new LinkedHashMap<>();
            wins.put("holders", draw.monthWins().holders());
            wins.put("tokens", draw.monthWins().tokens());
            root.put("monthWins", wins);
        }
        root.put("applications", applications);
        root.put("order", ids(draw.order()));
        root.put("childcareAnswers", answers);
        root.put("winners", ids(draw.winners()));
        root.put("reserve", ids(draw.reserve()));
        return Json.write(root);
    }

    /** @throws IllegalArgumentException naming the first thing that is missing or malformed */
    static PublishedDraw read(String json) {
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json; // files saved by Notepad
        Map<String, Object> root = object(Json.parse(text), "the file");
        String format = string(root, "format");
        if (PublishedDraw.OLD_FORMAT.equals(format)) {
            throw new IllegalArgumentException(PublishedDraw.OLD_FORMAT_ANSWER);
        }
        if (!PublishedDraw.FORMAT.equals(format)) {
            throw new IllegalArgumentException(
                    "format is \"" + format + "\"; this verifier reads \"" + PublishedDraw.FORMAT + "\"");
        }
        DrawSubject subject = new DrawSubject(uuid(string(root, "sessionId")), instant(root, "applicationsClosedAt"));
        String winMonth = string(root, "winMonth");
        if (!winMonth.equals(subject.winMonth().toString())) {
            throw new IllegalArgumentException("winMonth is \"" + winMonth + "\" but applications closed in "
                    + subject.winMonth() + " (Asia/Tokyo)");
        }
        Instant drawnAt = instant(root, "drawnAt");
        Map<String, Object> p = object(root.get("policy"), "policy");
        LotteryPolicy policy = new LotteryPolicy(
                integer(p, "seats"),
                strings(p, "priorityTiers"),
                bool(p, "oneWinPerMonth"),
                bool(p, "childcareRequiredToWin"),
                bool(p, "confirmationRequired"),
                integer(p, "confirmationHours"));

        List<LotteryApplicant> applications = new ArrayList<>();
        for (Object item : array(root, "applications")) {
            Map<String, Object> a = object(item, "an entry of applications");
            applications.add(new LotteryApplicant(
                    uuid(string(a, "id")),
                    integer(a, "tier"),
                    bool(a, "alreadyWonThisMonth"),
                    bool(a, "needsChildcare")));
        }
        List<ChildcareAnswer> answers = new ArrayList<>();
        for (Object item : array(root, "childcareAnswers")) {
            Map<String, Object> c = object(item, "an entry of childcareAnswers");
            answers.add(new ChildcareAnswer(uuid(string(c, "id")), bool(c, "reserved")));
        }
        return new PublishedDraw(
                subject,
                drawnAt,
                policy,
                string(root, "commitment"),
                string(root, "seed"),
                string(root, "inputDigest"),
                applications,
                uuids(root, "order"),
                answers,
                uuids(root, "winners"),
                uuids(root, "reserve"),
                monthWins(root.get("monthWins"), applications));
    }

    /** Optional (draws made before it have none); when given, one token per application and sorted unique holders. */
    private static MonthWins monthWins(Object value, List<LotteryApplicant> applications) {
        if (value == null) {
            return null;
        }
        Map<String, Object> wins = object(value, "monthWins");
        List<String> holders = new ArrayList<>();
        for (Object item : array(wins, "holders")) {
            String holder = Hex.requireHex(item instanceof String h ? h : null, 32, "a monthWins holder");
            if (!holders.isEmpty() && holders.getLast().compareTo(holder) >= 0) {
                throw new IllegalArgumentException("monthWins holders must be sorted, each once");
            }
            holders.add(holder);
        }
        Map<String, String> tokens = new LinkedHashMap<>();
        for (var entry : object(wins.get("tokens"), "monthWins tokens").entrySet()) {
            String id = uuid(entry.getKey()).toString();
            String token =
                    Hex.requireHex(entry.getValue() instanceof String t ? t : null, 32, "the monthWins token of " + id);
            if (tokens.put(id, token) != null) {
                throw new IllegalArgumentException("monthWins tokens name " + id + " twice");
            }
        }
        var ids = applications.stream().map(LotteryApplicant::canonicalId).collect(java.util.stream.Collectors.toSet());
        if (!tokens.keySet().equals(ids)) {
            throw new IllegalArgumentException("monthWins tokens must name every application, and only those");
        }
        return new MonthWins(holders, tokens);
    }

    /** Only {@code 2026-12-03T12:00:00Z}: to the second, in UTC, so that every reader writes it alike. */
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

    private static Instant instant(Map<String, Object> m, String key) {
        String text = string(m, key);
        if (!INSTANT.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "\"" + key + "\" must be a UTC time to the second like 2026-12-03T12:00:00Z, was \"" + text + "\"");
        }
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + key + "\" is not a valid time: " + text);
        }
    }

    private static List<String> ids(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }

    private static UUID uuid(String text) {
        if (!CANONICAL_UUID.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not an application id (8-4-4-4-12 hex digits)");
        }
        return UUID.fromString(text);
    }

    private static List<UUID> uuids(Map<String, Object> m, String key) {
        List<UUID> ids = new ArrayList<>();
        for (Object item : array(m, key)) {
            if (!(item instanceof String s)) {
                throw new IllegalArgumentException(key + " must list application ids as strings");
            }
            ids.add(uuid(s));
        }
        return ids;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException(what + " must be a JSON object");
    }

    private static Object required(Map<String, Object> m, String key) {
        Object value = m.get(key);
        if (value == null) {
            throw new IllegalArgumentException("\"" + key + "\" is missing");
        }
        return value;
    }

    private static String string(Map<String, Object> m, String key) {
        if (required(m, key) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("\"" + key + "\" must be a string");
    }

    private static boolean bool(Map<String, Object> m, String key) {
        if (required(m, key) instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("\"" + key + "\" must be true or false");
    }

    private static int integer(Map<String, Object> m, String key) {
        if (required(m, key) instanceof BigDecimal n) {
            try {
                return n.intValueExact();
            } catch (ArithmeticException e) {
                // falls through to the message below
            }
        }
        throw new IllegalArgumentException("\"" + key + "\" must be a whole number");
    }

    private static List<?> array(Map<String, Object> m, String key) {
        if (required(m, key) instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException("\"" + key + "\" must be a JSON array");
    }

    private static List<String> strings(Map<String, Object> m, String key) {
        List<String> strings = new ArrayList<>();
        for (Object item : array(m, key)) {
            if (!(item instanceof String s)) {
                throw new IllegalArgumentException("\"" + key + "\" must list strings");
            }
            strings.add(s);
        }
        return strings;
    }
}
