package io.ibasho.childcarebooking.service;

import static io.ibasho.childcarebooking.Fixtures.published;
import static io.ibasho.childcarebooking.Fixtures.replyTo;
import static io.ibasho.childcarebooking.Fixtures.requestChildcare;
import static io.ibasho.childcarebooking.Fixtures.subjectOf;
import static io.ibasho.childcarebooking.service.ConcurrentReservationTest.awaitOnVertx;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.ibasho.childcarebooking.BookedChild;
import io.ibasho.childcarebooking.CareNotesAudit;
import io.ibasho.childcarebooking.ChildcareBooking;
import io.ibasho.childcarebooking.ChildcareDecision;
import io.ibasho.childcarebooking.Fixtures;
import io.ibasho.childcarebooking.Fixtures.Session;
import io.ibasho.contracts.EventTypes;
import io.ibasho.plumbing.inbox.InboxHousekeeping;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Personal rows of sessions past the retention (30 days after the end) are deleted, anonymous totals stay, and recent
 * sessions are untouched. Against real PostgreSQL, Kafka and Keycloak.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "childcare_booking"))
class ChildcareRetentionPurgeTest {

    @Inject
    ChildcareRetentionPurge purge;

    @Inject
    InboxHousekeeping inbox;

    /** Hana's 1- and 4-year-old (with a note) and another family's infant; returns hana's registration id. */
    private static UUID twoFamilies(Session session) {
        UUID hanasRegistration = UUID.randomUUID();
        assertThat(replyTo(
                                session.id(),
                                requestChildcare(
                                        session.id(), hanasRegistration, subjectOf("hana"), UUID.randomUUID(), 1, 4))
                        .path("type")
                        .asText())
                .isEqualTo(EventTypes.CHILDCARE_RESERVED);
        assertThat(replyTo(session.id(), requestChildcare(session.id(), 0))
                        .path("type")
                        .asText())
                .isEqualTo(EventTypes.CHILDCARE_RESERVED);
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .contentType(ContentType.JSON)
                .body(Map.of("children", List.of(Map.of("position", 1, "careNotes", "ぜんそく")), "consentLanguage", "ja"))
                .put("/api/childcare/bookings/" + hanasRegistration + "/notes")
                .then()
                .statusCode(200);
        return hanasRegistration;
    }

    /** Moves the session to {@code daysAgo} and waits until the service has the new times. */
    private static void movedToThePast(Session session, int daysAgo) {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(daysAgo);
        Fixtures.publish(session.withTimes(start, start.plusHours(2)), EventTypes.EVENT_CHANGED, 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                        .oauth2(Tokens.accessToken("carer1"))
                        .get("/api/childcare/sessions/" + session.id() + "/care-sheet")
                        .then()
                        .extract()
                        .<String>path("endsAt")
                        .transform(Instant::parse)
                        .isBefore(Instant.now().minus(Duration.ofDays(daysAgo - 1))));
    }

    private static long rowsOf(UUID sessionId) throws Exception {
        return awaitOnVertx(() -> Panache.withSession(() -> ChildcareBooking.count("sessionId", sessionId)
                .flatMap(bookings -> ChildcareDecision.count("sessionId", sessionId)
                        .flatMap(decisions -> BookedChild.count(
                                        "bookingId in (select b.id from ChildcareBooking b where b.sessionId = ?1)",
                                        sessionId)
                                .map(children -> bookings + decisions + children)))));
    }

