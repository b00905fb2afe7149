package io.ibasho.childcarebooking.service;

import io.ibasho.childcarebooking.BookedChild;
import io.ibasho.childcarebooking.ChildcareBooking;
import io.ibasho.childcarebooking.SessionOffer;
import io.ibasho.childcarebooking.capacity.Assessment;
import io.ibasho.childcarebooking.capacity.ChildAge;
import io.ibasho.childcarebooking.mapping.ChildcareEvents;
import io.ibasho.childcarebooking.mapping.SessionCapacity;
import io.ibasho.childcarebooking.repository.SessionOffers;
import io.ibasho.contracts.EventTypes;
import io.ibasho.plumbing.code.DoorCodes;
import io.ibasho.plumbing.outbox.Outbox;
import io.ibasho.plumbing.refusal.Refusal;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * 託児 at a drop-in session (allocation NONE): there is no seat to book, so she reserves childcare alone. The same
 * rules as with a seat decide (the childcare deadline, the ages the carers take, the organisation's ratio table and
 * cap), under the same lock of the session's offer row, so drop-in and seat reservations never overfill the carers
 * together. Only ids travel on Kafka (DropInChildcareReserved / DropInChildcareCancelled), so that notification can tell
 * her in her safe channel; the carers read the children on the care sheet.
 */
@ApplicationScoped
public class DropInChildcareService {
    private final ChildcareReservationService reservations;
    private final Outbox outbox;
    private final Clock clock;

    private final Consents consents;

    public DropInChildcareService(
            ChildcareReservationService reservations, Outbox outbox, Clock clock, Consents consents) {
        this.consents = consents;
        this.reservations = reservations;
        this.outbox = outbox;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<DropInChildcareView> reserve(String attendeeId, DropInChildcareRequest request) {
        UUID sessionId = request.sessionId();
        return SessionOffer.<SessionOffer>findById(sessionId, LockModeType.PESSIMISTIC_WRITE)
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("session"))
                .flatMap(offer -> {
                    if (!offer.dropIn()) {
                        throw Refusal.conflict(
                                "not-drop-in",
                                "This session takes bookings: ask for childcare together with your seat.");
                    }
                    return ChildcareBooking.count(
                                    "sessionId = ?1 and attendeeId = ?2 and kind = ?3 and status = ?4",
                                    sessionId,
                                    attendeeId,
                                    ChildcareBooking.Kind.DROP_IN,
                                    ChildcareBooking.Status.RESERVED)
                            .flatMap(already -> {
                                if (already > 0) {
                                    throw Refusal.conflict(
                                            "already-reserved",
                                            "You already reserved childcare for this session; change or cancel it"
                                                    + " under My bookings.");
                                }
                                boolean storesNotes = request.children().stream()
                                        .anyMatch(c -> (c.childNickname() != null
                                                        && !c.childNickname().isBlank())
                                                || (c.careNotes() != null
                                                        && !c.careNotes().isBlank()));
                                return consents.beforeNotes(attendeeId, request.consentLanguage(), storesNotes)
                                        .flatMap(ignored -> assessAndReserve(offer, attendeeId, request));
                            });
                });
    }

