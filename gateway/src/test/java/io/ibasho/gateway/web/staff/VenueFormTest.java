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
                .containsEntry("partnerGroups", "この協力団体は、この組織の協力団体に見つかりません。一覧から選び直してください: tsubomii");
        // a mistyped id is said by its spelling; Keycloak is not asked about it
        typed.put("partnerGroups", "Tsubomi!");
        assertThat(VenueForm.partnerGroupsToCheck(VenueForm.read(typed, List.of(), List.of(), Language.JA)))
                .isEmpty();
    }

    @Test
    void theAreaInEnglishIsOptionalAndHasItsLimitLikeTheJapanese() {
        Map<String, String> typed = new HashMap<>();
        typed.put("nameJa", "ひなた会館");
        typed.put("addressVisibility", "NEVER");
        typed.put("area", "ひなた区");
        typed.put("areaEn", " Hinata Ward ");

        VenueForm.Parsed parsed = VenueForm.read(typed, List.of(), List.of(), Language.EN);
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.request().getString("area")).isEqualTo("ひなた区");
        assertThat(parsed.request().getString("areaEn")).isEqualTo("Hinata Ward");

        typed.put("areaEn", "x".repeat(101));
        assertThat(VenueForm.read(typed, List.of(), List.of(), Language.EN).errors())
                .containsOnlyKeys("areaEn");
        typed.put("areaEn", " ");
        assertThat(VenueForm.read(typed, List.of(), List.of(), Language.EN)
                        .request()
                        .getString("areaEn"))
                .isNull();
        // a stored venue's English area is back in its field; the service's refusal of it is beside that field
        assertThat(VenueForm.valuesOf(new JsonObject().put("areaEn", "Hinata Ward")))
                .containsEntry("areaEn", "Hinata Ward");
        assertThat(VenueForm.fieldOf("update.request.areaEn")).isEqualTo("areaEn");
        assertThat(VenueForm.message("AREA_EN_TOO_LONG", "x", Language.JA)).isEqualTo("英語の地域は100文字までです。");
    }

    /**
     * Partner groups are ticked from her organisation's list, not typed: the venue's links stay offered (ticked) even
     * when the list no longer has them, so saving never drops one she did not untick.
     */
    @Test
    void thePartnerGroupsToTickAreHerOrganisationsAndTheVenuesOwnLinks() {
        List<VenueForm.PartnerChoice> fresh =
                VenueForm.partnerChoices(List.of("tsubomi", "himawari"), List.of(), null, Language.JA);
        assertThat(fresh)
                .containsExactly(
                        new VenueForm.PartnerChoice("himawari", "himawari", false),
                        new VenueForm.PartnerChoice("tsubomi", "tsubomi", false));

        JsonObject linked = new JsonObject()
                .put("partnerGroups", new JsonArray().add("tsubomi").add("left-group"));
        List<VenueForm.PartnerChoice> editing = VenueForm.partnerChoices(
                List.of("tsubomi", "himawari"),
                VenueForm.linked(linked),
                VenueForm.valuesOf(linked).get("partnerGroups"),
                Language.EN);
        assertThat(editing)
                .containsExactly(
                        new VenueForm.PartnerChoice("himawari", "himawari", false),
                        new VenueForm.PartnerChoice(
                                "left-group", "left-group (not found among your organisation's partner groups)", true),
                        new VenueForm.PartnerChoice("tsubomi", "tsubomi", true));

        // the list could not be read: the venue's own links only, none said to be missing
        assertThat(VenueForm.partnerChoices(null, VenueForm.linked(linked), "tsubomi", Language.JA))
                .containsExactly(
                        new VenueForm.PartnerChoice("left-group", "left-group", false),
                        new VenueForm.PartnerChoice("tsubomi", "tsubomi", true));

        // a form sent back to her keeps what she ticked, also an id the list never offered (refused beside the field)
        assertThat(VenueForm.partnerChoices(
                        List.of(), List.of(), VenueForm.ticked(List.of("hinata-only")), Language.JA))
                .containsExactly(new VenueForm.PartnerChoice("hinata-only", "hinata-only（この組織の協力団体に見つかりません）", true));
        // the ticked boxes are read as the one field the form checks
        Map<String, String> typed = new HashMap<>();
        typed.put("nameJa", "ひなた会館");
        typed.put("addressVisibility", "NEVER");
        typed.put("partnerGroups", VenueForm.ticked(List.of("tsubomi", "himawari", "tsubomi")));
        assertThat(VenueForm.read(typed, List.of(), List.of(), Language.JA)
                        .request()
                        .getJsonArray("partnerGroups"))
                .isEqualTo(new JsonArray().add("tsubomi").add("himawari"));
    }

    /** The codes a venue's request can carry, as docs/errors.md lists them (the event service checks the same list). */
    static java.util.Set<String> venueCodes() throws java.io.IOException {
        String docs = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/errors.md"));
        int marker = docs.indexOf("<!-- venue-request-codes");
        assertThat(marker).as("docs/errors.md lists the venue request's codes").isPositive();
        int start = docs.indexOf("```", marker) + 3;
        java.util.Set<String> codes = new java.util.TreeSet<>();
        for (String line : docs.substring(start, docs.indexOf("```", start)).split("\n")) {
            if (!line.isBlank()) {
                codes.add(line.strip());
            }
        }
        return codes;
    }

    @Test
    void everyCodeOfTheVenueRequestIsWordedInJapaneseAndEnglish() throws java.io.IOException {
        java.util.Set<String> codes = venueCodes();
        assertThat(codes).contains("AREA_EN_TOO_LONG", "NAME_JA_REQUIRED", "ROOM_IDS_NOT_UNIQUE");
        String sentinel = "the service's own words";
        for (String code : codes) {
            assertThat(VenueForm.message(code, sentinel, Language.JA))
                    .as("ja wording for %s", code)
                    .isNotEqualTo(sentinel)
                    .matches(".*[ぁ-んァ-ン一-龥].*")
                    .endsWith("。");
            assertThat(VenueForm.message(code, sentinel, Language.EN))
                    .as("en wording for %s", code)
                    .isNotEqualTo(sentinel)
                    .doesNotMatch(".*[ぁ-んァ-ン一-龥].*")
                    .endsWith(".");
        }
        // a code newer than the form keeps the service's words rather than none
        assertThat(VenueForm.message("SOMETHING_NEW", sentinel, Language.JA)).isEqualTo(sentinel);
    }

    @Test
    void theVenueListShowsTheAreaInHerLanguage() {
        JsonObject venue = new JsonObject()
                .put("id", "v1")
                .put("nameJa", "ひなた会館")
                .put("nameEn", "Hinata Hall")
                .put("area", "ひなた区")
                .put("areaEn", "Hinata Ward")
                .put("addressVisibility", "NEVER");
        assertThat(VenuePages.row(venue, Language.EN).area()).isEqualTo("Hinata Ward");
        assertThat(VenuePages.row(venue, Language.JA).area()).isEqualTo("ひなた区");
        venue.remove("areaEn");
        assertThat(VenuePages.row(venue, Language.EN).area()).isEqualTo("ひなた区");
        assertThat(PartnerPages.partnerArea(venue, Language.EN)).isEqualTo("ひなた区");
        assertThat(PartnerPages.partnerArea(venue.put("areaEn", "Hinata Ward"), Language.EN))
                .isEqualTo("Hinata Ward");
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
