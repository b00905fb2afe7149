package io.ibasho.event.rest;

import static io.ibasho.event.rest.TestData.createPublished;
import static io.ibasho.event.rest.TestData.createVenue;
import static io.ibasho.event.rest.TestData.organiser1;
import static io.ibasho.event.rest.TestData.tokyo;
import static io.ibasho.event.rest.TestData.uniqueArea;
import static io.ibasho.event.rest.TestData.venue;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.ibasho.testsupport.IbashoServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public list: filters, paging and their limits. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class PublicListTest {

    @Test
    void theListIsFilteredByDateVenueAreaKindChildcareAndOnlineAndPaged() {
        String area = uniqueArea();
        String withChildcare = createVenue(organiser1(), venue(area, "PUBLIC", true, List.of()));
        String withoutChildcare = createVenue(organiser1(), venue(area, "PUBLIC", false, List.of()));

        Map<String, Object> cafeBody = TestData.cafe(withChildcare, tokyo(40, 10, 0));
        cafeBody.put(
                "childcare",
                Map.of(
                        "minAgeYears",
                        0,
                        "maxAgeYears",
                        6,
                        "carers",
                        2,
                        "deadline",
                        tokyo(38, 17, 0).toString()));
        String cafe = createPublished(organiser1(), cafeBody);
        Map<String, Object> workshopBody = TestData.workshop(withoutChildcare, tokyo(41, 13, 30));
        workshopBody.remove("childcare");
        String workshop = createPublished(organiser1(), workshopBody);
        String freeSpace = createPublished(
                organiser1(),
                Map.of(
                        "kind",
                        "free-space",
                        "titleJa",
                        "フリースペース",
                        "titleEn",
                        "Free space",
                        "venueId",
                        withChildcare,
                        "startsAt",
                        tokyo(42, 10, 0).toString(),
                        "endsAt",
                        tokyo(42, 16, 0).toString()));
        String online = createPublished(organiser1(), TestData.online(tokyo(43, 9, 30)));

        given().queryParam("area", area)
                .get("/api/events/sessions")
                .then()
                .statusCode(200)
                .body("id", equalTo(List.of(cafe, workshop, freeSpace)))
                .body("titleEn", equalTo(List.of("Women's Café", "Aroma hand care", "Free space")))
                .body("venue.area", equalTo(List.of(area, area, area)));
        given().queryParam("area", area)
                .queryParam("kind", "free-space")
                .get("/api/events/sessions")
                .then()
                .statusCode(200)
                .body("id", equalTo(List.of(freeSpace)));
        given().queryParam("area", area)
                .queryParam("childcareOffered", true)
                .get("/api/events/sessions")
                .then()
                .statusCode(200)
                .body("id", equalTo(List.of(cafe)));
        given().queryParam("venueId", withChildcare)
                .get("/api/events/sessions")
                .then()
                .statusCode(200)
                .body("id", equalTo(List.of(cafe, freeSpace)));
        given().queryParam("area", area)
                .queryParam("from", tokyo(41, 0, 0).toLocalDate().toString())
                .queryParam("to", tokyo(42, 0, 0).toLocalDate().toString())
                .get("/api/events/sessions")
                .then()
                .statusCode(200)
                .body("id", equalTo(List.of(workshop)));
        given().queryParam("area", area)
                .queryParam("online", false)
                .get("/api/events/sessions")
                .then()
                .statusCode(200)
                .body("id", hasSize(3));
        given().queryParam("online", true)
                .queryParam("from", tokyo(43, 0, 0).toString())
                .queryParam("to", tokyo(43, 23, 0).toString())
                .queryParam("size", 100)
                .get("/api/events/sessions")
                .then()
                .statusCode(200)
                .body("id", hasItem(online))
                .body("id", not(hasItem(cafe)))
                .body("online", not(hasItem(false)));

        given().queryParam("area", area)
                .queryParam("size", 2)
                .get("/api/events/sessions")
                .then()
                .statusCode(200)
                .body("id", equalTo(List.of(cafe, workshop)));
        given().queryParam("area", area)
                .queryParam("size", 2)
                .queryParam("page", 1)
                .get("/api/events/sessions")
                .then()
                .statusCode(200)
                .body("id", equalTo(List.of(freeSpace)));
    }

    @Test
    void badFiltersAreProblems() {
        given().queryParam("size", 101)
                .get("/api/events/sessions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("page", -1).get("/api/events/sessions").then().statusCode(400);
        given().queryParam("from", "next tuesday")
                .get("/api/events/sessions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("kind", "party").get("/api/events/sessions").then().statusCode(400);
        given().queryParam("from", "2026-12-10")
                .queryParam("to", "2026-12-01")
                .get("/api/events/sessions")
                .then()
                .statusCode(400);
    }
}
