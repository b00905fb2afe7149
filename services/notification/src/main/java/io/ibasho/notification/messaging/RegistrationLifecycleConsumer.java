package io.ibasho.notification.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.notification.RegistrationCopy;
import io.ibasho.notification.message.MessageKind;
import io.ibasho.notification.repository.RegistrationCopies;
import io.ibasho.notification.service.CourseNotices;
import io.ibasho.notification.service.HerData;
import io.ibasho.notification.service.Notifier;
import io.ibasho.notification.service.Notifier.Notice;
import io.ibasho.plumbing.inbox.InboundEvent;
import io.ibasho.plumbing.inbox.InboundEventReader;
import io.ibasho.plumbing.inbox.OneTransactionPerBatch;
import io.ibasho.plumbing.inbox.ProcessedMessage;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code registration-lifecycle}: her registration's steps become her messages and the registration copy; her
 * erasure removes everything kept for her. The event id is recorded in the same transaction as everything the event causes, so each is handled exactly
 * once per (event, recipient, channel); unreadable messages fail to the consumer's dead-letter topic.
 */
@ApplicationScoped
public class RegistrationLifecycleConsumer {
    /** The name under which notification records the events it handled, the same for its three topics. */
    static final String CONSUMER = "notification";

    private final InboundEventReader events;
    private final Notifier notifier;
    private final HerData herData;
    private final CourseNotices courses;

    public RegistrationLifecycleConsumer(
            InboundEventReader events, Notifier notifier, HerData herData, CourseNotices courses) {
        this.events = events;
        this.notifier = notifier;
        this.herData = herData;
        this.courses = courses;
    }

    /**
     * One poll's records in one transaction (ADR 0084); a batch that fails is handled again one record at a time, each
     * in a transaction of its own: a transient failure is retried with backoff, only poison is dead-lettered (issue
     * #14), alone.
     */
    @Incoming(Topics.REGISTRATION_LIFECYCLE)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return OneTransactionPerBatch.handle(batch, events::parse, event -> true, this::handle);
    }

    private Uni<Void> handle(InboundEvent event) {
        return KEPT_WITH_THE_EVENT_ID.contains(event.type())
                // the event id is recorded by the statement that keeps her copy (round 14)
                ? registrationEvent(event)
                : ProcessedMessage.once(event, CONSUMER, () -> registrationEvent(event));
    }

    /**
     * The types whose registration copy is kept by {@link RegistrationCopies#keepAndRecallOnce}, which records the
     * event id in the same statement (a booking's record: four round trips, not five): exactly the types of the
     * state switch below except CHILDCARE_REQUESTED. Every other type goes through {@link ProcessedMessage#once}.
     */
    static final java.util.Set<String> KEPT_WITH_THE_EVENT_ID = java.util.Set.of(
            EventTypes.APPLICATION_RECEIVED,
            EventTypes.REGISTRATION_CONFIRMED,
            EventTypes.WAITLISTED,
            EventTypes.SEAT_OFFERED,
            EventTypes.OFFER_EXPIRED,
            EventTypes.REGISTRATION_CANCELLED);

    private Uni<Void> registrationEvent(InboundEvent event) {
        String type = event.type();
        if (event.is(EventTypes.SUBJECT_ERASED)) {
            // She deleted her account: everything kept for her goes (docs/adr/0014)
            ErasedSubject subject = ErasedSubject.of(event);
            return herData.erase(subject.attendeeId(), subject.registrationIds())
                    .replaceWithVoid();
        }
        if (event.is(EventTypes.COURSE_BOOKED)
                || event.is(EventTypes.COURSE_CANCELLED)
                || event.is(EventTypes.COURSE_REQUEST_CHANGED)) {
            return courses.courseEvent(event); // one message per course, not one per date
        }
        JsonNode data = event.data();
        String cancelledBy = data.path("cancelledBy").asText("");
        // The state is derived from the event type, not copied from the payload, so it means one thing here.
        String state = switch (type) {
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
        String attendeeId = event.text("attendeeId");
        String eventId = event.id();
        if (type.equals(EventTypes.CHILDCARE_REQUESTED)) {
            // Only remembered when unknown: a waitlisted or applying woman keeps her state until the outcome arrives.
            return rememberIfUnknown(registrationId, sessionId, attendeeId, state);
        }
        // the event id recorded, the copy kept, its state before and the session's allocation: one statement
        return RegistrationCopies.keepAndRecallOnce(eventId, CONSUMER, registrationId, sessionId, attendeeId, state)
                .flatMap(recalled -> {
                    if (!recalled.firstDelivery()) {
                        return Uni.createFrom().voidItem(); // a redelivered event: nothing kept, nothing told
                    }
                    String previousState = recalled.previousState();
                    // a date booked or cancelled with her whole course: the course's one message tells her
                    if (data.hasNonNull("courseBookingId")
                            && (type.equals(EventTypes.REGISTRATION_CONFIRMED)
                                    || type.equals(EventTypes.REGISTRATION_CANCELLED))) {
                        return Uni.createFrom().voidItem();
                    }
                    MessageKind kind = switch (type) {
                        case EventTypes.APPLICATION_RECEIVED -> MessageKind.APPLICATION_RECEIVED;
                        // A confirmation in a lottery session is her lottery win, unless she is
                        // confirming an offer
                        // (the win or a freed seat), which already told her she had a place: then it is
                        // a booking.
                        case EventTypes.REGISTRATION_CONFIRMED ->
                            "LOTTERY".equals(recalled.allocation()) && !"OFFERED".equals(previousState)
                                    ? MessageKind.LOTTERY_WON
                                    : MessageKind.BOOKING_CONFIRMED;
                        // the reserve list of a lottery, or a first-come waitlist (no 抽選 in it)
                        case EventTypes.WAITLISTED ->
                            "LOTTERY_RESERVE".equals(data.path("reason").asText(""))
                                    ? MessageKind.LOTTERY_RESERVE
                                    : MessageKind.WAITLISTED;
                        // A lottery win that must be confirmed by the deadline has its own words;
                        // absent = waitlist.
                        case EventTypes.SEAT_OFFERED ->
                            "LOTTERY_WIN".equals(data.path("reason").asText(""))
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
                                                    .equals(data.path("reason").asText(""))
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
                            ? OffsetDateTime.parse(data.path("offerExpiresAt").asText())
                            : null;
                    String reason = kind == MessageKind.CANCELLED_BY_ORGANISER && data.hasNonNull("reason")
                            ? data.path("reason").asText()
                            : null;
                    return notifier.notify(new Notice(
                                    kind, attendeeId, sessionId, registrationId, eventId, position, deadline, reason))
                            .replaceWithVoid();
                });
    }

    private Uni<Void> rememberIfUnknown(UUID registrationId, UUID sessionId, String attendeeId, String state) {
        return RegistrationCopies.keepIfUnknown(registrationId, sessionId, attendeeId, state);
    }
}
