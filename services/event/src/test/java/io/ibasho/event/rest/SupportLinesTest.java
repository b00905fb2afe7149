package io.ibasho.event.rest;

import static io.ibasho.event.rest.TestData.organiser2;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 相談窓口: organisers keep their own list; anyone reads every list without an account. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class SupportLinesTest {
    private static Map<String, Object> line(String name, String phone) {
        return Map.of("nameJa", name, "phone", phone, "hoursJa", "平日 9:00〜17:00", "helpsWithJa", "くらしの相談");
    }

    private static void replace(List<Map<String, Object>> lines, int status) {
        given().auth()
                .oauth2(organiser2())
                .contentType(ContentType.JSON)
                .body(Map.of("lines", lines))
                .put("/api/events/support-lines/mine")
                .then()
                .statusCode(status);
    }

    @Test
    void anOrganisationReplacesItsListAndAnyoneReadsItInOrder() {
        replace(List.of(line("DV相談ナビ", "#8008"), line("女性相談", "0120-000-000")), 200);
        replace(List.of(line("女性相談", "0120-000-000"), line("DV相談ナビ", "#8008")), 200);
        List<String> names = given().queryParam("organisation", "minato")
                .get("/api/events/support-lines")
                .then()
                .statusCode(200)
                .body("organisationId", hasItems("minato"))
                .extract()
                .path("nameJa");
        assertThat(names).containsExactly("女性相談", "DV相談ナビ");
        List<String> everyOrganisation = given().get("/api/events/support-lines")
                .then()
                .statusCode(200)
                .extract()
                .path("organisationId");
        assertThat(everyOrganisation).contains("minato");
        given().auth()
                .oauth2(organiser2())
                .get("/api/events/support-lines/mine")
                .then()
                .statusCode(200)
                .body("[0].nameJa", equalTo("女性相談"));

        replace(List.of(), 200);
        given().queryParam("organisation", "minato")
                .get("/api/events/support-lines")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    /** Two organisers (or a double tap) saving at once: both succeed, and one whole list is what remains. */
    @Test
    void savesAtOnceAllSucceedAndLeaveOneWholeList() throws Exception {
        String token = organiser2();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> given().auth()
                        .oauth2(token)
                        .contentType(ContentType.JSON)
                        .body(Map.of("lines", List.of(line("女性相談", "0120-000-000"), line("DV相談ナビ", "#8008"))))
                        .put("/api/events/support-lines/mine")
                        .statusCode()));
            }
            for (var answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> names = given().auth()
                .oauth2(token)
                .get("/api/events/support-lines/mine")
                .then()
                .extract()
                .path("nameJa");
        assertThat(names).containsExactly("女性相談", "DV相談ナビ");
    }

    @Test
    void onlyOrganisersChangeTheirOwnListAndBadLinesAreNamed() {
        given().contentType(ContentType.JSON)
                .body(Map.of("lines", List.of()))
                .put("/api/events/support-lines/mine")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .contentType(ContentType.JSON)
                .body(Map.of("lines", List.of()))
                .put("/api/events/support-lines/mine")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(organiser2())
                .contentType(ContentType.JSON)
                .body(Map.of("lines", List.of(Map.of("nameJa", " ", "phone", "call me"))))
                .put("/api/events/support-lines/mine")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "violations.message",
                        hasItems(
                                "a line needs nameJa",
                                "a line's phone may hold digits, #, +, -, spaces and brackets only"));
    }
}
