package io.ibasho.notification.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.ibasho.contracts.EventTypes;
import io.ibasho.notification.support.Db;
import io.ibasho.notification.support.Events;
import io.ibasho.notification.support.TestMailbox;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A partner group's digest contact (its own group only, proven by a code) and the weekly digest of the sessions at its
 * linked venues: public facts, once per group and week. Real SMTP (GreenMail); the job is invoked with the time.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class PartnerDigestTest {
    @Inject
    WeeklyDigest digest;

    @BeforeAll
    static void mailServer() {
        TestMailbox.start();
    }

    private static String partnerSystem() {
        return Tokens.clientToken(
                ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class),
                "partner-tsubomi",
                "partner-local-secret-change-me");
    }

    /** A double tap on a group's first save (or two staff at once) must not turn into a 409 for one of them. */
    @Test
    void firstSavesAtOnceAllSucceed() throws Exception {
        String token = partnerSystem();
        Db.update("delete from partner_contact where partner_group = 'tsubomi'");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> given().auth()
                        .oauth2(token)
                        .contentType("application/json")
                        .body("{\"language\":\"en\",\"weeklyDigest\":false}")
                        .put("/api/notifications/partner-contact")
                        .statusCode()));
            }
            for (var answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Db.count("select count(*) from partner_contact where partner_group = 'tsubomi'"))
                .isEqualTo(1);
    }

    @Test
    void theContactIsTheGroupsOwnAndNeedsACode() {
        given().get("/api/notifications/partner-contact").then().statusCode(401);
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/notifications/partner-contact")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .get("/api/notifications/partner-contact")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.accessToken("partner1"))
                .contentType("application/json")
                .body("{\"language\":\"ja\",\"weeklyDigest\":true}")
                .put("/api/notifications/partner-contact")
                .then()
                .statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("email-not-verified"));
        given().auth()
                .oauth2(Tokens.accessToken("partner1"))
                .contentType("application/json")
                .body("{\"code\":\"123456\"}")
                .post("/api/notifications/partner-contact/email/verify")
                .then()
                .statusCode(409);
        given().auth()
                .oauth2(Tokens.accessToken("partner1"))
                .contentType("application/json")
                .body("{\"language\":\"fr\",\"weeklyDigest\":true}")
                .put("/api/notifications/partner-contact")
                .then()
                .statusCode(400);
    }

    @Test
    void theWeeklyDigestListsTheLinkedVenuesSessionsOncePerWeek() throws Throwable {
        String address = "tsubomi-" + UUID.randomUUID() + "@partner.example";
        given().auth()
                .oauth2(Tokens.accessToken("partner1"))
                .contentType("application/json")
                .body("{\"address\":\"" + address + "\"}")
                .post("/api/notifications/partner-contact/email")
                .then()
                .statusCode(202);
        String code = TestMailbox.codeIn(
                TestMailbox.awaitCount(address, 1, Duration.ofSeconds(20)).get(0));
        given().auth()
                .oauth2(Tokens.accessToken("partner1"))
                .contentType("application/json")
                .body("{\"code\":\"" + code + "\"}")
                .post("/api/notifications/partner-contact/email/verify")
                .then()
                .statusCode(200)
                .body("emailVerified", equalTo(true));
        // The partner system (client credentials, same group) sees and sets the same contact.
        given().auth()
                .oauth2(partnerSystem())
                .contentType("application/json")
                .body("{\"language\":\"en\",\"weeklyDigest\":true}")
                .put("/api/notifications/partner-contact")
                .then()
                .statusCode(200)
                .body("weeklyDigest", equalTo(true))
                .body("emailAddress", equalTo("t***@partner.example"));

        String ours = "venue-" + UUID.randomUUID().toString().substring(0, 8);
        String theirs = "venue-" + UUID.randomUUID().toString().substring(0, 8);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID soon = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        UUID elsewhere = UUID.randomUUID();
        UUID farAway = UUID.randomUUID();
        Events.session(
                EventTypes.EVENT_PUBLISHED,
                soon,
                "春のカフェ",
                "Spring cafe " + soon,
                "cafe",
                "FIRST_COME",
                ours,
                "ひだまり会館（架空）",
                "Hidamari Hall (fictional)",
                "[\"tsubomi\"]",
                now.plusDays(3),
                now.plusDays(3).plusHours(2),
                0,
                null);
        Events.session(
                EventTypes.EVENT_PUBLISHED,
                cancelled,
                "雨のカフェ",
                "Rainy cafe " + cancelled,
                "cafe",
                "FIRST_COME",
                ours,
                "[\"tsubomi\"]",
                now.plusDays(10),
                now.plusDays(10).plusHours(2),
                0,
                null);
        Events.sessionCancelled(cancelled, ours, 1);
        Events.session(
                EventTypes.EVENT_PUBLISHED,
                elsewhere,
                "よそのカフェ",
                "Other cafe " + elsewhere,
                "cafe",
                "FIRST_COME",
                theirs,
                "[\"himawari\"]",
                now.plusDays(3),
                now.plusDays(3).plusHours(2),
                0,
                null);
        Events.session(
                EventTypes.EVENT_PUBLISHED,
                farAway,
                "秋のカフェ",
                "Autumn cafe " + farAway,
                "cafe",
                "FIRST_COME",
                ours,
                "[\"tsubomi\"]",
                now.plusDays(60),
                now.plusDays(60).plusHours(2),
                0,
                null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count(
                                        "select count(*) from session_copy where id in (?,?,?,?)",
                                        soon,
                                        cancelled,
                                        elsewhere,
                                        farAway)
                                == 4
                        && Db.count(
                                        "select count(*) from session_copy where id = ? and status = 'CANCELLED'",
                                        cancelled)
                                == 1);

        Instant thisWeek = Instant.now();
        int sent = VertxContextSupport.subscribeAndAwait(() -> digest.sendAll(thisWeek));
        assertThat(sent).isEqualTo(1);
        List<TestMailbox.Received> mails = TestMailbox.awaitCount(address, 2, Duration.ofSeconds(20));
        TestMailbox.Received weekly = mails.get(1);
        assertThat(weekly.senderName()).isEqualTo("Ibasho");
        // the venue by its public name (an event from an older producer without names still shows its id)
        assertThat(weekly.body())
                .contains(
                        "Spring cafe " + soon + "  – Hidamari Hall (fictional)",
                        "Rainy cafe " + cancelled + "  [" + ours + "]  (cancelled)")
                .doesNotContain("Other cafe " + elsewhere)
                .doesNotContain("Autumn cafe " + farAway)
                .doesNotContain("@");

        // Again in the same week (a restart, a second replica): nothing.
        assertThat(VertxContextSupport.subscribeAndAwait(() -> digest.sendAll(thisWeek.plusSeconds(60))))
                .isZero();
        // sendAll mails itself and waits for the mail server's answer: none sent means none on its way
        assertThat(TestMailbox.to(address)).hasSize(2);
        // The next week the mail server is down: nothing is sent (and it is dead-lettered) and nothing is marked sent,
        // so the job's next run in the same week sends it once the server is back.
        TestMailbox.stop();
        try {
            assertThat(VertxContextSupport.subscribeAndAwait(() -> digest.sendAll(thisWeek.plus(Duration.ofDays(7)))))
                    .isZero();
        } finally {
            TestMailbox.start();
        }
        // (the restarted mail server starts with an empty store; had the failed week been marked sent, this would be 0)
        assertThat(VertxContextSupport.subscribeAndAwait(
                        () -> digest.sendAll(thisWeek.plus(Duration.ofDays(7)).plusSeconds(3600))))
                .isEqualTo(1);
        assertThat(TestMailbox.awaitCount(address, 1, Duration.ofSeconds(20))
                        .get(0)
                        .body())
                .contains("Rainy cafe " + cancelled);

        // Switched off: no more digests.
        given().auth()
                .oauth2(Tokens.accessToken("partner1"))
                .contentType("application/json")
                .body("{\"language\":\"en\",\"weeklyDigest\":false}")
                .put("/api/notifications/partner-contact")
                .then()
                .statusCode(200)
                .body("weeklyDigest", equalTo(false));
        assertThat(VertxContextSupport.subscribeAndAwait(() -> digest.sendAll(thisWeek.plus(Duration.ofDays(14)))))
                .isZero();
    }
}
