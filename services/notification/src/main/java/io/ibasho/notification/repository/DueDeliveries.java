package io.ibasho.notification.repository;

import io.ibasho.notification.EmailDelivery;
import io.ibasho.notification.InboxMessage;
import io.ibasho.notification.RecipientPreference;
import io.ibasho.notification.SessionCopy;
import io.ibasho.plumbing.sql.SessionConnection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The claim step every sender shares (e-mail, LINE, webhooks): the rows of one delivery table that are due, locked so
 * that another instance's sender skips them. Call inside a transaction.
 */
public final class DueDeliveries {
    private static final Set<String> TABLES = Set.of("email_delivery", "line_delivery", "webhook_delivery");

    private DueDeliveries() {}

    /**
     * Up to {@code limit} pending rows whose next attempt is due at {@code now} (the service's clock, which also set
     * the attempt times), the longest waiting first.
     */
    public static <D extends PanacheEntityBase> Uni<List<D>> claim(
            String table, Class<D> type, int limit, OffsetDateTime now) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("not a delivery table: " + table);
        }
        // the LINE and webhook senders poll it (nearly always empty): past the query machinery, where each poll
        // translated or stored a plan (ADR 0071)
        return SessionConnection.selectEntities(
                type,
                "select id from " + table + " where status = 'PENDING' and next_attempt_at <= $1 "
                        + "order by next_attempt_at limit $2 for update skip locked",
                now,
                limit);
    }

    /** Every column of email_delivery, in the order {@link #emailOf} reads them (EmailDeliveryRowTest checks both). */
    static final List<String> EMAIL_COLUMNS = List.of(
            "id",
            "inbox_message_id",
            "recipient_id",
            "source_event_id",
            "channel",
            "status",
            "attempts",
            "next_attempt_at",
            "first_attempt_at",
            "last_error",
            "sent_at",
            "created_at");

    /**
     * Loads the batch's preferences, messages and their sessions into the session in three statements, so that each
     * mail's lookups find them there instead of asking the database three times per mail: under load each round trip
     * waits for the CPU, and the mails of a batch wait for each other's (docs/benchmarks.md, round 16). By id, with the
     * entities' own loaders: an {@code in ?1} query was translated per batch (the plan cache is off), and binding its
     * list threw and caught an exception first.
     */
    public static Uni<Void> loadTogether(List<EmailDelivery> due) {
        Object[] recipients =
                due.stream().map(delivery -> delivery.recipientId).distinct().toArray();
        Object[] messages =
                due.stream().map(delivery -> delivery.inboxMessageId).distinct().toArray();
        return Panache.getSession()
                .flatMap(session -> session.find(RecipientPreference.class, recipients)
                        .flatMap(ignored -> session.find(InboxMessage.class, messages))
                        .flatMap(found -> {
                            Object[] sessions = found.stream()
                                    .filter(Objects::nonNull)
                                    .map(message -> message.sessionId)
                                    .filter(Objects::nonNull)
                                    .distinct()
                                    .toArray();
                            return sessions.length == 0
                                    ? Uni.createFrom().voidItem()
                                    : session.find(SessionCopy.class, sessions).replaceWithVoid();
                        }));
    }

    /**
     * {@link #claim} for email_delivery past the ORM (docs/adr/0070): every e-mail is claimed, and as a native query
     * the claim built a plan, resolved the entity mapping and auto-flushed each time (ADR 0058). The same statement
     * and rows, but not in the ORM session: the caller writes what its attempt changed with
     * {@link #recordEmailAttempts}, as the session's flush did. It runs first in the sender's transaction, so nothing
     * unwritten precedes it.
     */
    public static Uni<List<EmailDelivery>> claimEmails(int limit, OffsetDateTime now) {
        return SessionConnection.select(CLAIM_EMAILS, now, (long) limit)
                .map(rows -> rows.stream().map(DueDeliveries::emailOf).toList());
    }

    private static final String CLAIM_EMAILS = "select " + String.join(", ", EMAIL_COLUMNS)
            + " from email_delivery where status = 'PENDING' and next_attempt_at <= $1"
            + " order by next_attempt_at limit $2 for update skip locked";

    static EmailDelivery emailOf(Object[] row) {
        EmailDelivery delivery = new EmailDelivery();
        delivery.id = (UUID) row[0];
        delivery.inboxMessageId = (UUID) row[1];
        delivery.recipientId = (String) row[2];
        delivery.sourceEventId = (String) row[3];
        delivery.channel = (String) row[4];
        delivery.status = (String) row[5];
        delivery.attempts = (Integer) row[6];
        delivery.nextAttemptAt = (OffsetDateTime) row[7];
        delivery.firstAttemptAt = (OffsetDateTime) row[8];
        delivery.lastError = (String) row[9];
        delivery.sentAt = (OffsetDateTime) row[10];
        delivery.createdAt = (OffsetDateTime) row[11];
        return delivery;
    }

    /**
     * Writes what the attempts of a batch changed of its claimed e-mails (status, attempt count and times, last error),
     * as the ORM session's flush wrote its managed rows before the claim went past the ORM: in one statement, where one
     * update per mail made each e-mail cost the database and the sender a round trip more (docs/benchmarks.md, round
     * 30). Each row is written whole, so one whose attempt changed nothing is written as it was read.
     */
    public static Uni<Void> recordEmailAttempts(List<EmailDelivery> attempted) {
        if (attempted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int count = attempted.size();
        UUID[] ids = new UUID[count];
        String[] statuses = new String[count];
        Integer[] attemptCounts = new Integer[count];
        OffsetDateTime[] nextAttempts = new OffsetDateTime[count];
        OffsetDateTime[] firstAttempts = new OffsetDateTime[count];
        String[] lastErrors = new String[count];
        OffsetDateTime[] sentAts = new OffsetDateTime[count];
        for (int i = 0; i < count; i++) {
            EmailDelivery delivery = attempted.get(i);
            ids[i] = delivery.id;
            statuses[i] = delivery.status;
            attemptCounts[i] = delivery.attempts;
            nextAttempts[i] = delivery.nextAttemptAt;
            firstAttempts[i] = delivery.firstAttemptAt;
            lastErrors[i] = delivery.lastError;
            sentAts[i] = delivery.sentAt;
        }
        return SessionConnection.update(
                        RECORD_EMAIL_ATTEMPTS,
                        ids,
                        statuses,
                        attemptCounts,
                        nextAttempts,
                        firstAttempts,
                        lastErrors,
                        sentAts)
                .replaceWithVoid();
    }

    private static final String RECORD_EMAIL_ATTEMPTS = """
            update email_delivery d
               set status = a.status, attempts = a.attempts, next_attempt_at = a.next_attempt_at,
                   first_attempt_at = a.first_attempt_at, last_error = a.last_error, sent_at = a.sent_at
              from unnest(cast($1 as uuid[]), cast($2 as text[]), cast($3 as integer[]), cast($4 as timestamptz[]),
                          cast($5 as timestamptz[]), cast($6 as text[]), cast($7 as timestamptz[]))
                   as a (id, status, attempts, next_attempt_at, first_attempt_at, last_error, sent_at)
             where d.id = a.id""";
}
