package io.ibasho.registration.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.plumbing.inbox.InboundEvent;
import io.ibasho.plumbing.inbox.InboundEventReader;
import io.ibasho.plumbing.inbox.ProcessedMessage;
import io.ibasho.plumbing.inbox.SessionTombstone;
import io.ibasho.plumbing.inbox.TransientFailures;
import io.ibasho.registration.CourseCopy;
import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.mapping.SessionParts;
import io.ibasho.registration.repository.SeatLedger;
import io.ibasho.registration.service.BookingService;
import io.ibasho.registration.service.CourseLotteryService;
import io.ibasho.registration.service.CourseRequestService;
import io.ibasho.registration.service.LotteryService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps registration's copy of each session from the event service's events, idempotently. A message that cannot be
 * read fails and goes to {@code event-lifecycle.registration.dlq} (never ignored).
 */
@ApplicationScoped
public class EventLifecycleConsumer {
    static final String CONSUMER = "registration";

    private final InboundEventReader events;
    private final BookingService bookings;
    private final CourseRequestService courseRequests;
    private final LotteryService lottery;
    private final Clock clock;

    public EventLifecycleConsumer(
            InboundEventReader events,
            BookingService bookings,
            CourseRequestService courseRequests,
            LotteryService lottery,
            Clock clock) {
        this.courseRequests = courseRequests;
        this.events = events;
        this.bookings = bookings;
        this.lottery = lottery;
        this.clock = clock;
    }

    @Incoming(Topics.EVENT_LIFECYCLE)
    public Uni<Void> consume(String message) {
        // in a transaction of its own; a transient failure is retried with backoff, only poison is
        // dead-lettered (issue #14)
        return TransientFailures.inTransactionWithRetry(() -> consumeOnce(message));
    }

    private Uni<Void> consumeOnce(String message) {
        return events.read(message).flatMap(this::handle);
    }

