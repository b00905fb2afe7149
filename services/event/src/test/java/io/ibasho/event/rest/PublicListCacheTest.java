package io.ibasho.event.rest;

import static io.ibasho.event.rest.TestData.createPublished;
import static io.ibasho.event.rest.TestData.createVenue;
import static io.ibasho.event.rest.TestData.organiser1;
import static io.ibasho.event.rest.TestData.tokyo;
import static io.ibasho.event.rest.TestData.uniqueArea;
import static io.ibasho.event.rest.TestData.venue;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.TestServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The public list's copy (docs/adr/0051): a strong ETag and 304, a short public max-age, and a new list (and ETag) as
 * soon as a session is published or cancelled here, or a session is changed by another replica (a write on another
 * connection: only the commit's NOTIFY can tell this replica). A request with a token is never cacheable. Requests
 * that arrive while a copy is being made wait for it (docs/adr/0073).
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class PublicListCacheTest {
    @Inject
    MeterRegistry meters;

    @Test
    void anETagAndA304UntilAPublishOrACancellationChangesTheList() {
        String area = uniqueArea();
        String venueId = createVenue(organiser1(), venue(area, "PUBLIC", false, List.of()));
        String first = createPublished(organiser1(), TestData.cafe(venueId, tokyo(50, 10, 0)));

        Response answer = list(area, null);
        answer.then()
                .statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", matchesPattern("public, max-age=[1-5]"))
                .body("id", equalTo(List.of(first)));
        String etag = answer.header("ETag");
        assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
        assertThat(list(area, null).header("ETag"))
                .as("the same list, the same ETag")
                .isEqualTo(etag);

        Response unchanged = list(area, etag);
        unchanged.then().statusCode(304).header("ETag", equalTo(etag));
        assertThat(unchanged.asByteArray()).isEmpty();
        list(area, "\"something-else\", W/" + etag).then().statusCode(304);

        String second = createPublished(organiser1(), TestData.cafe(venueId, tokyo(51, 10, 0)));
        Response afterPublish = list(area, etag);
        afterPublish.then().statusCode(200).body("id", equalTo(List.of(first, second)));
        String etagAfterPublish = afterPublish.header("ETag");
        assertThat(etagAfterPublish).isNotEqualTo(etag);

        given().auth()
                .oauth2(organiser1())
                .post("/api/events/sessions/" + first + "/cancel")
                .then()
                .statusCode(200);
        Response afterCancel = list(area, etagAfterPublish);
        afterCancel.then().statusCode(200).body("id", equalTo(List.of(second)));
        assertThat(afterCancel.header("ETag")).isNotIn(etag, etagAfterPublish);
    }

    @Test
    void aChangeCommittedByAnotherReplicaReachesThisReplicasCopyAtOnce() throws Exception {
        String area = uniqueArea();
        String venueId = createVenue(organiser1(), venue(area, "PUBLIC", false, List.of()));
        String session = createPublished(organiser1(), TestData.cafe(venueId, tokyo(52, 10, 0)));
        long copied = System.nanoTime();
        String etag = list(area, null).then().statusCode(200).extract().header("ETag");

        // another replica (another connection, no request to this one) renames the session
        try (var db = DriverManager.getConnection(TestServers.get().postgres().jdbcUrl("event"), "postgres", "");
                var rename = db.prepareStatement("update session set title_en = 'Renamed café' where id = ?")) {
            rename.setObject(1, UUID.fromString(session));
            assertThat(rename.executeUpdate()).isEqualTo(1);
        }
        Awaitility.await()
                .pollInterval(Duration.ofMillis(50))
                .atMost(Duration.ofSeconds(10))
                .until(() -> list(area, etag).statusCode() == 200);
        assertThat(Duration.ofNanos(System.nanoTime() - copied))
                .as("changed before the copy's 5 s would have run out: the commit's notification dropped it")
                .isLessThan(Duration.ofSeconds(5));
        list(area, null).then().body("titleEn", equalTo(List.of("Renamed café")));
    }

    @Test
    void aRequestWithATokenGetsTheListButNothingCacheable() {
        String area = uniqueArea();
        String venueId = createVenue(organiser1(), venue(area, "PUBLIC", false, List.of()));
        String session = createPublished(organiser1(), TestData.cafe(venueId, tokyo(53, 10, 0)));
        String etag = list(area, null).header("ETag");

        given().auth()
                .oauth2(organiser1())
                .header("If-None-Match", etag)
                .queryParam("area", area)
                .get("/api/events/sessions")
                .then()
                .statusCode(200)
                .header("Cache-Control", equalTo("no-store"))
                .header("ETag", nullValue())
                .body("id", equalTo(List.of(session)));
        // her own and staff-only answers stay no-store
        given().auth()
                .oauth2(organiser1())
                .get("/api/events/sessions/" + session + "/manage")
                .then()
                .statusCode(200)
                .header("ETag", nullValue())
                .header("Cache-Control", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("public")));
    }

    @Test
    void requestsThatArriveWhileTheCopyIsBeingMadeWaitForItInsteadOfAskingTheDatabaseThemselves() throws Exception {
        String area = uniqueArea();
        String venueId = createVenue(organiser1(), venue(area, "PUBLIC", false, List.of()));
        String session = createPublished(organiser1(), TestData.cafe(venueId, tokyo(54, 10, 0)));
        int requests = 24;
        double queriesBefore = publicList("query");
        double joinedBefore = publicList("joined");

        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        // the sessions table held by another connection: the first request's query waits, and so does everyone
        try (var db = DriverManager.getConnection(TestServers.get().postgres().jdbcUrl("event"), "postgres", "")) {
            db.setAutoCommit(false);
            db.createStatement().execute("lock table session in access exclusive mode");
            URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/events/sessions?area=" + area);
            for (int i = 0; i < requests; i++) {
                answers.add(http.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
            }
            Awaitility.await()
                    .pollInterval(Duration.ofMillis(50))
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> publicList("query") - queriesBefore + publicList("joined") - joinedBefore >= requests);
            assertThat(answers).noneMatch(CompletableFuture::isDone);
            db.rollback();
        }

        double queries = publicList("query") - queriesBefore;
        // a change notified late (the session published just before) may start one more copy; never one per request
        assertThat(queries).as("queries for %d requests at once", requests).isBetween(1.0, 2.0);
        assertThat(publicList("joined") - joinedBefore).isGreaterThanOrEqualTo(requests - queries);
        Set<String> etags = new HashSet<>();
        for (var answer : answers) {
            HttpResponse<String> response = answer.get(20, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains(session);
            etags.add(response.headers().firstValue("ETag").orElseThrow());
            assertThat(response.headers().firstValue("Cache-Control"))
                    .as("the copy's whole max-age, however long the wait for it")
                    .contains("public, max-age=5");
        }
        assertThat(etags).as("one list for all of them").hasSizeBetween(1, (int) queries);
        double fromCopyBefore = publicList("copy");
        list(area, null).then().statusCode(200);
        assertThat(publicList("copy") - fromCopyBefore)
                .as("then answered from the copy")
                .isEqualTo(1.0);
    }

    private double publicList(String result) {
        return meters.get("ibasho.event.public.list")
                .tag("result", result)
                .functionCounter()
                .count();
    }

    private static Response list(String area, String ifNoneMatch) {
        var request = given().queryParam("area", area);
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return request.get("/api/events/sessions");
    }
}
