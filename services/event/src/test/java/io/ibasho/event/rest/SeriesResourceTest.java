package io.ibasho.event.rest;

import static io.ibasho.event.rest.TestData.createVenue;
import static io.ibasho.event.rest.TestData.eventOfType;
import static io.ibasho.event.rest.TestData.events;
import static io.ibasho.event.rest.TestData.organiser1;
import static io.ibasho.event.rest.TestData.organiser2;
import static io.ibasho.event.rest.TestData.uniqueArea;
import static io.ibasho.event.rest.TestData.venue;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import io.ibasho.contracts.EventTypes;
import io.ibasho.event.schedule.TokyoTime;
import io.ibasho.testsupport.IbashoServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Series expansion and single-occurrence edits that survive series edits, against real PostgreSQL and Kafka. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class SeriesResourceTest {

    private static Map<String, Object> weeklyCafe(String venueId, LocalDateTime firstStart) {
        Map<String, Object> series = new HashMap<>();
        series.put("rrule", "FREQ=WEEKLY");
        series.put("firstStart", firstStart.toString());
        series.put("durationMinutes", 120);
        series.put("count", 4);
        series.put("kind", "cafe");
        series.put("titleJa", "ひだまりカフェ");
        series.put("titleEn", "Hidamari Café");
        series.put("venueId", venueId);
        series.put("roomId", "washitsu");
        series.put("capacity", 15);
        return series;
    }

    /** A weekly café series of four dates created and published by organiser1, its third date then cancelled. */
    private record PublishedSeries(Map<String, Object> request, String id, List<String> sessionIds) {}

    private static PublishedSeries publishedWeeklyCafeWithThirdDateCancelled(LocalDate firstDay) {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", true, List.of()));
        Map<String, Object> request = weeklyCafe(venueId, firstDay.atTime(10, 0));
        String seriesId = createSeries(request);
        List<String> ids = publishSeries(seriesId).getList("occurrences.sessionId");
        given().auth()
                .oauth2(organiser1())
                .post("/api/events/sessions/" + ids.get(2) + "/cancel")
                .then()
                .statusCode(200);
        return new PublishedSeries(request, seriesId, ids);
    }

    /** Posts a series as organiser1 and answers the response to check. */
    private static ValidatableResponse postSeries(Map<String, Object> request) {
        return given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(request)
                .post("/api/events/series")
                .then()
                .log()
                .ifValidationFails();
    }

    private static String createSeries(Map<String, Object> request) {
        return postSeries(request).statusCode(201).extract().path("id");
    }

    private static JsonPath publishSeries(String seriesId) {
        return given().auth()
                .oauth2(organiser1())
                .post("/api/events/series/" + seriesId + "/publish")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Changes the whole series as organiser1. */
    private static JsonPath editSeries(String seriesId, Map<String, Object> request) {
        return given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(request)
                .put("/api/events/series/" + seriesId)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static Map<String, Map<String, Object>> occurrencesBySessionId(JsonPath series) {
        Map<String, Map<String, Object>> byId = new HashMap<>();
        series.<Map<String, Object>>getList("occurrences").forEach(o -> byId.put((String) o.get("sessionId"), o));
        return byId;
    }

    /** A copy of the request with one field changed. */
    private static Map<String, Object> with(Map<String, Object> request, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(request);
        changed.put(field, value);
        return changed;
    }

    private static OffsetDateTime start(JsonPath series, int index) {
        return OffsetDateTime.parse(series.getString("occurrences[" + index + "].startsAt"));
    }

    /**
     * Twenty weekly dates reach beyond the three months' horizon: only those within it are stored yet, and the series
     * says how far they reach and which date comes next, so the organiser does not take the stored dates for all.
     */
    @Test
    void aSeriesLongerThanTheHorizonSaysHowFarItsDatesAreMade() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", true, List.of()));
        LocalDate firstDay = LocalDate.now(TokyoTime.ZONE).plusDays(7);
        Map<String, Object> request = with(weeklyCafe(venueId, firstDay.atTime(10, 0)), "count", 20);
        JsonPath created = postSeries(request).statusCode(201).extract().jsonPath();
        LocalDate madeThrough = LocalDate.now(TokyoTime.ZONE).plusMonths(3).minusDays(1);
        assertThat(created.getString("datesMadeThrough")).isEqualTo(madeThrough.toString());
        List<String> starts = created.getList("occurrences.startsAt");
        assertThat(starts).hasSizeLessThan(20).isNotEmpty();
        LocalDate lastMade = OffsetDateTime.parse(starts.getLast()).toLocalDate();
        assertThat(lastMade).isBeforeOrEqualTo(madeThrough);
        LocalDate next = LocalDate.parse(created.getString("nextDateToMake"));
        assertThat(next).isAfter(madeThrough).isEqualTo(lastMade.plusWeeks(1));

        given().auth()
                .oauth2(organiser1())
                .get("/api/events/series/" + created.getString("id"))
                .then()
                .statusCode(200)
                .body("datesMadeThrough", equalTo(madeThrough.toString()))
                .body("nextDateToMake", equalTo(next.toString()));

        // four dates within the horizon: all are made, nothing comes later
        JsonPath short4 = postSeries(weeklyCafe(venueId, firstDay.plusDays(1).atTime(10, 0)))
                .statusCode(201)
                .extract()
                .jsonPath();
        assertThat(short4.getList("occurrences")).hasSize(4);
        assertThat(short4.getString("datesMadeThrough")).isEqualTo(madeThrough.toString());
        assertThat(short4.getString("nextDateToMake")).isNull();
    }

    @Test
    void aSeriesExpandsAndOneOccurrencesOwnEditsSurviveASeriesEdit() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", true, List.of()));
        LocalDate firstDay = LocalDate.now(TokyoTime.ZONE).plusDays(7);
        Map<String, Object> request = weeklyCafe(venueId, firstDay.atTime(10, 0));

        JsonPath created = given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(request)
                .post("/api/events/series")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201)
                .body("status", equalTo("draft"))
                .extract()
                .jsonPath();
        String seriesId = created.getString("id");
        assertThat(created.getList("occurrences")).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(start(created, i))
                    .isEqualTo(firstDay.plusWeeks(i)
                            .atTime(10, 0)
                            .atZone(TokyoTime.ZONE)
                            .toOffsetDateTime());
            assertThat(created.getString("occurrences[" + i + "].status")).isEqualTo("draft");
        }
        assertThat(created.getString("occurrences[0].recurrenceId"))
                .isEqualTo(firstDay.toString().replace("-", "") + "T100000");

        JsonPath published = given().auth()
                .oauth2(organiser1())
                .post("/api/events/series/" + seriesId + "/publish")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(published.getList("occurrences.status")).containsOnly("published");
        List<String> ids = published.getList("occurrences.sessionId");
        given().get("/api/events/sessions/" + ids.get(0)).then().statusCode(200).body("seriesId", equalTo(seriesId));

        // occurrence 2 moves an hour later with fewer places; occurrence 3 is cancelled
        OffsetDateTime second = start(published, 1);
        Map<String, Object> moved = TestData.cafe(venueId, second.plusHours(1));
        moved.put("capacity", 5);
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(moved)
                .put("/api/events/sessions/" + ids.get(1))
                .then()
                .statusCode(200)
                .body("occurrenceOverride", equalTo("CHANGED"));
        given().auth()
                .oauth2(organiser1())
                .post("/api/events/sessions/" + ids.get(2) + "/cancel")
                .then()
                .statusCode(200)
                .body("occurrenceOverride", equalTo("CANCELLED"));

        // the series moves to 10:30, grows to 20 places and is renamed
        request.put("firstStart", firstDay.atTime(10, 30).toString());
        request.put("capacity", 20);
        request.put("titleJa", "ひだまりカフェ（冬）");
        JsonPath edited = editSeries(seriesId, request);

        Map<String, Map<String, Object>> byId = occurrencesBySessionId(edited);
        assertThat(byId).hasSize(4);

        for (int i : new int[] {0, 3}) {
            Map<String, Object> followed = byId.get(ids.get(i));
            assertThat(OffsetDateTime.parse((String) followed.get("startsAt")).toLocalTime())
                    .isEqualTo(LocalTime.of(10, 30));
            assertThat(followed.get("capacity")).isEqualTo(20);
            assertThat(followed.get("titleJa")).isEqualTo("ひだまりカフェ（冬）");
            assertThat(followed.get("status")).isEqualTo("published");
            assertThat(followed.get("sequence")).isEqualTo(1);
            assertThat((String) followed.get("recurrenceId")).endsWith("T103000");
        }
        Map<String, Object> keptChange = byId.get(ids.get(1));
        assertThat(OffsetDateTime.parse((String) keptChange.get("startsAt")).isEqual(second.plusHours(1)))
                .isTrue();
        assertThat(keptChange.get("capacity")).isEqualTo(5);
        assertThat(keptChange.get("titleJa")).isEqualTo("ウィメンズカフェ");
        assertThat(keptChange.get("override")).isEqualTo("CHANGED");
        assertThat(byId.get(ids.get(2)).get("status")).isEqualTo("cancelled");

        JsonNode changed =
                eventOfType(events(ids.get(0), 2), EventTypes.EVENT_CHANGED).path("data");
        assertThat(changed.path("changed")).extracting(JsonNode::asText).contains("time", "capacity", "title");
        assertThat(changed.path("seriesId").asText()).isEqualTo(seriesId);
        // the individually changed occurrence got only its own change, nothing from the series edit: counted up to its
        // cancellation now, the marker after everything the series edit could have caused
        given().auth()
                .oauth2(organiser1())
                .post("/api/events/sessions/" + ids.get(1) + "/cancel")
                .then()
                .statusCode(200);
        List<JsonNode> ofTheChangedOne = TestData.eventsUntil(ids.get(1), EventTypes.EVENT_CANCELLED);
        assertThat(ofTheChangedOne).hasSize(3); // its two from before, then the marker
        assertThat(ofTheChangedOne.get(2).path("type").asText()).isEqualTo(EventTypes.EVENT_CANCELLED);
    }

    /** The screens show what a new repeat rule would do before it is saved: the same plan, nothing stored. */
    @Test
    void aPreviewOfANewRepeatRuleSaysWhichDatesComeAndGoAndChangesNothing() {
        LocalDate firstDay = LocalDate.now(TokyoTime.ZONE).plusDays(7);
        PublishedSeries series = publishedWeeklyCafeWithThirdDateCancelled(firstDay);
        Map<String, Object> request = series.request();
        String seriesId = series.id();
        List<String> ids = series.sessionIds();

        // from the second date on, two days later in the week, three times
        LocalDate from = firstDay.plusWeeks(1);
        LocalDate newFirst = from.plusDays(2);
        Map<String, Object> later = new HashMap<>(request);
        later.put("rrule", "FREQ=WEEKLY;BYDAY=" + newFirst.getDayOfWeek().name().substring(0, 2));
        later.put("firstStart", newFirst.atTime(10, 0).toString());
        later.put("count", 3);
        JsonPath preview = given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(later)
                .post("/api/events/series/" + seriesId + "/from/" + from + "/preview")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(preview.getList("dates.day", String.class))
                .containsExactly(
                        from.toString(),
                        newFirst.toString(),
                        from.plusWeeks(1).toString(),
                        newFirst.plusWeeks(1).toString(),
                        from.plusWeeks(2).toString(),
                        newFirst.plusWeeks(2).toString());
        assertThat(preview.getList("dates.change", String.class))
                .containsExactly("REMOVED", "ADDED", "OWN", "ADDED", "REMOVED", "ADDED");
        assertThat(preview.getString("dates[0].sessionId")).isEqualTo(ids.get(1));
        assertThat(preview.getString("dates[0].startsAfter")).isNull();
        assertThat(OffsetDateTime.parse(preview.getString("dates[1].startsAfter")))
                .isEqualTo(newFirst.atTime(10, 0).atZone(TokyoTime.ZONE).toOffsetDateTime());
        assertThat(preview.getString("dates[2].sessionId")).isEqualTo(ids.get(2));

        // nothing changed: the series still has its four dates, the later ones published
        given().auth()
                .oauth2(organiser1())
                .get("/api/events/series/" + seriesId)
                .then()
                .statusCode(200)
                .body("lastDay", org.hamcrest.Matchers.nullValue())
                .body("occurrences.sessionId", org.hamcrest.Matchers.contains(ids.toArray()))
                .body("occurrences[3].status", equalTo("published"));
        // the same refusals as the change itself, by field
        Map<String, Object> lotteryRulesOnFirstCome = new HashMap<>(later);
        lotteryRulesOnFirstCome.put("allocation", "FIRST_COME");
        lotteryRulesOnFirstCome.put("lottery", Map.of("priorityTiers", List.of("はじめての方")));
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(lotteryRulesOnFirstCome)
                .post("/api/events/series/" + seriesId + "/from/" + from + "/preview")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("lottery"));
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(later)
                .post("/api/events/series/" + seriesId + "/from/" + LocalDate.now(TokyoTime.ZONE) + "/preview")
                .then()
                .statusCode(422)
                .body("violations.field", hasItem("from"));
        given().auth()
                .oauth2(organiser2())
                .contentType(ContentType.JSON)
                .body(later)
                .post("/api/events/series/" + seriesId + "/from/" + from + "/preview")
                .then()
                .statusCode(404);
    }

    /**
     * An organiser finds her series again in a list of her organisation's own (with its next date), never another's;
     * another organisation's series is not found, not forbidden.
     */
    @Test
    void theSeriesListHoldsHerOrganisationsSeriesWithTheirNextDateAndNoOneElses() {
        LocalDate firstDay = LocalDate.now(TokyoTime.ZONE).plusDays(5);
        PublishedSeries series = publishedWeeklyCafeWithThirdDateCancelled(firstDay);
        JsonPath mine = given().auth()
                .oauth2(organiser1())
                .get("/api/events/series")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Object> listed = mine.<Map<String, Object>>getList("").stream()
                .filter(s -> series.id().equals(s.get("id")))
                .findFirst()
                .orElseThrow();
        assertThat(listed.get("titleJa")).isEqualTo("ひだまりカフェ");
        assertThat(listed.get("status")).isEqualTo("published");
        assertThat(listed.get("rrule")).isEqualTo("FREQ=WEEKLY");
        assertThat(listed.get("nextSessionId")).isEqualTo(series.sessionIds().get(0));
        assertThat(OffsetDateTime.parse((String) listed.get("nextStartsAt")))
                .isEqualTo(firstDay.atTime(10, 0).atZone(TokyoTime.ZONE).toOffsetDateTime());

        List<String> theirs = given().auth()
                .oauth2(organiser2())
                .get("/api/events/series")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("id");
        assertThat(theirs).doesNotContain(series.id());
        given().auth()
                .oauth2(organiser2())
                .get("/api/events/series/" + series.id())
                .then()
                .statusCode(404);
    }

    /**
     * 対象, 内容・プログラム and the English title go to every date a series makes, and a change from a date on carries
     * new ones to the dates from then on while the earlier dates keep theirs.
     */
    @Test
    void audienceProgrammeAndEnglishTitleGoToEveryDateAndChangeFromADateOn() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", true, List.of()));
        LocalDate firstDay = LocalDate.now(TokyoTime.ZONE).plusDays(7);
        Map<String, Object> request = weeklyCafe(venueId, firstDay.atTime(10, 0));
        request.put("titleEn", "Women's Café");
        request.put("targetAudienceJa", "女性の方");
        request.put("flyer", Map.of("descriptionJa", "お茶を飲みながらおしゃべりします。", "feeYen", 100));
        String seriesId = createSeries(request);
        JsonPath published = publishSeries(seriesId);
        assertThat(published.getString("targetAudienceJa")).isEqualTo("女性の方");
        assertThat(published.getString("flyer.descriptionJa")).isEqualTo("お茶を飲みながらおしゃべりします。");
        List<String> ids = published.getList("occurrences.sessionId");
        assertThat(ids).hasSize(4);
        for (String id : ids) {
            given().get("/api/events/sessions/" + id)
                    .then()
                    .statusCode(200)
                    .body("titleEn", equalTo("Women's Café"))
                    .body("targetAudienceJa", equalTo("女性の方"))
                    .body("flyer.descriptionJa", equalTo("お茶を飲みながらおしゃべりします。"))
                    .body("flyer.feeYen", equalTo(100));
        }

        LocalDate from = firstDay.plusWeeks(2);
        Map<String, Object> later = new HashMap<>(request);
        later.put("firstStart", from.atTime(10, 0).toString());
        later.put("count", 2);
        later.put("titleEn", "Women's Café (new room)");
        later.put("targetAudienceJa", "女性とお子さん");
        later.put("flyer", Map.of("descriptionJa", "絵本の読み聞かせもあります。"));
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(later)
                .post("/api/events/series/" + seriesId + "/from/" + from)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201)
                .body("targetAudienceJa", equalTo("女性とお子さん"))
                .body("flyer.descriptionJa", equalTo("絵本の読み聞かせもあります。"));
        for (int i = 0; i < 4; i++) {
            boolean changed = i >= 2;
            given().get("/api/events/sessions/" + ids.get(i))
                    .then()
                    .statusCode(200)
                    .body("titleEn", equalTo(changed ? "Women's Café (new room)" : "Women's Café"))
                    .body("targetAudienceJa", equalTo(changed ? "女性とお子さん" : "女性の方"))
                    .body("flyer.descriptionJa", equalTo(changed ? "絵本の読み聞かせもあります。" : "お茶を飲みながらおしゃべりします。"));
        }
    }

    @Test
    void aSeriesChangedFromADateOnMovesThoseDatesInPlaceAndLeavesTheEarlierOnesAndTheOwnChanges() {
        LocalDate firstDay = LocalDate.now(TokyoTime.ZONE).plusDays(7);
        // the third date is cancelled on its own
        PublishedSeries series = publishedWeeklyCafeWithThirdDateCancelled(firstDay);
        Map<String, Object> request = series.request();
        String seriesId = series.id();
        List<String> ids = series.sessionIds();

        LocalDate from = firstDay.plusWeeks(1);
        Map<String, Object> later = new HashMap<>(request);
        later.put("firstStart", from.atTime(13, 0).toString());
        later.put("count", 3);
        later.put("capacity", 8);
        // today is not "from a date on": today's session is changed on its own
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(later)
                .post("/api/events/series/" + seriesId + "/from/" + LocalDate.now(TokyoTime.ZONE))
                .then()
                .statusCode(422)
                .body("violations.field", hasItem("from"));
        // another organisation's series is not found
        given().auth()
                .oauth2(organiser2())
                .contentType(ContentType.JSON)
                .body(later)
                .post("/api/events/series/" + seriesId + "/from/" + from)
                .then()
                .statusCode(404);

        JsonPath changed = given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(later)
                .post("/api/events/series/" + seriesId + "/from/" + from)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201)
                .body("status", equalTo("published"))
                .extract()
                .jsonPath();
        // the same rows (their bookings stay with them), at 13:00 with 8 places; the own cancellation kept
        assertThat(changed.getList("occurrences.sessionId", String.class))
                .containsExactly(ids.get(1), ids.get(2), ids.get(3));
        assertThat(start(changed, 0))
                .isEqualTo(from.atTime(13, 0).atZone(TokyoTime.ZONE).toOffsetDateTime());
        assertThat(changed.getInt("occurrences[0].capacity")).isEqualTo(8);
        assertThat(changed.getString("occurrences[1].status")).isEqualTo("cancelled");
        assertThat(changed.getString("occurrences[1].override")).isEqualTo("CANCELLED");
        assertThat(start(changed, 2))
                .isEqualTo(
                        from.plusWeeks(2).atTime(13, 0).atZone(TokyoTime.ZONE).toOffsetDateTime());
        assertThat(changed.getString("occurrences[2].status")).isEqualTo("published");
        given().get("/api/events/sessions/" + ids.get(3))
                .then()
                .statusCode(200)
                .body("seriesId", equalTo(changed.getString("id")));

        // the first series ends the day before, its first date as it was
        JsonPath before = given().auth()
                .oauth2(organiser1())
                .get("/api/events/series/" + seriesId)
                .then()
                .statusCode(200)
                .body("lastDay", equalTo(from.minusDays(1).toString()))
                .extract()
                .jsonPath();
        assertThat(before.getList("occurrences.sessionId", String.class)).containsExactly(ids.get(0));
        assertThat(start(before, 0))
                .isEqualTo(firstDay.atTime(10, 0).atZone(TokyoTime.ZONE).toOffsetDateTime());
        assertThat(before.getInt("occurrences[0].capacity")).isEqualTo(15);
    }

    @Test
    void aSeriesShorterThanBeforeCancelsTheOccurrencesItNoLongerHas() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", true, List.of()));
        Map<String, Object> request =
                weeklyCafe(venueId, LocalDate.now(TokyoTime.ZONE).plusDays(3).atTime(14, 0));
        request.put("roomId", "hall");
        String seriesId = createSeries(request);
        List<String> ids = publishSeries(seriesId).getList("occurrences.sessionId");

        request.put("count", 2);
        JsonPath edited = editSeries(seriesId, request);
        assertThat(edited.getList("occurrences.status"))
                .containsExactly("published", "published", "cancelled", "cancelled");
        assertThat(eventOfType(events(ids.get(3), 2), EventTypes.EVENT_CANCELLED)
                        .path("data")
                        .path("sessionId")
                        .asText())
                .isEqualTo(ids.get(3));
    }

    private static Map<String, Object> weeklyWorkshop(String venueId, LocalDateTime firstStart) {
        Map<String, Object> series = new HashMap<>();
        series.put("rrule", "FREQ=WEEKLY");
        series.put("firstStart", firstStart.toString());
        series.put("durationMinutes", 120);
        series.put("count", 3);
        series.put("kind", "workshop");
        series.put("titleJa", "アロマハンドケア講座");
        series.put("titleEn", "Aroma hand-care workshop");
        series.put("targetAudienceJa", "子育て中の女性");
        series.put("venueId", venueId);
        series.put("roomId", "hall");
        series.put("capacity", 10);
        series.put("allocation", "LOTTERY");
        series.put("applicationOpensDaysBefore", 14);
        series.put("applicationClosesHoursBefore", 72);
        series.put("lottery", Map.of("priorityTiers", List.of("初めての方", "その他"), "childcareRequiredToWin", false));
        series.put(
                "childcare",
                Map.of("minAgeYears", 1, "maxAgeYears", 6, "carers", 2, "maxChildren", 6, "deadlineHoursBefore", 96));
        return series;
    }

    private static OffsetDateTime at(Map<String, Object> occurrence, String field) {
        return OffsetDateTime.parse((String) occurrence.get(field));
    }

    @Test
    void aWorkshopSeriesGivesEachOccurrenceItsOwnApplicationWindowAndKeepsIndividualChanges() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", true, List.of("tsubomi")));
        LocalDate firstDay = LocalDate.now(TokyoTime.ZONE).plusDays(10);
        Map<String, Object> request = weeklyWorkshop(venueId, firstDay.atTime(13, 30));

        JsonPath created = given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(request)
                .post("/api/events/series")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201)
                .body("kind", equalTo("workshop"))
                .body("allocation", equalTo("LOTTERY"))
                .body("applicationOpensDaysBefore", equalTo(14))
                .body("applicationClosesHoursBefore", equalTo(72))
                .extract()
                .jsonPath();
        String seriesId = created.getString("id");
        List<Map<String, Object>> occurrences = created.getList("occurrences");
        assertThat(occurrences).hasSize(3);
        for (Map<String, Object> occurrence : occurrences) {
            OffsetDateTime start = at(occurrence, "startsAt");
            assertThat(at(occurrence, "applicationOpensAt")).isEqualTo(start.minusDays(14));
            assertThat(at(occurrence, "applicationClosesAt")).isEqualTo(start.minusHours(72));
        }

        List<String> ids = given().auth()
                .oauth2(organiser1())
                .post("/api/events/series/" + seriesId + "/publish")
                .then()
                .statusCode(200)
                .extract()
                .path("occurrences.sessionId");
        OffsetDateTime firstStart = at(occurrences.get(0), "startsAt");
        given().get("/api/events/sessions/" + ids.get(0))
                .then()
                .statusCode(200)
                .body("kind", equalTo("workshop"))
                .body("allocation", equalTo("LOTTERY"))
                .body("capacity", equalTo(10))
                .body("targetAudienceJa", equalTo("子育て中の女性"));
        JsonNode published =
                eventOfType(events(ids.get(0), 1), EventTypes.EVENT_PUBLISHED).path("data");
        assertThat(published.path("kind").asText()).isEqualTo("workshop");
        assertThat(published.path("allocation").asText()).isEqualTo("LOTTERY");
        assertThat(published.path("bookingRequired").asBoolean()).isTrue();
        assertThat(published.path("seriesId").asText()).isEqualTo(seriesId);
        assertThat(OffsetDateTime.parse(published.path("applicationClosesAt").asText()))
                .isEqualTo(firstStart.minusHours(72));
        assertThat(OffsetDateTime.parse(published.path("applicationOpensAt").asText()))
                .isEqualTo(firstStart.minusDays(14));
        assertThat(published.path("venuePartnerGroups"))
                .extracting(JsonNode::asText)
                .containsExactly("tsubomi");
        // the template's lottery rules are every occurrence's
        assertThat(published.path("lottery").path("priority"))
                .extracting(JsonNode::asText)
                .containsExactly("初めての方", "その他");
        assertThat(published.path("lottery").path("childcareRequiredToWin").asBoolean())
                .isFalse();
        assertThat(published.path("lottery").path("oneWinPerMonth").asBoolean()).isFalse();
        // ... and so is its childcare offer, the deadline counted back from this occurrence's start
        JsonNode childcare = published.path("childcare");
        assertThat(childcare.path("offered").asBoolean()).isTrue();
        assertThat(childcare.path("minAgeYears").asInt()).isEqualTo(1);
        assertThat(childcare.path("maxAgeYears").asInt()).isEqualTo(6);
        assertThat(childcare.path("carers").asInt()).isEqualTo(2);
        assertThat(childcare.path("maxChildren").asInt()).isEqualTo(6);
        assertThat(OffsetDateTime.parse(childcare.path("deadline").asText())).isEqualTo(firstStart.minusHours(96));

        // the second workshop closes applications a day earlier than the others, on its own
        OffsetDateTime secondStart = at(occurrences.get(1), "startsAt");
        Map<String, Object> own = new HashMap<>();
        own.put("kind", "workshop");
        own.put("titleJa", "アロマハンドケア講座");
        own.put("startsAt", secondStart.toString());
        own.put("endsAt", secondStart.plusHours(2).toString());
        own.put("capacity", 10);
        own.put("allocation", "LOTTERY");
        own.put("venueId", venueId);
        own.put("roomId", "hall");
        own.put("applicationOpensAt", secondStart.minusDays(14).toString());
        own.put("applicationClosesAt", secondStart.minusHours(96).toString());
        own.put("lottery", Map.of("priorityTiers", List.of("初めての方", "その他"), "childcareRequiredToWin", false));
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(own)
                .put("/api/events/sessions/" + ids.get(1))
                .then()
                .statusCode(200)
                .body("occurrenceOverride", equalTo("CHANGED"));

        // the series now closes applications 48 hours before, has 12 seats and becomes first come; the first
        // occurrence's applications are open (they opened 14 days before it, 4 days ago), so it keeps its frozen
        // lottery rules and seats and takes only the later deadline (docs/lottery.md, "What is frozen")
        request.put("applicationClosesHoursBefore", 48);
        request.put("capacity", 12);
        request.put("allocation", "FIRST_COME");
        request.remove("lottery");
        JsonPath edited = editSeries(seriesId, request);
        Map<String, Map<String, Object>> byId = occurrencesBySessionId(edited);
        for (int i : new int[] {0, 2}) {
            Map<String, Object> followed = byId.get(ids.get(i));
            assertThat(at(followed, "applicationClosesAt"))
                    .isEqualTo(at(followed, "startsAt").minusHours(48));
            assertThat(followed.get("sequence")).isEqualTo(1);
        }
        Map<String, Object> kept = byId.get(ids.get(1));
        assertThat(at(kept, "applicationClosesAt")).isEqualTo(secondStart.minusHours(96));
        assertThat(kept.get("override")).isEqualTo("CHANGED");
        given().get("/api/events/sessions/" + ids.get(1)).then().body("allocation", equalTo("LOTTERY"));
        given().get("/api/events/sessions/" + ids.get(0))
                .then()
                .body("allocation", equalTo("LOTTERY"))
                .body("capacity", equalTo(10))
                .body("lottery.priorityTiers", equalTo(List.of("初めての方", "その他")));
        given().get("/api/events/sessions/" + ids.get(2))
                .then()
                .body("allocation", equalTo("FIRST_COME"))
                .body("capacity", equalTo(12));

        JsonNode frozen =
                eventOfType(events(ids.get(0), 2), EventTypes.EVENT_CHANGED).path("data");
        assertThat(frozen.path("changed")).extracting(JsonNode::asText).containsExactly("application-window");
        assertThat(frozen.path("allocation").asText()).isEqualTo("LOTTERY");
        JsonNode changed =
                eventOfType(events(ids.get(2), 2), EventTypes.EVENT_CHANGED).path("data");
        assertThat(changed.path("changed")).extracting(JsonNode::asText).contains("application-window", "allocation");
        assertThat(changed.path("allocation").asText()).isEqualTo("FIRST_COME");
        assertThat(changed.path("lottery").isNull()).isTrue();
        assertThat(changed.path("venuePartnerGroups"))
                .extracting(JsonNode::asText)
                .containsExactly("tsubomi");
    }

    @Test
    void aWorkshopSeriesWithoutAUsableApplicationWindowIsAProblem() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", true, List.of()));
        Map<String, Object> request = weeklyWorkshop(
                venueId, LocalDate.now(TokyoTime.ZONE).plusDays(10).atTime(13, 30));

        Map<String, Object> noWindow = new HashMap<>(request);
        noWindow.remove("applicationOpensDaysBefore");
        noWindow.remove("applicationClosesHoursBefore");
        noWindow.remove("capacity");
        postSeries(noWindow)
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", containsString("/session-rules"))
                .body(
                        "violations.field",
                        org.hamcrest.Matchers.hasItems(
                                "applicationOpensDaysBefore", "applicationClosesHoursBefore", "capacity"))
                .body(
                        "violations.code",
                        org.hamcrest.Matchers.hasItems(
                                "APPLICATION_OPENS_REQUIRED", "DEADLINE_REQUIRED", "CAPACITY_REQUIRED"));

        postSeries(with(request, "applicationClosesHoursBefore", 0))
                .statusCode(422)
                .body("violations.code", hasItem("DEADLINE_NOT_BEFORE_START"))
                .body("violations.field", hasItem("applicationClosesHoursBefore"));

        postSeries(with(request, "applicationOpensDaysBefore", 2))
                .statusCode(422)
                .body("violations.code", hasItem("APPLICATION_OPENS_NOT_BEFORE_DEADLINE"));

        postSeries(with(request, "allocation", "NONE"))
                .statusCode(422)
                .body("violations.code", hasItem("ALLOCATION_REQUIRED"));

        postSeries(with(request, "allocation", "FIRST_COME"))
                .statusCode(422)
                .body("violations.code", hasItem("LOTTERY_SETTINGS_WITHOUT_LOTTERY"));

        postSeries(with(request, "kind", "free-space"))
                .statusCode(422)
                .body("violations.code", hasItem("FREE_SPACE_HAS_NO_BOOKING"));

        postSeries(with(
                        request,
                        "childcare",
                        Map.of("minAgeYears", 1, "maxAgeYears", 6, "carers", 2, "deadlineHoursBefore", -2)))
                .statusCode(422)
                .body("violations.code", hasItem("CHILDCARE_DEADLINE_AFTER_START"))
                .body("violations.field", hasItem("childcare.deadlineHoursBefore"));

        // childcare at a venue that cannot host it: every occurrence is checked as a session
        String noChildcareVenue = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", false, List.of()));
        postSeries(with(request, "venueId", noChildcareVenue))
                .statusCode(422)
                .body("violations.code", hasItem("CHILDCARE_VENUE_UNSUITABLE"));

        postSeries(with(request, "applicationOpensDaysBefore", 400))
                .statusCode(400)
                .body("violations.field", hasItem("applicationOpensDaysBefore"));

        // a workshop occurrence is still checked as a session: more places than the venue holds
        postSeries(with(request, "capacity", 99))
                .statusCode(422)
                .body("violations.code", hasItem("CAPACITY_ABOVE_VENUE_CEILING"));
    }

    @Test
    void badSeriesAreProblemsAndOtherOrganisationsSeriesAreNotFound() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", true, List.of()));
        Map<String, Object> request =
                weeklyCafe(venueId, LocalDate.now(TokyoTime.ZONE).plusDays(5).atTime(10, 0));

        postSeries(with(request, "rrule", "FREQ=HOURLY"))
                .statusCode(422)
                .body("type", containsString("/invalid-schedule"))
                .body("violations.code", hasItem("RRULE_UNSUPPORTED_FREQUENCY"));

        postSeries(with(request, "rrule", "EVERY SECOND TUESDAY"))
                .statusCode(422)
                .body("violations.field", hasItem("rrule"));

        postSeries(with(request, "kind", "party")).statusCode(400).body("violations.field", hasItem("kind"));

        String seriesId = createSeries(request);
        given().auth()
                .oauth2(organiser2())
                .get("/api/events/series/" + seriesId)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(organiser2())
                .post("/api/events/series/" + seriesId + "/publish")
                .then()
                .statusCode(404);
        // a second series in the same room at the same times is a double booking
        postSeries(request).statusCode(422).body("violations.code", hasItem("ROOM_DOUBLE_BOOKED"));
    }
}
