package io.ibasho.notification.service;

import io.ibasho.notification.message.MessageKind;
import io.ibasho.notification.repository.DeliveryQueue;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Files a message in her inbox and, if she chose e-mail and verified an address, queues exactly one e-mail for it.
 * Runs inside the caller's transaction (the Kafka consumer's or the reminder job's), so the inbox row, the e-mail
 * outbox row and the processed-event record commit together or not at all. The unique constraints on
 * (source event, recipient, channel) make a second attempt a no-op rather than a second message.
 */
@ApplicationScoped
public class Notifier {
    private final Clock clock;
    private final LineChannel line;
    private final NotificationMeters meters;

    public Notifier(Clock clock, LineChannel line, NotificationMeters meters) {
        this.clock = clock;
        this.line = line;
        this.meters = meters;
    }

    public static final String IN_APP = "in-app";
    public static final String EMAIL = "email";
    public static final String LINE = "line";

    /** What happened, for whom: ids, states and at most the organiser's reason; never contact data. */
    public record Notice(
            MessageKind kind,
            String recipientId,
            UUID sessionId,
            UUID registrationId,
            String sourceEventId,
            Integer position,
            OffsetDateTime deadline,
            String reason,
            UUID courseId,
            List<OffsetDateTime> courseDates) {
        /** A message about one session (not a course). */
        public Notice(
                MessageKind kind,
                String recipientId,
                UUID sessionId,
                UUID registrationId,
                String sourceEventId,
                Integer position,
                OffsetDateTime deadline,
                String reason) {
            this(kind, recipientId, sessionId, registrationId, sourceEventId, position, deadline, reason, null, null);
        }

        /** A message about a whole course: it names the course's dates (start times), never one date's session. */
        public static Notice course(
                MessageKind kind,
                String recipientId,
                UUID courseId,
                List<OffsetDateTime> dates,
                String sourceEventId,
                Integer position,
                OffsetDateTime deadline) {
            return new Notice(
                    kind,
                    recipientId,
                    null,
                    null,
                    sourceEventId,
                    position,
                    deadline,
                    null,
                    courseId,
                    List.copyOf(dates));
        }

        public static Notice of(
                MessageKind kind, String recipientId, UUID sessionId, UUID registrationId, String sourceEventId) {
            return new Notice(kind, recipientId, sessionId, registrationId, sourceEventId, null, null, null);
        }
    }

    /**
     * Which of her channels a message goes through besides her inbox (which always has it). A request to talk is
     * answered only the way she chose for it; everything else goes through every channel she chose.
     */
    public enum Reach {
        /** E-mail if she chose and confirmed it, LINE if she linked it. */
        HER_CHANNELS,
        /** The inbox only. */
        INBOX_ONLY,
        /** The inbox and e-mail, if e-mail is among her channels. */
        EMAIL,
        /** The inbox and LINE, if she linked it. */
        LINE;

        boolean email() {
            return this == HER_CHANNELS || this == EMAIL;
        }

        boolean line() {
            return this == HER_CHANNELS || this == LINE;
        }
    }

    /** @return true if the message is new, false if this (event, recipient) was already filed */
    public Uni<Boolean> notify(Notice notice) {
        return notify(notice, Reach.HER_CHANNELS);
    }

    /** @param reach the channels besides her inbox this one message may go through */
    public Uni<Boolean> notify(Notice notice, Reach reach) {
        UUID inboxId = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock);
        DeliveryQueue.InboxRow row = new DeliveryQueue.InboxRow(
                inboxId,
                notice.recipientId(),
                notice.kind().name(),
                notice.sessionId(),
                notice.registrationId(),
                notice.sourceEventId(),
                IN_APP,
                notice.position(),
                notice.deadline(),
                notice.reason(),
                notice.courseId(),
                notice.courseDates() == null
                        ? null
                        : notice.courseDates().stream()
                                .map(date -> date.toInstant().toString())
                                .collect(Collectors.joining(" ")));
        // filed, e-mail and LINE queued as she chose, their senders signalled: one statement (round 12)
        return DeliveryQueue.fileAndQueue(row, reach.email(), reach.line() && line.available(), now)
                // filed: counted as sent in-app when the statement succeeds (a transaction rolled back after it and
                // retried counts it twice; the inbox row itself stays once per event)
                .map(filed -> {
                    if (filed.filed()) {
                        meters.sent(NotificationMeters.DeliveryChannel.IN_APP);
                    }
                    return filed.filed();
                });
    }
}
