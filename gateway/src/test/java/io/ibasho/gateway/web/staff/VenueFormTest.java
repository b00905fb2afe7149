package io.ibasho.gateway.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.gateway.web.Language;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The venue form and a series' change from a date on, read into the event service's requests or into messages. */
class VenueFormTest {

    @Test
    void aPublicAddressNeedsTheAddressAndPartnerIdsTheirSpellingEachSaidBesideItsField() {
        Map<String, String> typed = new HashMap<>();
        typed.put("nameJa", "ひなた会館");
        typed.put("addressVisibility", "PUBLIC");
        typed.put("partnerGroups", "tsubomi、Bad_Id");
        typed.put("capacityCeiling", "0");

        VenueForm.Parsed parsed = VenueForm.read(typed, List.of(), List.of(), Language.JA);

        assertThat(parsed.errors()).containsOnlyKeys("address", "partnerGroups", "capacityCeiling");
        assertThat(parsed.errors().get("partnerGroups")).endsWith("Bad_Id");
    }

    @Test
    void wellSpeltPartnerIdsAreCheckedInTheSameSubmitAsAnAddressMistakeAndBothAreShown() {
        Map<String, String> typed = new HashMap<>();
        typed.put("nameJa", "ひなた会館");
        typed.put("addressVisibility", "PUBLIC");
        typed.put("partnerGroups", "tsubomii");

        VenueForm.Parsed parsed = VenueForm.read(typed, List.of(), List.of(), Language.JA);

        assertThat(parsed.errors()).containsOnlyKeys("address");
        assertThat(VenueForm.partnerGroupsToCheck(parsed)).containsExactly("tsubomii");
        Map<String, String> unknown =
                Map.of("partnerGroups", VenueForm.unknownPartnerGroups(List.of("tsubomii"), true));
        assertThat(VenueForm.everyMistake(parsed, unknown))
                .containsOnlyKeys("address", "partnerGroups")
                .containsEntry("partnerGroups", "この協力団体のIDは見つかりません。つづりを確かめてください: tsubomii");
        // a mistyped id is said by its spelling; Keycloak is not asked about it
        typed.put("partnerGroups", "Tsubomi!");
        assertThat(VenueForm.partnerGroupsToCheck(VenueForm.read(typed, List.of(), List.of(), Language.JA)))
                .isEmpty();
    }

    @Test
    void theSessionsThatKeepAVenueAreTheOnesHeldThere() {
        // as GET /api/events/sessions/mine answers: the venue as an object with its id
        JsonArray mine = new JsonArray()
                .add(new JsonObject().put("id", "s1").put("venue", new JsonObject().put("id", "v1")))
                .add(new JsonObject().put("id", "s2").put("venue", new JsonObject().put("id", "v2")))
                .add(new JsonObject().put("id", "s3"))
                .add(new JsonObject()
                        .put("id", "s4")
                        .put("venue", new JsonObject().put("id", "v1"))
                        .put("status", "cancelled"));
        assertThat(VenuePages.atVenue(mine, "v1"))
                .extracting(s -> s.getString("id"))
                .containsExactly("s1", "s4");
        assertThat(VenueText.of(Language.JA).get("venueInUseTitle")).isEqualTo("この会場は使われているため削除できません");
    }

    @Test
    void aRenamedRoomKeepsItsIdAndANewOneGetsTheNextFreeId() {
        Map<String, String> typed = new HashMap<>();
        typed.put("nameJa", "ひなた会館");
        typed.put("addressVisibility", "NEVER");
        typed.put("partnerGroups", "tsubomi tsubomi");
        typed.put("canHostChildcare", "1");
        List<List<String>> rows =
                VenueForm.withoutBlankRows(List.of("room-1", "washitsu", "", ""), List.of("大広間", "", "和室", " "));

        VenueForm.Parsed parsed = VenueForm.read(typed, rows.get(0), rows.get(1), Language.JA);

        assertThat(parsed.errors()).isEmpty();
        JsonObject request = parsed.request();
        assertThat(request.getJsonArray("rooms"))
                .isEqualTo(new JsonArray()
                        .add(new JsonObject().put("id", "room-1").put("nameJa", "大広間"))
                        .add(new JsonObject().put("id", "room-2").put("nameJa", "和室")));
        assertThat(request.getJsonArray("partnerGroups")).isEqualTo(new JsonArray().add("tsubomi"));
        assertThat(request.getBoolean("canHostChildcare")).isTrue();
        assertThat(request.getString("addressVisibility")).isEqualTo("NEVER");
    }