    private Uni<Void> handle(InboundEvent event) {
        String type = event.type();
        return ProcessedMessage.once(event, CONSUMER, () -> {
            JsonNode data = event.data();
            if (type.equals(EventTypes.EVENT_PUBLISHED) || type.equals(EventTypes.EVENT_CHANGED)) {
                return upsert(data);
            }
            if (type.equals(EventTypes.COURSE_PUBLISHED)) {
                return upsertCourse(data);
            }
            if (type.equals(EventTypes.EVENT_CANCELLED) || type.equals(EventTypes.EVENT_COMPLETED)) {
                String status = type.equals(EventTypes.EVENT_CANCELLED) ? "CANCELLED" : "COMPLETED";
                return SessionCopy.<SessionCopy>findById(
                                UUID.fromString(data.path("sessionId").asText()))
                        .flatMap(copy -> {
                            if (copy == null) {
                                // read before the session's publication (another relay's, issue #14): remembered, so
                                // the older EventPublished read next does not open it to bookings
                                return SessionTombstone.remember(
                                        UUID.fromString(data.path("sessionId").asText()),
                                        status,
                                        data.path("sequence").asInt());
                            }
                            // the end of a session is final, and its sequence moves the copy on: an older
                            // EventChanged read after it (another relay's, or a redelivery) is then recognised as stale
                            if (data.path("sequence").isInt()) {
                                copy.sequence = Math.max(
                                        copy.sequence, data.path("sequence").asInt());
                            }
                            copy.status = status;
                            copy.updatedAt = OffsetDateTime.now(clock);
                            return "CANCELLED".equals(status)
                                    ? bookings.cancelAllOfSession(copy)
                                            .call(() -> courseRequests.sessionCancelled(copy))
                                    : Uni.createFrom().voidItem();
                        });
            }
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * A course's copy: its dates, capacity and status. The places taken stay as counted here (never written from the
     * event), and an older CoursePublished read late is dropped by its sequence.
     */
    private Uni<Void> upsertCourse(JsonNode data) {
        UUID courseId = UUID.fromString(data.path("courseId").asText());
        int sequence = data.path("sequence").asInt();
        return CourseCopy.<CourseCopy>findById(courseId).flatMap(existing -> {
            if (existing != null && existing.sequence > sequence) {
                return Uni.createFrom().voidItem();
            }
            CourseCopy copy = existing != null ? existing : new CourseCopy();
            copy.id = courseId;
            copy.organisationId = data.path("organisationId").asText();
            copy.titleJa = data.hasNonNull("titleJa") ? data.path("titleJa").asText() : null;
            copy.titleEn = data.hasNonNull("titleEn") ? data.path("titleEn").asText() : null;
            copy.status = data.path("status").asText();
            copy.allocation = data.path("allocation").asText();
            copy.capacity = data.path("capacity").asInt();
            copy.applicationsCloseAt = data.hasNonNull("applicationsCloseAt")
                    ? OffsetDateTime.parse(data.path("applicationsCloseAt").asText())
                    : null;
            List<String> ids = new ArrayList<>();
            data.path("sessionIds")
                    .forEach(id -> ids.add(UUID.fromString(id.asText()).toString()));
            copy.sessionIds = String.join(",", ids);
            copy.sequence = sequence;
            copy.updatedAt = OffsetDateTime.now(clock);
            Uni<Void> saved = existing != null
                    ? Uni.createFrom().voidItem()
                    : copy.persist().replaceWithVoid();
            // a lottery course's seed is made once, when it is first known: its commitment is public from then on
            return copy.lottery() ? saved.call(() -> CourseLotteryService.ensureSeed(courseId, clock)) : saved;
        });
    }

    private Uni<Void> upsert(JsonNode data) {
        UUID sessionId = UUID.fromString(data.path("sessionId").asText());
        int sequence = data.path("sequence").asInt();
        return SessionCopy.<SessionCopy>findById(sessionId).flatMap(existing -> {
            if (existing != null && existing.sequence > sequence) {
                return Uni.createFrom().voidItem(); // an older event arriving late
            }
            if (existing == null) {
                // its end may have been read first (a tombstone, issue #14): the copy is then made already ended,
                // so a booking is refused as for any cancelled session
                return SessionTombstone.endedAtOrAfter(sessionId, sequence)
                        .flatMap(ended -> copyAndApply(null, sessionId, sequence, data, ended));
            }
            return copyAndApply(existing, sessionId, sequence, data, null);
        });
    }

    private Uni<Void> copyAndApply(
            SessionCopy existing, UUID sessionId, int sequence, JsonNode data, SessionTombstone.Ended ended) {
        if (existing != null && ("CANCELLED".equals(existing.status) || "COMPLETED".equals(existing.status))) {
            return Uni.createFrom().voidItem(); // nothing reopens a session that was cancelled or took place
        }
        Integer capacity =
                data.path("capacity").isNumber() ? data.path("capacity").asInt() : null;
        // A lowered capacity removes nobody: remember the seats already taken as the database's limit (before the
        // new capacity is written, so the CHECK constraint holds at every step). The organiser sees the excess.
        Uni<Integer> keepTakenSeats =
                existing != null && capacity != null && (existing.capacity == null || capacity < existing.capacity)
                        ? SeatLedger.keepTakenSeatsAbove(sessionId, capacity)
                        : Uni.createFrom().item(0);
        return keepTakenSeats.flatMap(ignored -> apply(existing, sessionId, sequence, capacity, data, ended));
    }

    private Uni<Void> apply(
            SessionCopy existing,
            UUID sessionId,
            int sequence,
            Integer capacity,
            JsonNode data,
            SessionTombstone.Ended ended) {
        SessionCopy copy = existing != null ? existing : new SessionCopy();
        copy.id = sessionId;
        copy.organisationId = data.path("organisationId").asText();
        copy.kind = data.path("kind").asText();
        copy.venueId = data.hasNonNull("venueId") ? data.path("venueId").asText() : null;
        copy.venueNameJa =
                data.hasNonNull("venueNameJa") ? data.path("venueNameJa").asText() : null;
        copy.venueNameEn =
                data.hasNonNull("venueNameEn") ? data.path("venueNameEn").asText() : null;
        copy.allocation = data.path("allocation").asText();
        copy.status = data.path("status").asText();
        copy.startsAt = OffsetDateTime.parse(data.path("startsAt").asText());
        copy.endsAt = OffsetDateTime.parse(data.path("endsAt").asText());
        copy.capacity = capacity;
        copy.applicationOpensAt = data.hasNonNull("applicationOpensAt")
                ? OffsetDateTime.parse(data.path("applicationOpensAt").asText())
                : null;
        copy.childcareOffered = data.path("childcare").path("offered").asBoolean(false);
        copy.applicationClosesAt = data.hasNonNull("applicationClosesAt")
                ? OffsetDateTime.parse(data.path("applicationClosesAt").asText())
                : null;
        copy.lotterySettings =
                data.path("lottery").isObject() ? data.path("lottery").toString() : null;
        copy.parts = SessionParts.fromEvent(data.path("parts"));
        copy.sequence = sequence;
        if (ended != null) {
            copy.status = ended.status();
            copy.sequence = Math.max(sequence, ended.sequence());
        }
        copy.updatedAt = OffsetDateTime.now(clock);
        // a raised capacity (or a re-published session) passes the new seats down the waitlist as offers
        Uni<Void> saved = existing != null
                ? Panache.getSession().flatMap(s -> s.flush()).flatMap(ignored -> bookings.offerFreedSeats(copy))
                : copy.persist()
                        .call(() -> Panache.getSession().flatMap(s -> s.flush()))
                        .replaceWithVoid();
        // a lottery's seed is made (and its commitment shown) as soon as the session is known
        return "LOTTERY".equals(copy.allocation) && ended == null
                ? saved.call(() -> lottery.ensureSeed(copy.id))
                : saved;
    }
}
