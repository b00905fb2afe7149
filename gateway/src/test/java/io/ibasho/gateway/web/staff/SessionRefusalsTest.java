package io.ibasho.gateway.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.gateway.web.Language;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the organiser's session pages make of the event service's refusals, her list's pages and what cancelling does
 * (plain, no Quarkus). The refusals are read from the event service's own source, so a new rule without wording here
 * fails this test instead of reaching her in raw English.
 */
class SessionRefusalsTest {
    private static final Path EVENT = Path.of("../services/event/src/main/java/io/ibasho/event");
    private static final String SENTINEL = "the service's own words";

    /** Every problem type SessionService can refuse a session's create, update, publish, cancel or complete with. */
    private static Set<String> problemTypes() throws IOException {
        String service = Files.readString(EVENT.resolve("service/SessionService.java"));
        Set<String> types = new TreeSet<>();
        Matcher m = Pattern.compile("Refusal\\.(?:conflict|invalid|rules)\\(\\s*\"([a-z-]+)\"")
                .matcher(service);
        while (m.find()) {
            types.add(m.group(1));
        }
        return types;
    }

    /** Every violation code: SessionRules' enum and those SessionService adds itself. */
    private static Set<String> violationCodes() throws IOException {
        Set<String> codes = new TreeSet<>();
        String rules = Files.readString(EVENT.resolve("schedule/SessionRuleCode.java"));
        Matcher constants = Pattern.compile("^\\s+([A-Z][A-Z_]+)[,;]?\\s*$", Pattern.MULTILINE)
                .matcher(rules);
        while (constants.find()) {
            codes.add(constants.group(1));
        }
        String service = Files.readString(EVENT.resolve("service/SessionService.java"));
        Matcher added = Pattern.compile("\"([A-Z][A-Z_]{3,})\"\\)").matcher(service);
        while (added.find()) {
            codes.add(added.group(1));
        }
        return codes;
    }

    @Test
    void everyRefusalOfTheEventServiceHasHerWordsInJapaneseAndEnglish() throws IOException {
        Set<String> types = problemTypes();
        assertThat(types)
                .contains(
                        "session-closed",
                        "kind-fixed-after-publish",
                        "lottery-rules-frozen",
                        "lottery-deadline-earlier",
                        "session-start-past",
                        "session-rules");
        for (String type : types) {
            assertThat(SessionForm.problemMessage(type, SENTINEL, Language.JA))
                    .as("ja wording for %s", type)
                    .isNotEqualTo(SENTINEL)
                    .matches(".*[ぁ-んァ-ン一-龥].*");
            assertThat(SessionForm.problemMessage(type, SENTINEL, Language.EN))
                    .as("en wording for %s", type)
                    .isNotEqualTo(SENTINEL);
        }
        Set<String> codes = violationCodes();
        assertThat(codes).contains("ROOM_WITHOUT_VENUE", "START_IN_PAST", "DEADLINE_MOVED_EARLIER", "PARTS_OVERLAP");
        List<String> untranslated = new ArrayList<>();
        for (String code : codes) {
            if (SessionForm.message(code, SENTINEL, Language.JA).equals(SENTINEL)) {
                untranslated.add(code);
            }
        }
        assertThat(untranslated).as("violation codes without Japanese").isEmpty();
        assertThat(SessionForm.message("ROOM_WITHOUT_VENUE", "A room needs a venue", Language.JA))
                .isEqualTo("部屋を選ぶときは、先に会場を選んでください。");
    }

    /** The Bean Validation codes a session's request can carry, as docs/errors.md lists them. */
    static Set<String> validationCodes() throws IOException {
        String docs = Files.readString(Path.of("../docs/errors.md"));
        int marker = docs.indexOf("<!-- session-request-codes");
        assertThat(marker)
                .as("docs/errors.md lists the session request's codes")
                .isPositive();
        int start = docs.indexOf("```", marker) + 3;
        int end = docs.indexOf("```", start);
        Set<String> codes = new TreeSet<>();
        for (String line : docs.substring(start, end).split("\n")) {
            if (!line.isBlank()) {
                codes.add(line.strip());
            }
        }
        return codes;
    }