    @Test
    void theSessionFormsRoomMustBelongToTheChosenVenue() {
        Map<String, String> form = new HashMap<>(Map.of(
                "kind", "cafe",
                "titleJa", "カフェ",
                "date", "2027-01-12",
                "startTime", "10:00",
                "endTime", "12:00",
                "allocation", "NONE",
                "venueId", "v1",
                "roomId", "v2/washitsu"));
        assertThat(SessionForm.read(form, null, Language.JA).errors()).containsKey("roomId");
        form.put("roomId", "v1/washitsu");
        SessionForm.Parsed parsed = SessionForm.read(form, null, Language.JA);
        assertThat(parsed.errors()).doesNotContainKey("roomId");
        assertThat(parsed.request().getString("roomId")).isEqualTo("washitsu");
    }

    @Test
    void aSeriesOffersChildcareOnlyWhenTickedAndWithUsableNumbers() {
        Map<String, String> values = new HashMap<>(Map.of(
                "childcare", "1", "childMinAge", "3", "childMaxAge", "1", "carers", "2", "childcareHoursBefore", "48"));
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        assertThat(SeriesPages.childcare(values, errors, true)).isNull();
        assertThat(errors).containsOnlyKeys("childMaxAge");

        values.put("childMaxAge", "6");
        errors.clear();
        assertThat(SeriesPages.childcare(values, errors, true))
                .isEqualTo(new JsonObject()
                        .put("minAgeYears", 3)
                        .put("maxAgeYears", 6)
                        .put("carers", 2)
                        .put("deadlineHoursBefore", 48));
        assertThat(errors).isEmpty();

        values.put("childcare", "");
        assertThat(SeriesPages.childcare(values, errors, true)).isNull();
        assertThat(errors).isEmpty();
    }

    private static JsonObject series() {
        return new JsonObject()
                .put("id", "s1")
                .put("rrule", "FREQ=MONTHLY;BYDAY=2TU")
                .put("firstStart", "2027-01-12T10:00:00")
                .put("durationMinutes", 120)
                .put("count", 3)
                .put("kind", "cafe")
                .put("titleJa", "ひだまりカフェ")
                .put("venueId", "v1")
                .put("allocation", "NONE")
                .put(
                        "occurrences",
                        new JsonArray()
                                .add(occurrence("a", "2027-01-12T01:00:00Z", "2027-01-12T03:00:00Z", "published", null))
                                .add(occurrence("b", "2027-02-09T01:00:00Z", "2027-02-09T03:00:00Z", "published", null))
                                .add(occurrence(
                                        "c", "2027-03-09T04:00:00Z", "2027-03-09T06:00:00Z", "published", "CHANGED")));
    }

    private static JsonObject occurrence(String id, String starts, String ends, String status, String override) {
        return new JsonObject()
                .put("sessionId", id)
                .put("startsAt", starts)
                .put("endsAt", ends)
                .put("status", status)
                .put("override", override);
    }

    @Test
    void aChangeFromADateKeepsTheSeriesEnd() {
        Map<String, String> values = new HashMap<>(SeriesChangePages.valuesOf(series()));
        assertThat(values).containsEntry("startTime", "10:00").containsEntry("endTime", "12:00");
        values.put("from", "2027-02-09");
        values.put("startTime", "14:00");
        values.put("endTime", "16:00");
        LocalDate today = LocalDate.parse("2027-01-20");

        assertThat(SeriesChangePages.check(series(), values, today, Language.JA))
                .isEmpty();
        // which dates it changes is the event service's own preview (SeriesResourceTest), shown as it answers

        JsonObject request = SeriesChangePages.request(series(), values);
        assertThat(request.getString("firstStart")).isEqualTo("2027-02-09T14:00");
        assertThat(request.getInteger("durationMinutes")).isEqualTo(120);
        assertThat(request.getInteger("count")).isEqualTo(2);
        assertThat(request.getString("rrule")).isEqualTo("FREQ=MONTHLY;BYDAY=2TU");

        // a date already past, or not of the series, is no place to start
        values.put("from", "2027-01-12");
        assertThat(SeriesChangePages.check(series(), values, today, Language.JA))
                .containsKey("from");
    }
}
