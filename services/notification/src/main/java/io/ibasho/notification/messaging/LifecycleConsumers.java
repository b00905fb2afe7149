package io.ibasho.notification.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.notification.RegistrationCopy;
import io.ibasho.notification.SessionCopy;
import io.ibasho.notification.message.MessageKind;
import io.ibasho.notification.service.HerData;
import io.ibasho.notification.service.Notifier;
import io.ibasho.notification.service.Notifier.Notice;
import io.ibasho.notification.service.VenueLinks;
import io.ibasho.notification.service.WebhookFanOut;
import io.ibasho.plumbing.inbox.InboundEvent;
import io.ibasho.plumbing.inbox.InboundEventReader;
import io.ibasho.plumbing.inbox.NotYetKnown;
import io.ibasho.plumbing.inbox.ProcessedMessage;
import io.ibasho.plumbing.inbox.TransientFailures;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Turns domain events into messages, exactly once per (event, recipient, channel): the event id is recorded in
 * the same transaction as everything the event causes (inbox rows, e-mail and webhook outbox rows, copies), and
 * unique constraints back it. Unreadable messages, and childcare replies for a registration never seen, fail to
 * the consumer's dead-letter topic instead of being dropped.
 */
@ApplicationScoped
public class LifecycleConsumers {
    static final String CONSUMER = "notification";

    private final InboundEventReader events;
    private final Notifier notifier;
    private final WebhookFanOut webhooks;
    private final VenueLinks venueLinks;
    private final HerData herData;

    private final Clock clock;

    public LifecycleConsumers(
            InboundEventReader events,
            Notifier notifier,
            WebhookFanOut webhooks,
            VenueLinks venueLinks,
            HerData herData,
            Clock clock) {
        this.herData = herData;
        this.clock = clock;
        this.events = events;
        this.notifier = notifier;
        this.webhooks = webhooks;
        this.venueLinks = venueLinks;
    }

    @Incoming(Topics.REGISTRATION_LIFECYCLE)
    public Uni<Void> onRegistrationEvent(String message) {
        // in a transaction of its own; a transient failure is retried with backoff, only poison is
        // dead-lettered (issue #14)
        return TransientFailures.inTransactionWithRetry(() -> onRegistrationEventOnce(message));
    }

    private Uni<Void> onRegistrationEventOnce(String message) {
        return events.read(message)
                .flatMap(event -> ProcessedMessage.once(event, CONSUMER, () -> registrationEvent(event)));
    }

    @Incoming(Topics.EVENT_LIFECYCLE)
    public Uni<Void> onEventLifecycle(String message) {
        // in a transaction of its own; a transient failure is retried with backoff, only poison is
        // dead-lettered (issue #14)
        return TransientFailures.inTransactionWithRetry(() -> onEventLifecycleOnce(message));
    }

    private Uni<Void> onEventLifecycleOnce(String message) {
        return events.read(message).flatMap(event -> ProcessedMessage.once(event, CONSUMER, () -> sessionEvent(event)));
    }

    @Incoming(Topics.CHILDCARE_LIFECYCLE)
    public Uni<Void> onChildcareEvent(String message) {
        // in a transaction of its own; a transient failure is retried with backoff, only poison is
        // dead-lettered (issue #14)
        return TransientFailures.inTransactionWithRetry(() -> onChildcareEventOnce(message));
    }

    private Uni<Void> onChildcareEventOnce(String message) {
        return events.read(message)
                .flatMap(event -> ProcessedMessage.once(event, CONSUMER, () -> childcareEvent(event)));
    }

    // --- registration-lifecycle -------------------------------------------------------------------------------

