package io.ibasho.event.rest;

import static io.ibasho.event.rest.TestData.ATTENDEES_ADDRESS;
import static io.ibasho.event.rest.TestData.MEETING_LINK;
import static io.ibasho.event.rest.TestData.SHELTER_ADDRESS;
import static io.ibasho.event.rest.TestData.createPublished;
import static io.ibasho.event.rest.TestData.createSession;
import static io.ibasho.event.rest.TestData.createVenue;
import static io.ibasho.event.rest.TestData.organiser1;
import static io.ibasho.event.rest.TestData.organiser2;
import static io.ibasho.event.rest.TestData.tokyo;
import static io.ibasho.event.rest.TestData.uniqueArea;
import static io.ibasho.event.rest.TestData.venue;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.TestServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

/** The partner API and the iCalendar feeds: the schedule without addresses that are not PUBLIC or meeting links. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class PartnerAndFeedTest {

    private static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    private static VEvent event(Calendar calendar, String sessionId) {
        return calendar.<VEvent>getComponents(Component.VEVENT).stream()
                .filter(e -> e.getProperty(Property.UID)
                        .map(Property::getValue)
                        .orElseThrow()
                        .equals(sessionId + "@ibasho"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no event for " + sessionId));
    }

    private static String value(VEvent event, String property) {
        return event.<Property>getProperty(property).map(Property::getValue).orElse(null);
    }

    private static List<String> uids(Calendar calendar) {
        return calendar.<VEvent>getComponents(Component.VEVENT).stream()
                .map(e -> e.getProperty(Property.UID).map(Property::getValue).orElseThrow())
                .toList();
    }

    /**
     * "Changes since your last visit": the first visit has none to start from (the screen shows the last 7 days); a
     * reload within the same visit answers the same, so the changes she reads do not vanish. Kept per account.
     */
    @Test
    void aPartnersVisitsAreRecordedPerAccountAndAReloadIsTheSameVisit() {
        String partner = Tokens.accessToken("partner1");
        var first = given().auth().oauth2(partner).post("/api/events/partner/visits");
        first.then().statusCode(200);
        String before = first.jsonPath().getString("previousVisitAt");
        // the class's other tests may have visited already: either way a reload is the same visit
        given().auth()
                .oauth2(partner)
                .post("/api/events/partner/visits")
                .then()
                .statusCode(200)
                .body("previousVisitAt", org.hamcrest.Matchers.equalTo(before));
        given().auth()
                .oauth2(organiser1())
                .post("/api/events/partner/visits")
                .then()
                .statusCode(403);
        given().post("/api/events/partner/visits").then().statusCode(401);
    }

    @Test
    void aPartnerSeesTheScheduleOfItsLinkedVenuesAndWhatChangedSince() {
        String linked = createVenue(organiser1(), venue(uniqueArea(), "ATTENDEES_ONLY", true, List.of("tsubomi")));
        String shelter = createVenue(organiser1(), venue(uniqueArea(), "NEVER", true, List.of("tsubomi", "kaede")));
        String unlinked = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", true, List.of("kaede")));
        String atLinked = createPublished(organiser1(), TestData.workshop(linked, tokyo(18, 13, 30)));
        String atShelter = createPublished(organiser1(), TestData.cafe(shelter, tokyo(18, 10, 0)));
        String atUnlinked = createPublished(organiser1(), TestData.cafe(unlinked, tokyo(18, 10, 0)));
        String draft = createSession(organiser1(), TestData.cafe(linked, tokyo(19, 10, 0)));

        String partner = Tokens.accessToken("partner1");
        String schedule = given().auth()
                .oauth2(partner)
                .get("/api/events/partner/sessions")
                .then()
                .statusCode(200)
                .body("id", hasItem(atLinked))
                .body("id", hasItem(atShelter))
                .body("id", not(hasItem(atUnlinked)))
                .body("id", not(hasItem(draft)))
                .extract()
                .asString();
        assertThat(schedule)
                .doesNotContain(SHELTER_ADDRESS)
                .doesNotContain(ATTENDEES_ADDRESS)
                .doesNotContain(MEETING_LINK)
                .doesNotContain("meetingLink")
                .doesNotContain("attendee");
        given().auth()
                .oauth2(partner)
                .get("/api/events/partner/venues")
                .then()
                .statusCode(200)
                .body("id", hasItem(linked))
                .body("id", not(hasItem(unlinked)));

        OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC);
        given().auth()
                .oauth2(organiser1())
                .post("/api/events/sessions/" + atShelter + "/cancel")
                .then()
                .statusCode(200);
        String changes = given().auth()
                .oauth2(partner)
                .queryParam("changedSince", since.toString())
                .get("/api/events/partner/sessions")
                .then()
                .statusCode(200)
                .body("id", hasItem(atShelter))
                .body("id", not(hasItem(atLinked)))
                .extract()
                .asString();
        assertThat(changes).contains("\"status\":\"cancelled\"").doesNotContain(SHELTER_ADDRESS);

        // a partner's system with its client-credentials token sees the same
        String clientToken = Tokens.clientToken(
                TestServers.get().keycloak().realmUrl(), "partner-tsubomi", "partner-local-secret-change-me");
        given().auth()
                .oauth2(clientToken)
                .get("/api/events/partner/sessions")
                .then()
                .statusCode(200)
                .body("id", hasItem(atLinked));

        given().auth()
                .oauth2(organiser1())
                .get("/api/events/partner/sessions")
                .then()
                .statusCode(403);
        given().get("/api/events/partner/sessions").then().statusCode(401);
        given().auth()
                .oauth2(partner)
                .queryParam("changedSince", "yesterday")
                .get("/api/events/partner/sessions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aVenueFeedHasStableUidsGrowingSequencesCancellationsAndOnlyPublicAddresses() throws Exception {
        String open = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", true, List.of()));
        Map<String, Object> cafe = TestData.cafe(open, tokyo(22, 10, 0));
        String changed = createPublished(organiser1(), cafe);
        cafe.put("startsAt", tokyo(22, 11, 0).toString());
        cafe.put("endsAt", tokyo(22, 13, 0).toString());
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(cafe)
                .put("/api/events/sessions/" + changed)
                .then()
                .statusCode(200);
        String cancelled = createPublished(organiser1(), TestData.cafe(open, tokyo(23, 10, 0)));
        given().auth()
                .oauth2(organiser1())
                .post("/api/events/sessions/" + cancelled + "/cancel")
                .then()
                .statusCode(200);
        String draft = createSession(organiser1(), TestData.cafe(open, tokyo(24, 10, 0)));

        String ics = given().get("/api/events/feeds/venues/" + open + ".ics")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/calendar"))
                .extract()
                .asString();
        Calendar calendar = parse(ics);
        assertThat(uids(calendar)).containsExactlyInAnyOrder(changed + "@ibasho", cancelled + "@ibasho");
        assertThat(uids(calendar)).doesNotContain(draft + "@ibasho");
        VEvent moved = event(calendar, changed);
        assertThat(value(moved, Property.SEQUENCE)).isEqualTo("1");
        assertThat(value(moved, Property.STATUS)).isEqualTo("CONFIRMED");
        assertThat(value(moved, Property.LOCATION)).contains("架空県ひなた市ひかり町1-1-1");
        assertThat(moved.getProperty(Property.DTSTART).orElseThrow().getParameter("TZID"))
                .get()
                .extracting(p -> ((net.fortuna.ical4j.model.Parameter) p).getValue())
                .isEqualTo("Asia/Tokyo");
        VEvent gone = event(calendar, cancelled);
        assertThat(value(gone, Property.STATUS)).isEqualTo("CANCELLED");
        assertThat(value(gone, Property.SEQUENCE)).isEqualTo("1");

        String shelter = createVenue(organiser1(), venue(uniqueArea(), "NEVER", true, List.of()));
        String atShelter = createPublished(organiser1(), TestData.cafe(shelter, tokyo(22, 10, 0)));
        String shelterIcs = given().get("/api/events/feeds/venues/" + shelter + ".ics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(shelterIcs).doesNotContain(SHELTER_ADDRESS).doesNotContain("しずか町");
        assertThat(event(parse(shelterIcs), atShelter).getProperty(Property.LOCATION))
                .isEmpty();

        given().get("/api/events/feeds/venues/not-a-venue.ics").then().statusCode(404);
    }

    @Test
    void secretFeedsOpenWithTheirTokenUntilRotated() throws Exception {
        String linked = createVenue(organiser1(), venue(uniqueArea(), "ATTENDEES_ONLY", true, List.of("tsubomi")));
        String unlinked = createVenue(organiser1(), venue(uniqueArea(), "NEVER", true, List.of()));
        String atLinked = createPublished(organiser1(), TestData.cafe(linked, tokyo(26, 10, 0)));
        String atUnlinked = createPublished(organiser1(), TestData.cafe(unlinked, tokyo(26, 10, 0)));
        String online = createPublished(organiser1(), TestData.online(tokyo(26, 21, 0)));
        String otherOrganisation = createPublished(organiser2(), TestData.online(tokyo(26, 21, 0)));

        String first = given().auth()
                .oauth2(organiser1())
                .post("/api/events/feeds/organisation/rotate")
                .then()
                .statusCode(200)
                .extract()
                .path("url");
        assertThat(first).matches("/api/events/feeds/private/[A-Za-z0-9_-]{43}\\.ics");
        String ics = given().get(first)
                .then()
                .statusCode(200)
                .contentType(startsWith("text/calendar"))
                .extract()
                .asString();
        assertThat(uids(parse(ics)))
                .contains(atLinked + "@ibasho", atUnlinked + "@ibasho", online + "@ibasho")
                .doesNotContain(otherOrganisation + "@ibasho");
        assertThat(ics)
                .doesNotContain(MEETING_LINK)
                .doesNotContain("meet.example.invalid")
                .doesNotContain(SHELTER_ADDRESS)
                .doesNotContain(ATTENDEES_ADDRESS);

        String second = given().auth()
                .oauth2(organiser1())
                .post("/api/events/feeds/organisation/rotate")
                .then()
                .statusCode(200)
                .extract()
                .path("url");
        given().get(first).then().statusCode(404);
        given().get(second).then().statusCode(200);

        String partnerFeed = given().auth()
                .oauth2(organiser1())
                .post("/api/events/feeds/partner-groups/tsubomi/rotate")
                .then()
                .statusCode(200)
                .extract()
                .path("url");
        List<String> partnerUids = uids(
                parse(given().get(partnerFeed).then().statusCode(200).extract().asString()));
        assertThat(partnerUids)
                .contains(atLinked + "@ibasho")
                .doesNotContain(atUnlinked + "@ibasho", online + "@ibasho");
        // the group rotates its own feed when its URL leaked: a new URL with the same schedule, the old one gone
        String rotatedByPartner = given().auth()
                .oauth2(Tokens.accessToken("partner1"))
                .post("/api/events/partner/feed/rotate")
                .then()
                .statusCode(200)
                .extract()
                .path("url");
        assertThat(rotatedByPartner).isNotEqualTo(partnerFeed);
        given().get(partnerFeed).then().statusCode(404);
        assertThat(uids(parse(given().get(rotatedByPartner)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())))
                .contains(atLinked + "@ibasho")
                .doesNotContain(atUnlinked + "@ibasho", online + "@ibasho");
        given().auth()
                .oauth2(organiser1())
                .post("/api/events/partner/feed/rotate")
                .then()
                .statusCode(403);

        given().get("/api/events/feeds/private/" + "A".repeat(43) + ".ics")
                .then()
                .statusCode(404);
        given().post("/api/events/feeds/organisation/rotate").then().statusCode(401);
        given().auth()
                .oauth2(Tokens.accessToken("partner1"))
                .post("/api/events/feeds/organisation/rotate")
                .then()
                .statusCode(403);
    }

    @Test
    void rotationsOfOneFeedAtOnceAllSucceedAndExactlyOneUrlWorks() throws Exception {
        String token = Tokens.accessToken("partner1");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<io.restassured.response.Response>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> given().auth().oauth2(token).post("/api/events/partner/feed/rotate")));
            }
            List<String> urls = new java.util.ArrayList<>();
            for (var answer : answers) {
                io.restassured.response.Response response = answer.get();
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
                urls.add(response.path("url"));
            }
            long working = urls.stream()
                    .filter(url -> given().get(url).statusCode() == 200)
                    .count();
            assertThat(working).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
