package io.ibasho.gateway.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.gateway.web.Language;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The organiser's course form both ways, and the event service's refusals beside their fields (plain, no Quarkus). */
class CourseFormTest {
    private static final String FIRST = "11111111-1111-4111-8111-111111111111";
    private static final String SECOND = "22222222-2222-4222-8222-222222222222";

    private static Map<String, String> lotteryCourse() {
        Map<String, String> form = new HashMap<>();
        form.put("titleJa", "全2回 こころの講座");
        form.put("descriptionJa", "第1回 自分を知る／第2回 つながる");
        form.put("capacity", "8");
        form.put("allocation", "LOTTERY");
        form.put("closesDate", "2026-12-20");
        form.put("closesTime", "12:00");
        return form;
    }

    private static JsonObject course() {
        return new JsonObject()
                .put("id", "c-1")
                .put("titleJa", "全2回 こころの講座")
                .put("descriptionEn", "Two parts")
                .put("capacity", 8)
                .put("allocation", "LOTTERY")
                .put("applicationsCloseAt", "2026-12-20T12:00:00+09:00")
                .put(
                        "dates",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("sessionId", FIRST)
                                        .put("titleJa", "第1回")
                                        .put("startsAt", "2026-12-26T04:30:00Z")
                                        .put("endsAt", "2026-12-26T06:30:00Z")
                                        .put("venueNameJa", "公民館")
                                        .put("childcareOffered", true)
                                        .put("childcareMinAge", 1)
                                        .put("childcareMaxAge", 6))
                                .add(new JsonObject()
                                        .put("sessionId", SECOND)
                                        .put("titleJa", "第2回")
                                        .put("startsAt", "2027-01-09T04:30:00Z")
                                        .put("endsAt", "2027-01-09T06:30:00Z")
                                        .put("online", true)
                                        .put("childcareOffered", false)));
    }

    @Test
    void whatSheTypedBecomesTheServicesCourseRequestWithTheClosingInTokyoTime() {
        CourseForm.Parsed parsed = CourseForm.read(lotteryCourse(), List.of(FIRST, SECOND, FIRST), null, Language.JA);

        assertThat(parsed.errors()).isEmpty();
        JsonObject request = parsed.request();
        assertThat(request.getString("titleJa")).isEqualTo("全2回 こころの講座");
        assertThat(request.getInteger("capacity")).isEqualTo(8);
        assertThat(request.getString("allocation")).isEqualTo("LOTTERY");
        assertThat(request.getString("applicationsCloseAt")).isEqualTo("2026-12-20T12:00+09:00");
        assertThat(request.getJsonArray("sessionIds").getList()).containsExactly(FIRST, SECOND);
    }

    @Test
    void herMistakesAreShownBesideTheirFieldsInOrder() {
        Map<String, String> form = lotteryCourse();
        form.put("titleJa", " ");
        form.put("capacity", "0");
        form.remove("closesDate");
        form.put("closesTime", "noon");
        CourseForm.Parsed parsed = CourseForm.read(form, List.of(FIRST, "not-an-id"), null, Language.JA);

        assertThat(parsed.valid()).isFalse();
        assertThat(parsed.request()).isNull();
        assertThat(parsed.errors()).containsOnlyKeys("titleJa", "sessionIds", "capacity", "closesDate", "closesTime");
        assertThat(parsed.errors().get("sessionIds")).isEqualTo("日程を2つ以上選んでください。");
        assertThat(CourseForm.errorList(parsed.errors()))
                .extracting(StaffViews.ErrorLink::field)
                .containsExactly("titleJa", "sessionIds", "capacity", "closesDate", "closesTime");
        // a first-come course needs no closing
        Map<String, String> firstCome = lotteryCourse();
        firstCome.put("allocation", "FIRST_COME");
        firstCome.remove("closesDate");
        CourseForm.Parsed plain = CourseForm.read(firstCome, List.of(FIRST, SECOND), null, Language.EN);
        assertThat(plain.errors()).isEmpty();
        assertThat(plain.request().containsKey("applicationsCloseAt")).isFalse();
    }

    @Test
    void editingKeepsTheDatesAndTheEnglishDescriptionAndShowsTheClosingInTokyoTime() {
        Map<String, String> values = CourseForm.valuesOf(course());
        assertThat(values)
                .containsEntry("closesDate", "2026-12-20")
                .containsEntry("closesTime", "12:00")
                .containsEntry("capacity", "8")
                .containsEntry("allocation", "LOTTERY");

        values.put("capacity", "10");
        CourseForm.Parsed parsed = CourseForm.read(values, List.of("ignored"), course(), Language.JA);
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.request().getJsonArray("sessionIds").getList()).containsExactly(FIRST, SECOND);
        assertThat(parsed.request().getString("descriptionEn")).isEqualTo("Two parts");
        assertThat(parsed.request().getInteger("capacity")).isEqualTo(10);
    }

    @Test
    void theServicesRefusalsGoBesideTheFieldTheyConcernInHerWords() {
        assertThat(CourseForm.fieldOf("course-capacity-lowered", null)).isEqualTo("capacity");
        assertThat(CourseForm.fieldOf("course-dates-fixed", null)).isEqualTo("sessionIds");
        assertThat(CourseForm.fieldOf("course-date-not-first-come", null)).isEqualTo("sessionIds");
        assertThat(CourseForm.fieldOf("course-allocation-fixed", null)).isEqualTo("allocation");
        assertThat(CourseForm.fieldOf("course-closing-fixed", null)).isEqualTo("closesDate");
        assertThat(CourseForm.fieldOf("course-lottery-closing", null)).isEqualTo("closesDate");
        assertThat(CourseForm.fieldOf(null, "titleJa")).isEqualTo("titleJa");
        assertThat(CourseForm.fieldOf("something-new", null)).isEqualTo("form");
        assertThat(CourseForm.message("course-capacity-lowered", "x", Language.JA))
                .isEqualTo("コースの定員は増やせますが、減らせません（予約した方の席は取り消せません）。");
        assertThat(CourseForm.message("course-closing-fixed", "x", Language.EN))
                .isEqualTo("The closing can only move later, and only before it has passed.");
        assertThat(CourseForm.message("something-new", "The service's own words.", Language.JA))
                .isEqualTo("The service's own words.");
    }

    @Test
    void eachDateShowsItsChildcareAndTheRosterShowsNicknamesChildcareAndCheckInPerDate() {
        assertThat(CourseFormPages.courseDates(course(), Language.JA))
                .extracting(CourseFormPages.DateChoice::childcare)
                .containsExactly("託児あり（1〜6歳）", "託児なし");
        JsonObject roster = new JsonObject()
                .put(
                        "dates",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("sessionId", FIRST)
                                        .put("confirmed", 1)
                                        .put(
                                                "entries",
                                                new JsonArray()
                                                        .add(new JsonObject()
                                                                .put("nickname", "はな")
                                                                .put("status", "confirmed")
                                                                .put("bookingCode", "ABCD-2345")
                                                                .put("childcareStatus", "reserved")
                                                                .put("children", 2)
                                                                .put("attendance", "ATTENDED"))
                                                        .add(new JsonObject()
                                                                .put("nickname", "みどり")
                                                                .put("status", "cancelled")
                                                                .put("children", 0)))));
        List<CourseFormPages.RosterDate> dates = CourseFormPages.rosterDates(course(), roster, Language.JA);
        assertThat(dates).hasSize(2);
        assertThat(dates.get(0).booked()).isEqualTo("コースの予約確定 1人");
        assertThat(dates.get(0).people())
                .containsExactly(new CourseFormPages.RosterPerson("はな", "予約確定", "確定（2人）", "出席"));
        assertThat(dates.get(1).people()).isEmpty();
        assertThat(dates.get(1).venue()).isEqualTo("オンライン");
    }

    @Test
    void aNewCourseOffersHerPublishedFirstComeSessionsStillAheadAndInNoCourse() {
        java.util.function.BiFunction<String, String[], JsonObject> session = (id, facts) -> new JsonObject()
                .put("id", id)
                .put("titleJa", "講座 " + id)
                .put("status", facts[0]) // as the event service writes it: lower case
                .put("allocation", facts[1])
                .put("startsAt", facts[2])
                .put("endsAt", facts[2])
                .put(
                        "childcare",
                        new JsonObject()
                                .put("offered", true)
                                .put("minAgeYears", 1)
                                .put("maxAgeYears", 6));
        JsonArray sessions = new JsonArray()
                .add(session.apply("later", new String[] {"published", "FIRST_COME", "2026-12-20T04:00:00Z"}))
                .add(session.apply("sooner", new String[] {"published", "FIRST_COME", "2026-12-10T04:00:00Z"}))
                .add(session.apply("draft", new String[] {"draft", "FIRST_COME", "2026-12-10T04:00:00Z"}))
                .add(session.apply("lottery", new String[] {"published", "LOTTERY", "2026-12-10T04:00:00Z"}))
                .add(session.apply("past", new String[] {"published", "FIRST_COME", "2026-11-10T04:00:00Z"}))
                .add(session.apply(FIRST, new String[] {"published", "FIRST_COME", "2026-12-10T04:00:00Z"}));
        List<CourseFormPages.DateChoice> choices = CourseFormPages.candidates(
                sessions,
                new JsonArray().add(course()),
                java.util.Set.of("later"),
                java.time.OffsetDateTime.parse("2026-12-01T00:00:00Z"),
                Language.JA);
        assertThat(choices).extracting(CourseFormPages.DateChoice::id).containsExactly("sooner", "later");
        assertThat(choices).extracting(CourseFormPages.DateChoice::chosen).containsExactly(false, true);
        assertThat(choices.get(0).childcare()).isEqualTo("託児あり（1〜6歳）");
    }
}