    private Uni<Void> registrationEvent(InboundEvent event) {
        String type = event.type();
        if (event.is(EventTypes.SUBJECT_ERASED)) {
            // She deleted her account: everything kept for her goes (docs/adr/0014)
            ErasedSubject subject = ErasedSubject.of(event);
            return herData.erase(subject.attendeeId(), subject.registrationIds())
                    .replaceWithVoid();
        }
        JsonNode data = event.data();
        String cancelledBy = data.path("cancelledBy").asText("");
        // The state is derived from the event type, not copied from the payload, so it means one thing here.
        String state =
                switch (type) {
                    case EventTypes.APPLICATION_RECEIVED -> "APPLIED";
                    case EventTypes.REGISTRATION_CONFIRMED -> "CONFIRMED";
                    case EventTypes.WAITLISTED -> "WAITLISTED";
                    case EventTypes.SEAT_OFFERED -> "OFFERED";
                    case EventTypes.OFFER_EXPIRED -> "EXPIRED";
                    case EventTypes.REGISTRATION_CANCELLED ->
                        "SESSION_CANCELLED".equals(cancelledBy) ? RegistrationCopy.CANCELLED_WITH_SESSION : "CANCELLED";
                    // A seat held while childcare is asked: nothing to tell her yet, but the childcare reply that
                    // follows (on
                    // another topic) must find whom to tell, or it would be dead-lettered.
                    case EventTypes.CHILDCARE_REQUESTED -> RegistrationCopy.PENDING_CHILDCARE;
                    default -> null; // LotteryDrawn (aggregate only), attendance: nothing to tell her
                };
        if (state == null) {
            return Uni.createFrom().voidItem();
        }
        UUID registrationId = UUID.fromString(data.path("registrationId").asText());
        UUID sessionId = UUID.fromString(data.path("sessionId").asText());
        String attendeeId = requiredText(data, "attendeeId");
        String eventId = event.id();
        if (type.equals(EventTypes.CHILDCARE_REQUESTED)) {
            // Only remembered when unknown: a waitlisted or applying woman keeps her state until the outcome arrives.
            return rememberIfUnknown(registrationId, sessionId, attendeeId, state);
        }
        return RegistrationCopy.<RegistrationCopy>findById(registrationId)
                .map(previous -> previous == null ? null : previous.status)
                .flatMap(previousState -> keepRegistration(registrationId, sessionId, attendeeId, state)
                        .flatMap(ignored -> SessionCopy.<SessionCopy>findById(sessionId))
                        .flatMap(session -> {
                            MessageKind kind =
                                    switch (type) {
                                        case EventTypes.APPLICATION_RECEIVED -> MessageKind.APPLICATION_RECEIVED;
                                        // A confirmation in a lottery session is her lottery win, unless she is
                                        // confirming an offer
                                        // (the win or a freed seat), which already told her she had a place: then it is
                                        // a booking.
                                        case EventTypes.REGISTRATION_CONFIRMED ->
                                            session != null
                                                            && "LOTTERY".equals(session.allocation)
                                                            && !"OFFERED".equals(previousState)
                                                    ? MessageKind.LOTTERY_WON
                                                    : MessageKind.BOOKING_CONFIRMED;
                                        // the reserve list of a lottery, or a first-come waitlist (no 抽選 in it)
                                        case EventTypes.WAITLISTED ->
                                            "LOTTERY_RESERVE"
                                                            .equals(data.path("reason")
                                                                    .asText(""))
                                                    ? MessageKind.LOTTERY_RESERVE
                                                    : MessageKind.WAITLISTED;
                                        // A lottery win that must be confirmed by the deadline has its own words;
                                        // absent = waitlist.
                                        case EventTypes.SEAT_OFFERED ->
                                            "LOTTERY_WIN"
                                                            .equals(data.path("reason")
                                                                    .asText(""))
                                                    ? MessageKind.LOTTERY_WON_CONFIRM
                                                    : MessageKind.SEAT_OFFERED;
                                        // she said no herself: not "the time to answer has passed"
                                        case EventTypes.OFFER_EXPIRED ->
                                            data.path("declined").asBoolean(false)
                                                    ? MessageKind.OFFER_DECLINED
                                                    : MessageKind.OFFER_EXPIRED;
                                        case EventTypes.REGISTRATION_CANCELLED ->
                                            switch (cancelledBy) {
                                                case "ORGANISER" -> MessageKind.CANCELLED_BY_ORGANISER;
                                                // The session-cancelled message (from EventCancelled) tells her; one
                                                // message, not two.
                                                case "SESSION_CANCELLED" -> null;
                                                // The childcare saga let the held seat go. ChildcareRejected already
                                                // told her, and
                                                // OfferExpired told her of a lapsed offer; only an unanswered childcare
                                                // request has no
                                                // other message, so it gets the childcare-unavailable one. She did not
                                                // cancel anything.
                                                case "SYSTEM" ->
                                                    "CHILDCARE_NO_ANSWER"
                                                                    .equals(data.path("reason")
                                                                            .asText(""))
                                                            ? MessageKind.CHILDCARE_REJECTED
                                                            : null;
                                                default -> MessageKind.CANCELLED_BY_ATTENDEE;
                                            };
                                        default -> null;
                                    };
                            if (kind == null) {
                                return Uni.createFrom().voidItem();
                            }
                            Integer position = data.path("position").isInt()
                                    ? data.path("position").asInt()
                                    : null;
                            OffsetDateTime deadline = data.hasNonNull("offerExpiresAt")
                                    ? OffsetDateTime.parse(
                                            data.path("offerExpiresAt").asText())
                                    : null;
                            String reason = kind == MessageKind.CANCELLED_BY_ORGANISER && data.hasNonNull("reason")
                                    ? data.path("reason").asText()
                                    : null;
                            return notifier.notify(new Notice(
                                            kind,
                                            attendeeId,
                                            sessionId,
                                            registrationId,
                                            eventId,
                                            position,
                                            deadline,
                                            reason))
                                    .replaceWithVoid();
                        }));
    }