    /** Her own reservation, whatever its status; anyone else's is 404. */
    @WithSession
    public Uni<DropInChildcareView> one(UUID id, String attendeeId) {
        return ChildcareBooking.<ChildcareBooking>find(
                        "id = ?1 and attendeeId = ?2 and kind = ?3", id, attendeeId, ChildcareBooking.Kind.DROP_IN)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("childcare reservation"))
                .flatMap(booking -> views(List.of(booking)))
                .map(List::getFirst);
    }

    @WithSession
    public Uni<List<DropInChildcareView>> mine(String attendeeId) {
        return ChildcareBooking.<ChildcareBooking>list(
                        "attendeeId = ?1 and kind = ?2 and status = ?3 order by createdAt",
                        attendeeId,
                        ChildcareBooking.Kind.DROP_IN,
                        ChildcareBooking.Status.RESERVED)
                .flatMap(this::views);
    }

    /** Cancels her own reservation; anyone else's, or one already cancelled, is indistinguishable from none (404). */
    @WithTransaction
    public Uni<Void> cancel(UUID id, String attendeeId) {
        return ChildcareBooking.<ChildcareBooking>find(
                        "id = ?1 and attendeeId = ?2 and kind = ?3 and status = ?4",
                        id,
                        attendeeId,
                        ChildcareBooking.Kind.DROP_IN,
                        ChildcareBooking.Status.RESERVED)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("childcare reservation"))
                .flatMap(booking -> end(booking, ChildcareEvents.DropInCancelCause.ATTENDEE));
    }

    /**
     * The session was cancelled: every drop-in reservation of it ends and she is told (her seat-less reservation has
     * no registration that registration's cancellation would reach). Inside the consumer's transaction; idempotent.
     */
    public Uni<Void> endAllOf(UUID sessionId) {
        return SessionOffers.lock(sessionId)
                .flatMap(locked -> ChildcareBooking.<ChildcareBooking>list(
                                "sessionId = ?1 and kind = ?2 and status = ?3",
                                sessionId,
                                ChildcareBooking.Kind.DROP_IN,
                                ChildcareBooking.Status.RESERVED)
                        .flatMap(bookings -> Multi.createFrom()
                                .iterable(bookings)
                                .onItem()
                                .transformToUniAndConcatenate(booking -> reservations
                                        .releaseUnderLock(booking, ChildcareEvents.ReleaseCause.REGISTRATION_CANCELLED)
                                        .call(() -> announceEnd(
                                                booking, ChildcareEvents.DropInCancelCause.SESSION_CANCELLED)))
                                .collect()
                                .asList()))
                .replaceWithVoid();
    }

    private Uni<Void> end(ChildcareBooking booking, ChildcareEvents.DropInCancelCause cause) {
        return reservations
                .release(booking.registrationId, ChildcareEvents.ReleaseCause.REGISTRATION_CANCELLED)
                .call(() -> announceEnd(booking, cause))
                .replaceWithVoid();
    }

    private Uni<Void> announceEnd(ChildcareBooking booking, ChildcareEvents.DropInCancelCause cause) {
        return outbox.append(
                EventTypes.DROP_IN_CHILDCARE_CANCELLED,
                booking.sessionId,
                new ChildcareEvents.DropInCancelled(booking.id, booking.sessionId, booking.attendeeId, cause));
    }

    private Uni<DropInChildcareView> assessAndReserve(
            SessionOffer offer, String attendeeId, DropInChildcareRequest request) {
        List<ChildAge> requested = request.children().stream()
                .map(child -> ChildAge.of(child.ageYears()))
                .toList();
        return OrganisationRatiosService.rulesOf(offer.organisationId)
                .flatMap(rules -> ChildcareReservationService.reservedChildren(offer.sessionId)
                        .flatMap(existing -> {
                            Assessment assessment =
                                    SessionCapacity.of(offer, rules).assess(existing, requested, clock.instant());
                            if (!assessment.accepted()) {
                                throw refusalFor(assessment);
                            }
                            return persist(offer, attendeeId, request);
                        }));
    }

    private Uni<DropInChildcareView> persist(SessionOffer offer, String attendeeId, DropInChildcareRequest request) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        ChildcareBooking booking = new ChildcareBooking();
        booking.id = UUID.randomUUID();
        booking.requestId = booking.id;
        booking.registrationId = booking.id; // no registration: see V8
        booking.kind = ChildcareBooking.Kind.DROP_IN;
        booking.handoverCode = DoorCodes.next();
        booking.sessionId = offer.sessionId;
        booking.attendeeId = attendeeId;
        booking.status = ChildcareBooking.Status.RESERVED;
        booking.createdAt = now;
        List<BookedChild> children = new ArrayList<>();
        for (int i = 0; i < request.children().size(); i++) {
            DropInChildcareRequest.Child asked = request.children().get(i);
            BookedChild child = new BookedChild();
            child.id = UUID.randomUUID();
            child.bookingId = booking.id;
            child.position = i + 1;
            child.ageYears = asked.ageYears();
            child.childNickname = blankToNull(asked.childNickname());
            child.careNotes = blankToNull(asked.careNotes());
            child.notesUpdatedAt = child.childNickname == null && child.careNotes == null ? null : now;
            children.add(child);
        }
        return booking.persist()
                .call(() -> BookedChild.persist(children))
                .call(() -> outbox.append(
                        EventTypes.DROP_IN_CHILDCARE_RESERVED,
                        booking.sessionId,
                        new ChildcareEvents.DropInReserved(booking.id, booking.sessionId, attendeeId, children.size())))
                .map(ignored -> view(booking, offer, children));
    }

    private Uni<List<DropInChildcareView>> views(List<ChildcareBooking> bookings) {
        if (bookings.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> ids = bookings.stream().map(b -> b.id).toList();
        List<UUID> sessions = bookings.stream().map(b -> b.sessionId).distinct().toList();
        return BookedChild.<BookedChild>list("bookingId in ?1", ids)
                .flatMap(children -> SessionOffer.<SessionOffer>list("sessionId in ?1", sessions)
                        .map(offers -> {
                            Map<UUID, List<BookedChild>> byBooking =
                                    children.stream().collect(Collectors.groupingBy(c -> c.bookingId));
                            Map<UUID, SessionOffer> offerById =
                                    offers.stream().collect(Collectors.toMap(o -> o.sessionId, o -> o));
                            return bookings.stream()
                                    .map(b -> view(
                                            b, offerById.get(b.sessionId), byBooking.getOrDefault(b.id, List.of())))
                                    .toList();
                        }));
    }

    private static DropInChildcareView view(ChildcareBooking booking, SessionOffer offer, List<BookedChild> children) {
        return new DropInChildcareView(
                booking.id,
                booking.sessionId,
                booking.handoverCode,
                booking.status.name(),
                offer == null ? null : offer.startsAt.toInstant(),
                booking.createdAt.toInstant(),
                children.stream()
                        .sorted(Comparator.comparingInt(c -> c.position))
                        .map(c -> new DropInChildcareView.Child(c.position, c.ageYears, c.childNickname, c.careNotes))
                        .toList());
    }

    /** The same reasons, in the same order, as a seat's childcare request is refused for (docs/childcare.md). */
    private static Refusal refusalFor(Assessment assessment) {
        return switch (assessment.outcome()) {
            case NOT_OFFERED -> Refusal.conflict("childcare-not-offered", "This session has no childcare.");
            case DEADLINE_PASSED ->
                Refusal.conflict("childcare-deadline-passed", "Childcare for this session can no longer be reserved.");
            case AGE_OUT_OF_RANGE ->
                Refusal.conflict("childcare-age-out-of-range", "The carers cannot take a child of this age here.");
            case CAP_EXCEEDED, RATIO_EXCEEDED ->
                Refusal.conflict("childcare-full", "There are not enough childcare places left for these children.");
            case ACCEPTED -> throw new IllegalStateException("accepted is not a refusal");
        };
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
