package io.ibasho.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.notification.support.Db;
import io.ibasho.testsupport.IbashoServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The deletion schedule removes old personal data and keeps what is recent or still to be sent. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class RetentionTest {
    @Inject
    RetentionJob retention;

    private static UUID inbox(String recipient, String age) {
        UUID id = UUID.randomUUID();
        Db.update("""
                insert into inbox_message (id, recipient_id, kind, source_event_id, channel, created_at)
                values (?, ?, 'REMINDER', ?, 'in-app', now() - cast(? as interval))""", id, recipient, UUID.randomUUID().toString(), age);
        return id;
    }

    private static UUID email(UUID inbox, String recipient, String status, String age) {
        UUID id = UUID.randomUUID();
        Db.update("""
                insert into email_delivery (id, inbox_message_id, recipient_id, source_event_id, channel, status, attempts,
                                            next_attempt_at, created_at)
                values (?, ?, ?, ?, 'email', ?, 1, now() + interval '1 day', now() - cast(? as interval))""", id, inbox, recipient, UUID.randomUUID().toString(), status, age);
        return id;
    }

    private static UUID webhook(UUID endpoint, String status, String age) {
        UUID id = UUID.randomUUID();
        Db.update("""
                insert into webhook_delivery (id, endpoint_id, message_id, source_event_id, event_type, payload, status, attempts,
                                              next_attempt_at, created_at)
                values (?, ?, ?, ?, 'session.changed', '{}', ?, 1, now() + interval '1 day', now() - cast(? as interval))""", id, endpoint, "msg_" + id, UUID.randomUUID().toString(), status, age);
        return id;
    }

    @Test
    void oldPersonalDataIsDeletedAndRecentOrPendingRowsStay() throws Throwable {
        String someone = "retention-" + UUID.randomUUID();
        UUID oldInbox = inbox(someone, "100 days");
        UUID recentInbox = inbox(someone, "10 days");
        UUID oldSentEmail = email(recentInbox, someone, "SENT", "40 days");
        UUID oldPendingEmail = email(recentInbox, someone, "PENDING", "40 days");
        UUID recentEmail = email(recentInbox, someone, "SENT", "2 days");

        UUID endpoint = UUID.randomUUID();
        Db.update("""
                insert into webhook_endpoint (id, partner_group, url, venue_ids, secret_current, secret_current_from, active, created_at)
                values (?, 'retention-group', 'https://partner.example/hook', 'v', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', now(), true, now())""", endpoint);
        UUID oldWebhook = webhook(endpoint, "DELIVERED", "40 days");
        UUID oldPendingWebhook = webhook(endpoint, "PENDING", "40 days");
        UUID recentWebhook = webhook(endpoint, "DEAD", "3 days");

        String expiredCode = "retention-" + UUID.randomUUID();
        String liveCode = "retention-" + UUID.randomUUID();
        for (String[] row : new String[][] {{expiredCode, "-2 days"}, {liveCode, "10 minutes"}}) {
            Db.update("""
                    insert into recipient_preference (recipient_id, language, email_enabled, full_detail, pending_email, pending_code_hash,
                                                      pending_code_salt, pending_expires_at, pending_attempts, updated_at)
                    values (?, 'ja', false, false, 'someone@example.jp', 'hash', 'salt', now() + cast(? as interval), 0, now())""", row[0], row[1]);
        }

        UUID pastSession = UUID.randomUUID();
        UUID comingSession = UUID.randomUUID();
        Db.update("""
                insert into session_copy (id, title_ja, starts_at, ends_at, status, sequence)
                values (?, 'むかし', now() - interval '41 days', now() - interval '40 days', 'COMPLETED', 0),
                       (?, 'これから', now() + interval '5 days', now() + interval '5 days 2 hours', 'PUBLISHED', 0)""", pastSession, comingSession);
        UUID pastRegistration = UUID.randomUUID();
        UUID comingRegistration = UUID.randomUUID();
        Db.update("""
                insert into registration_copy (registration_id, session_id, attendee_id, status, updated_at)
                values (?, ?, ?, 'CONFIRMED', now() - interval '45 days'), (?, ?, ?, 'CONFIRMED', now() - interval '45 days')""", pastRegistration, pastSession, someone, comingRegistration, comingSession, someone);
        Db.update(
                "insert into code_request (id, requester, requested_at) values (?, ?, now() - interval '3 days')",
                UUID.randomUUID(),
                "attendee:" + someone);

        String oldEventId = "retention-old-" + UUID.randomUUID();
        String recentEventId = "retention-recent-" + UUID.randomUUID();
        Db.update(
                "insert into processed_message (event_id, consumer, processed_at) values "
                        + "(?, 'notification', now() - interval '31 days'), (?, 'notification', now() - interval '29 days')",
                oldEventId,
                recentEventId);

        // ends of sessions read before their publication (issue #14): kept 30 days too
        UUID oldTombstone = UUID.randomUUID();
        UUID recentTombstone = UUID.randomUUID();
        Db.update(
                "insert into session_tombstone (session_id, status, sequence, recorded_at) values "
                        + "(?, 'CANCELLED', 2, now() - interval '31 days'), (?, 'CANCELLED', 2, now() - interval '29 days')",
                oldTombstone,
                recentTombstone);

        Map<String, Integer> deleted =
                VertxContextSupport.subscribeAndAwait(() -> retention.deleteExpired(Instant.now()));

        assertThat(Db.count("select count(*) from session_tombstone where session_id = ?", oldTombstone))
                .isZero();
        assertThat(Db.count("select count(*) from session_tombstone where session_id = ?", recentTombstone))
                .isOne();

        // handled event ids are forgotten after 30 days (issue #14: the table only grew)
        assertThat(Db.count("select count(*) from processed_message where event_id = ?", oldEventId))
                .isZero();
        assertThat(Db.count("select count(*) from processed_message where event_id = ?", recentEventId))
                .isOne();

        assertThat(deleted)
                .containsKeys(
                        "inbox_message", "email_delivery", "webhook_delivery", "pending_codes", "registration_copy");
        assertThat(Db.count("select count(*) from inbox_message where id = ?", oldInbox))
                .isZero();
        assertThat(Db.count("select count(*) from inbox_message where id = ?", recentInbox))
                .isOne();
        assertThat(Db.count("select count(*) from email_delivery where id = ?", oldSentEmail))
                .isZero();
        assertThat(Db.count("select count(*) from email_delivery where id in (?, ?)", oldPendingEmail, recentEmail))
                .isEqualTo(2);
        assertThat(Db.count("select count(*) from webhook_delivery where id = ?", oldWebhook))
                .isZero();
        assertThat(Db.count(
                        "select count(*) from webhook_delivery where id in (?, ?)", oldPendingWebhook, recentWebhook))
                .isEqualTo(2);
        assertThat(Db.count(
                        "select count(*) from recipient_preference where recipient_id = ? and pending_email is null and pending_code_hash is null",
                        expiredCode))
                .isOne();
        assertThat(Db.count(
                        "select count(*) from recipient_preference where recipient_id = ? and pending_email is not null",
                        liveCode))
                .isOne();
        assertThat(Db.count("select count(*) from registration_copy where registration_id = ?", pastRegistration))
                .isZero();
        assertThat(Db.count("select count(*) from registration_copy where registration_id = ?", comingRegistration))
                .isOne();
        assertThat(Db.count("select count(*) from code_request where requester = ?", "attendee:" + someone))
                .isZero();
    }
}