    private Uni<Void> rememberIfUnknown(UUID registrationId, UUID sessionId, String attendeeId, String state) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("""
                insert into registration_copy (registration_id, session_id, attendee_id, status, updated_at)
                values (:registration, :session, :attendee, :status, now())
                on conflict (registration_id) do nothing""")
                        .setParameter("registration", registrationId)
                        .setParameter("session", sessionId)
                        .setParameter("attendee", attendeeId)
                        .setParameter("status", state)
                        .executeUpdate())
                .replaceWithVoid();
    }

    private Uni<Void> keepRegistration(UUID registrationId, UUID sessionId, String attendeeId, String state) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("""
                insert into registration_copy (registration_id, session_id, attendee_id, status, updated_at)
                values (:registration, :session, :attendee, :status, now())
                on conflict (registration_id) do update set status = excluded.status, updated_at = excluded.updated_at""")
                        .setParameter("registration", registrationId)
                        .setParameter("session", sessionId)
                        .setParameter("attendee", attendeeId)
                        .setParameter("status", state)
                        .executeUpdate())
                .replaceWithVoid();
    }

    // --- event-lifecycle --------------------------------------------------------------------------------------

    private Uni<Void> sessionEvent(InboundEvent event) {
        String type = event.type();
        if (type.equals(EventTypes.COURSE_PUBLISHED)) {
            return Uni.createFrom().voidItem(); // a course is not a session: each date's own events are worded
        }
        JsonNode data = event.data();
        UUID sessionId = UUID.fromString(data.path("sessionId").asText());
        int sequence = data.path("sequence").asInt();
        String eventId = event.id();
        return SessionCopy.<SessionCopy>findById(sessionId).flatMap(existing -> {
            if (existing != null && existing.sequence > sequence) {
                return Uni.createFrom()
                        .voidItem(); // an older state arriving late: we already told everyone the newer one
            }
            String venueId = data.hasNonNull("venueId")
                    ? data.path("venueId").asText()
                    : existing == null ? null : existing.venueId;
            List<String> linkedGroups = linkedGroups(data);
            return switch (type) {
                case EventTypes.EVENT_PUBLISHED ->
                    keepSession(existing, sessionId, data, false)
                            .flatMap(ignored -> keepVenueLinks(venueId, linkedGroups, event))
                            .flatMap(ignored -> webhooks.sessionUpdate(
                                    "session.published", sessionId, venueId, linkedGroups, List.of(), eventId));
                case EventTypes.EVENT_CHANGED -> {
                    List<String> changed = new ArrayList<>();
                    data.path("changed").forEach(c -> changed.add(c.asText()));
                    Uni<Void> attendees = changed.contains("time") || changed.contains("venue")
                            ? tellAttendees(sessionId, MessageKind.SESSION_CHANGED, RegistrationCopy.ACTIVE, eventId)
                            : Uni.createFrom().voidItem();
                    yield keepSession(existing, sessionId, data, changed.contains("meeting-link"))
                            .flatMap(ignored -> attendees)
                            .flatMap(ignored -> keepVenueLinks(venueId, linkedGroups, event))
                            .flatMap(ignored -> webhooks.sessionUpdate(
                                    "session.changed", sessionId, venueId, linkedGroups, changed, eventId));
                }
                case EventTypes.EVENT_CANCELLED -> {
                    if (existing != null) {
                        existing.status = "CANCELLED";
                        existing.sequence = sequence;
                    }
                    List<String> whoToTell = new ArrayList<>(RegistrationCopy.ACTIVE);
                    whoToTell.add(RegistrationCopy.CANCELLED_WITH_SESSION);
                    yield tellAttendees(sessionId, MessageKind.SESSION_CANCELLED, whoToTell, eventId)
                            .flatMap(ignored -> webhooks.sessionUpdate(
                                    "session.cancelled", sessionId, venueId, null, List.of("status"), eventId));
                }
                case EventTypes.EVENT_COMPLETED -> {
                    if (existing != null) {
                        existing.status = "COMPLETED";
                        // as with a cancellation: an older EventChanged read after it is then dropped as stale
                        existing.sequence = Math.max(existing.sequence, sequence);
                    }
                    yield Uni.createFrom().voidItem();
                }
                default -> Uni.createFrom().voidItem();
            };
        });
    }

    /** {@code venuePartnerGroups} of the event, or null if the event does not carry it (older producers). */
    private static List<String> linkedGroups(JsonNode data) {
        if (!data.path("venuePartnerGroups").isArray()) {
            return null;
        }
        List<String> groups = new ArrayList<>();
        data.path("venuePartnerGroups").forEach(g -> {
            if (g.isTextual() && !g.asText().isBlank()) {
                groups.add(g.asText());
            }
        });
        return groups;
    }

    private Uni<Void> keepVenueLinks(String venueId, List<String> linkedGroups, InboundEvent event) {
        if (venueId == null || linkedGroups == null) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime asOf = event.time() != null ? OffsetDateTime.parse(event.time()) : now();
        return venueLinks.record(venueId, linkedGroups, asOf);
    }

    private Uni<Void> keepSession(SessionCopy existing, UUID sessionId, JsonNode data, boolean meetingLinkChanged) {
        SessionCopy copy = existing != null ? existing : new SessionCopy();
        copy.id = sessionId;
        copy.titleJa = data.path("titleJa").asText("");
        copy.titleEn = data.hasNonNull("titleEn") ? data.path("titleEn").asText() : null;
        copy.startsAt = OffsetDateTime.parse(data.path("startsAt").asText());
        copy.status = data.path("status").asText();
        copy.sequence = data.path("sequence").asInt();
        copy.venueId = data.hasNonNull("venueId") ? data.path("venueId").asText() : null;
        copy.venueNameJa =
                data.hasNonNull("venueNameJa") ? data.path("venueNameJa").asText() : null;
        copy.venueNameEn =
                data.hasNonNull("venueNameEn") ? data.path("venueNameEn").asText() : null;
        copy.allocation = data.path("allocation").asText(null);
        copy.kind = data.path("kind").asText(null);
        copy.endsAt = data.hasNonNull("endsAt")
                ? OffsetDateTime.parse(data.path("endsAt").asText())
                : null;
        if (meetingLinkChanged) {
            // A new version means a new notice, if the first one already went out (see ReminderJob).
            copy.meetingLinkVersion++;
        }
        return existing != null ? Uni.createFrom().voidItem() : copy.persist().replaceWithVoid();
    }

    private Uni<Void> tellAttendees(UUID sessionId, MessageKind kind, List<String> states, String eventId) {
        return RegistrationCopy.<RegistrationCopy>list("sessionId = ?1 and status in ?2", sessionId, states)
                .flatMap(registrations -> Multi.createFrom()
                        .iterable(registrations)
                        .onItem()
                        .transformToUniAndConcatenate(r ->
                                notifier.notify(Notice.of(kind, r.attendeeId, sessionId, r.registrationId, eventId)))
                        .collect()
                        .last()
                        .replaceWithVoid());
    }

    // --- childcare-lifecycle ----------------------------------------------------------------------------------

    private Uni<Void> childcareEvent(InboundEvent event) {
        String type = event.type();
        if (event.is(EventTypes.DROP_IN_CHILDCARE_RESERVED) || event.is(EventTypes.DROP_IN_CHILDCARE_CANCELLED)) {
            return dropInChildcareEvent(event);
        }
        MessageKind kind =
                switch (type) {
                    case EventTypes.CHILDCARE_RESERVED -> MessageKind.CHILDCARE_RESERVED;
                    case EventTypes.CHILDCARE_REJECTED -> MessageKind.CHILDCARE_REJECTED;
                    default -> null; // ChildcareReleased follows her own cancellation, which she was already told about
                };
        if (kind == null) {
            return Uni.createFrom().voidItem();
        }
        JsonNode data = event.data();
        UUID registrationId = UUID.fromString(data.path("registrationId").asText());
        return RegistrationCopy.<RegistrationCopy>findById(registrationId).flatMap(registration -> {
            if (registration == null) {
                // Its registration event is on another topic and may come a moment later: retried, and only
                // dead-lettered (to be replayed) if it never comes.
                return Uni.createFrom().failure(new NotYetKnown("the registration of a childcare reply"));
            }
            return notifier.notify(Notice.of(
                            kind, registration.attendeeId, registration.sessionId, registrationId, event.id()))
                    .replaceWithVoid();
        });
    }

    /**
     * Childcare reserved alone at a drop-in session has no registration: the event names her. She is told it is
     * reserved, and that the session was cancelled; her own cancellation in the app needs no message.
     */
    private Uni<Void> dropInChildcareEvent(InboundEvent event) {
        JsonNode data = event.data();
        MessageKind kind = event.is(EventTypes.DROP_IN_CHILDCARE_RESERVED)
                ? MessageKind.CHILDCARE_RESERVED
                : "SESSION_CANCELLED".equals(data.path("cause").asText()) ? MessageKind.SESSION_CANCELLED : null;
        if (kind == null) {
            return Uni.createFrom().voidItem();
        }
        return notifier.notify(Notice.of(
                        kind,
                        requiredText(data, "attendeeId"),
                        UUID.fromString(requiredText(data, "sessionId")),
                        UUID.fromString(requiredText(data, "reservationId")),
                        event.id()))
                .replaceWithVoid();
    }

    private static String requiredText(JsonNode data, String field) {
        String value = data.path(field).asText(null);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("data." + field + " is missing");
        }
        return value;
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
