package io.ibasho.notification.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;

/**
 * What the retention job deletes (or clears), one statement per kind, each for the rows older than a cut-off the job
 * computes from its configuration. Rows still waiting to be sent are never deleted.
 */
public enum RetentionStore {
    EMAIL_DELIVERIES("email_delivery", "delete from email_delivery where status <> 'PENDING' and created_at < :before"),
    // Deleting an inbox message also deletes its e-mail rows (on delete cascade), pending or not: by then (90 days) a
    // pending one is long dead.
    INBOX("inbox_message", "delete from inbox_message where created_at < :before"),
    WEBHOOK_DELIVERIES(
            "webhook_delivery", "delete from webhook_delivery where status <> 'PENDING' and created_at < :before"),
    PENDING_CODES("pending_codes", """
            update recipient_preference set pending_email = null, pending_code_hash = null, pending_code_salt = null,
                   pending_expires_at = null, pending_attempts = 0
            where pending_expires_at < :before"""),
    PARTNER_PENDING_CODES("partner_pending_codes", """
            update partner_contact set pending_email = null, pending_code_hash = null, pending_code_salt = null,
                   pending_expires_at = null, pending_attempts = 0
            where pending_expires_at < :before"""),
    LINE_DELIVERIES("line_delivery", "delete from line_delivery where status <> 'PENDING' and created_at < :before"),
    // A LINE link code nobody sent: the row (it holds only her id) goes; a linked row only loses the code.
    LINE_UNUSED_CODES(
            "line_unused_codes", "delete from line_link where line_user_id is null and pending_expires_at < :before"),
    LINE_PENDING_CODES(
            "line_pending_codes",
            "update line_link set pending_code_hash = null, pending_expires_at = null where pending_expires_at < :before"),
    CODE_REQUESTS("code_request", "delete from code_request where requested_at < :before"),
    REGISTRATION_COPIES("registration_copy", """
            delete from registration_copy r where coalesce(
                (select coalesce(s.ends_at, s.starts_at) from session_copy s where s.id = r.session_id), r.updated_at) < :before
              and r.updated_at < :before"""),
    // requests to talk: a set time after they were closed, her number and note with them (docs/adr/0023)
    CLOSED_TALK_REQUESTS("talk_request", "delete from talk_request where status = 'CLOSED' and closed_at < :before"),
    // ...and one nobody closed, a longer set time after she sent it: her number and note must not outlive an
    // organisation that stopped reading its requests
    UNCLOSED_TALK_REQUESTS(
            "talk_request_unclosed", "delete from talk_request where status <> 'CLOSED' and created_at < :before"),
    TALK_REQUEST_AUDIT("talk_request_audit", "delete from talk_request_audit where at < :before");

    /** The name the job's counts and log use. */
    public final String label;

    private final String sql;

    RetentionStore(String label, String sql) {
        this.label = label;
        this.sql = sql;
    }

    /** Deletes (or clears) the rows of this kind older than {@code before}; returns how many. */
    public Uni<Integer> before(OffsetDateTime before) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(sql)
                        .setParameter("before", before)
                        .executeUpdate());
    }
}