    @Test
    void everyCodeOfTheSessionFormIsWordedInJapaneseAndEnglish() throws IOException {
        Set<String> codes = new TreeSet<>(validationCodes());
        assertThat(codes).contains("TITLE_JA_TOO_LONG", "CAPACITY_OUT_OF_RANGE", "FLYER_FEE_YEN_OUT_OF_RANGE");
        codes.addAll(violationCodes());
        for (String code : codes) {
            assertThat(SessionForm.message(code, SENTINEL, Language.JA))
                    .as("ja wording for %s", code)
                    .isNotEqualTo(SENTINEL)
                    .matches(".*[ぁ-んァ-ン一-龥].*")
                    .endsWith("。");
            assertThat(SessionForm.message(code, SENTINEL, Language.EN))
                    .as("en wording for %s", code)
                    .isNotEqualTo(SENTINEL)
                    .doesNotContainPattern("[ぁ-んァ-ン一-龥]");
        }
    }

    /** The service's field is the path's last part; the code says which of her fields it is. */
    @Test
    void aValidationRefusalIsSaidInJapaneseBesideItsField() {
        var violations = new io.vertx.core.json.JsonArray()
                .add(new JsonObject()
                        .put("field", "titleJa")
                        .put("message", "titleJa is at most 200 characters")
                        .put("code", "TITLE_JA_TOO_LONG"))
                .add(new JsonObject()
                        .put("field", "capacity")
                        .put("message", "capacity must be at least 1")
                        .put("code", "CAPACITY_OUT_OF_RANGE"))
                .add(new JsonObject()
                        .put("field", "minAgeYears")
                        .put("message", "childcare minAgeYears is 0..12")
                        .put("code", "CHILDCARE_MIN_AGE_YEARS_OUT_OF_RANGE"))
                .add(new JsonObject()
                        .put("field", "feeYen")
                        .put("message", "flyer feeYen cannot be negative (0 means free)")
                        .put("code", "FLYER_FEE_YEN_OUT_OF_RANGE"));
        var errors = SessionForm.errorsOf(violations, Language.JA);
        var fields = StaffViews.sessionFields(Map.of(), errors, new io.vertx.core.json.JsonArray(), Language.JA);
        java.util.function.Function<String, String> besides = name -> fields.stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow()
                .error();
        assertThat(besides.apply("titleJa")).isEqualTo("タイトルは200文字までにしてください。");
        assertThat(besides.apply("capacity")).isEqualTo("定員は1から10000までの数字で入力してください。");
        assertThat(besides.apply("childMinAge")).isEqualTo("0から12までの数字で入力してください。");
        assertThat(besides.apply("feeYen")).isEqualTo("参加費は0から100000までの数字で入力してください（無料は0）。");
        assertThat(errors).doesNotContainKey("form");
        assertThat(String.join(" ", errors.values())).doesNotContain("characters", "must be");
        assertThat(SessionForm.errorsOf(violations, Language.EN).get("titleJa"))
                .isEqualTo("The title is at most 200 characters.");
    }

    @Test
    void eachRefusalIsShownBesideTheFieldItConcerns() {
        assertThat(SessionForm.fieldOf("startsAt", "START_IN_PAST")).isEqualTo("date");
        assertThat(SessionForm.fieldOf("lottery", "FROZEN_WHILE_APPLICATIONS_OPEN"))
                .isEqualTo("priorityTiers");
        assertThat(SessionForm.fieldOf("capacity", "FROZEN_WHILE_APPLICATIONS_OPEN"))
                .isEqualTo("capacity");
        assertThat(SessionForm.fieldOf("applicationClosesAt", "DEADLINE_MOVED_EARLIER"))
                .isEqualTo("closes");
        assertThat(SessionForm.fieldOf("roomId", "ROOM_WITHOUT_VENUE")).isEqualTo("roomId");
        assertThat(SessionForm.problemField("kind-fixed-after-publish")).isEqualTo("kind");
        assertThat(SessionForm.problemField("lottery-rules-frozen")).isEqualTo("priorityTiers");
        assertThat(SessionForm.problemField("lottery-deadline-earlier")).isEqualTo("closes");
        assertThat(SessionForm.problemField("session-closed")).isEqualTo("form");
        assertThat(SessionForm.problemMessage("session-closed", "This session is cancelled", Language.JA))
                .isEqualTo("この開催は中止または終了しているため、変更できません。");
        assertThat(SessionForm.message("DEADLINE_MOVED_EARLIER", "x", Language.JA))
                .startsWith("受付中の抽選の申込締切は、後ろへ延ばすことだけ");
    }