    @Test
    void personalRowsOfOldSessionsGoTotalsStayRecentSessionsAreKept() throws Exception {
        Session old = published(Session.of("hinata", 2));
        UUID hanasOldRegistration = twoFamilies(old);
        Session recent = published(Session.of("hinata", 2));
        UUID hanasRecentRegistration = twoFamilies(recent);
        movedToThePast(old, 40);
        movedToThePast(recent, 3);
        assertThat(rowsOf(old.id())).isEqualTo(2 + 2 + 3);

        int anonymised = awaitOnVertx(() -> purge.anonymiseEndedSessions());

        assertThat(anonymised).isGreaterThanOrEqualTo(1);
        assertThat(rowsOf(old.id())).isZero();
        // The totals reports need remain: families, children by age band, carers needed and available.
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .get("/api/childcare/sessions/" + old.id())
                .then()
                .statusCode(200)
                .body("anonymised", equalTo(true))
                .body("totalChildren", equalTo(3))
                .body("childrenByBand.ages", contains("0", "1-2", "3", "4-17"))
                .body("childrenByBand.children", contains(1, 1, 0, 1))
                .body("carersNeeded", equalTo(1))
                .body("carers", equalTo(2));
        given().auth()
                .oauth2(Tokens.accessToken("carer1"))
                .get("/api/childcare/sessions/" + old.id() + "/care-sheet")
                .then()
                .statusCode(200)
                .body("children.size()", equalTo(0))
                .body("summary.totalChildren", equalTo(3));
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/childcare/bookings/" + hanasOldRegistration + "/notes")
                .then()
                .statusCode(404);

        // Three days after its end the recent session keeps everything (its notes went after 24 h, not its bookings).
        assertThat(rowsOf(recent.id())).isEqualTo(2 + 2 + 3);
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .get("/api/childcare/sessions/" + recent.id())
                .then()
                .statusCode(200)
                .body("anonymised", equalTo(false))
                .body("totalChildren", equalTo(3));
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/childcare/bookings/" + hanasRecentRegistration + "/notes")
                .then()
                .statusCode(200);

        // A second run finds nothing more to do for the old session and leaves its totals alone.
        awaitOnVertx(() -> purge.anonymiseEndedSessions());
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .get("/api/childcare/sessions/" + old.id())
                .then()
                .statusCode(200)
                .body("totalChildren", equalTo(3));
    }

    private static CareNotesAudit auditRow(UUID sessionId, OffsetDateTime readAt) {
        CareNotesAudit row = new CareNotesAudit();
        row.id = UUID.randomUUID();
        row.organisationId = "hinata";
        row.sessionId = sessionId;
        row.kind = CareNotesAudit.CARE_SHEET;
        row.actorSubject = "carer-subject";
        row.actorRole = "childcare-staff";
        row.readAt = readAt;
        return row;
    }

    @Test
    void careSheetReadAuditIsKeptAYearAndThenDeleted() throws Exception {
        UUID sessionId = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        CareNotesAudit yearOld = auditRow(sessionId, now.minusDays(366));
        CareNotesAudit lastMonth = auditRow(sessionId, now.minusDays(30));
        awaitOnVertx(() -> Panache.withTransaction(() -> yearOld.persist().call(() -> lastMonth.persist())));

        awaitOnVertx(() -> purge.anonymiseEndedSessions());

        List<UUID> left =
                awaitOnVertx(() ->
                                Panache.withSession(() -> CareNotesAudit.<CareNotesAudit>list("sessionId", sessionId)))
                        .stream()
                        .map(row -> row.id)
                        .toList();
        assertThat(left).containsExactly(lastMonth.id);
    }

    /** Issue #14: the end of a session read before its publication is remembered for 30 days, then forgotten. */
    @Test
    void sessionTombstonesAreForgottenAfterThirtyDays() throws Exception {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        awaitOnVertx(() -> Panache.withTransaction(() -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery("insert into session_tombstone (session_id, status, sequence, "
                                + "recorded_at) values (:old, 'CANCELLED', 2, now() - interval '31 days'), "
                                + "(:recent, 'COMPLETED', 3, now() - interval '29 days')")
                        .setParameter("old", old)
                        .setParameter("recent", recent)
                        .executeUpdate())));

        int forgotten = awaitOnVertx(() -> inbox.forgetSessionTombstones());

        assertThat(forgotten).isPositive();
        List<?> left = awaitOnVertx(() -> Panache.withSession(() -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select session_id from session_tombstone where session_id in (:old, :recent)")
                        .setParameter("old", old)
                        .setParameter("recent", recent)
                        .getResultList())));
        assertThat(left.stream().map(String::valueOf).toList()).containsExactly(recent.toString());
    }
}