    @Test
    void herListReachesEverySessionUpcomingFromADayOrPastTheLatestFirst() {
        LocalDate today = LocalDate.of(2026, 12, 6);
        var upcoming = OrganiserSessionPages.ListWindow.of(null, null, null, today);
        assertThat(upcoming.serviceQuery())
                .isEqualTo("/api/events/sessions/mine?size=50&page=0&startsFrom=2026-12-06T00%3A00%2B09%3A00");
        assertThat(upcoming.href(1)).isEqualTo("/staff/sessions?when=upcoming&page=1");

        var later = OrganiserSessionPages.ListWindow.of("upcoming", "2026-12-31", "3", today);
        assertThat(later.serviceQuery())
                .isEqualTo("/api/events/sessions/mine?size=50&page=3&startsFrom=2026-12-31T00%3A00%2B09%3A00");
        assertThat(later.href(4)).isEqualTo("/staff/sessions?from=2026-12-31&page=4");

        var past = OrganiserSessionPages.ListWindow.of("past", "2026-12-31", "1", today);
        assertThat(past.serviceQuery())
                .isEqualTo("/api/events/sessions/mine?size=50&page=1&newestFirst=true"
                        + "&startsBefore=2026-12-06T00%3A00%2B09%3A00");
        assertThat(past.href(0)).isEqualTo("/staff/sessions?when=past&page=0");

        var typedBadly = OrganiserSessionPages.ListWindow.of("upcoming", "31/12", "-4", today);
        assertThat(typedBadly.from()).isEqualTo(today);
        assertThat(typedBadly.page()).isZero();
        assertThat(OrganiserSessionPages.ListWindow.of(null, null, "999999", today)
                        .page())
                .isEqualTo(OrganiserSessionPages.ListWindow.MAX_PAGE);
    }

    @Test
    void beforeCancellingSheSeesHowManyAreToldAndThatItCannotBeUndone() {
        JsonObject counts = new JsonObject()
                .put("confirmed", 2)
                .put("waiting", 3)
                .put("offersOut", 1)
                .put("applied", 0);
        assertThat(OrganiserSessionPages.cancelConsequences("published", counts, Language.JA))
                .containsExactly(
                        "予約が確定した方 2名",
                        "キャンセル待ちの方（ご案内中を含む） 4名",
                        "この方たちの予約・申込みはすべて取り消され、中止のお知らせが届きます。",
                        "中止すると、元に戻せません。");
        assertThat(OrganiserSessionPages.cancelConsequences("published", null, Language.JA)
                        .get(0))
                .contains("全員に、中止のお知らせが届きます");
        assertThat(OrganiserSessionPages.cancelConsequences("draft", null, Language.EN))
                .containsExactly("It is a draft: nobody has seen it, nobody is told.", "Cancelling cannot be undone.");
    }

    @Test
    void aReadOnlySessionShowsItsFieldsAsWords() {
        var closes = new StaffViews.Field("closes", "申込締切", "datetime-local", "2026-12-24T13:30", null, List.of());
        assertThat(closes.shown()).isEqualTo("2026-12-24 13:30");
        var allocation = new StaffViews.Field(
                "allocation",
                "参加のしかた",
                "select",
                "LOTTERY",
                null,
                List.of(
                        new StaffViews.Option("FIRST_COME", "先着順", false),
                        new StaffViews.Option("LOTTERY", "抽選", true)));
        assertThat(allocation.selectedLabel()).isEqualTo("抽選");
    }

    @Test
    void aCapacityBelowTheConfirmedBookingsIsRefusedBesideTheCapacity() {
        JsonObject twoConfirmed = new JsonObject().put("confirmed", 2);
        assertThat(OrganiserSessionPages.capacityMessage(1, twoConfirmed, Language.JA))
                .isEqualTo("予約が確定した人数（2名）より少なくはできません。");
        assertThat(OrganiserSessionPages.capacityMessage(2, twoConfirmed, Language.JA))
                .isNull();
        assertThat(OrganiserSessionPages.capacityMessage(1, null, Language.JA)).isNull();
        assertThat(OrganiserSessionPages.capacityMessage(1, twoConfirmed, Language.EN))
                .isEqualTo("The capacity cannot be below the 2 confirmed bookings.");
    }
}
