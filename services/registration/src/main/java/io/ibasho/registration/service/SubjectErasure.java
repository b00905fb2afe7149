package io.ibasho.registration.service;

import io.ibasho.contracts.EventTypes;
import io.ibasho.registration.Registration;
import io.ibasho.registration.Registration.ChildcareStatus;
import io.ibasho.registration.Registration.Status;
import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.messaging.RegistrationOutbox;
import io.ibasho.registration.repository.ErasureStore;
import io.ibasho.registration.repository.SeatLedger;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * She deletes her account (issue #18, docs/adr/0014): in one transaction her registrations lose everything that
 * points to her (account id, nickname, booking code, children's ages), her places in sessions still to come are given
 * up (freed seats go to the next woman waiting, as on any cancellation), her stored answers are deleted, and a
 * {@code SubjectErased} event is written to the outbox for the other services. The rows themselves stay, anonymous,
 * until retention turns them into a session's totals, so the totals organisations report are unchanged. Idempotent:
 * a second erasure finds nothing of hers and changes nothing but announces itself again (consumers are idempotent).
 */
@ApplicationScoped
public class SubjectErasure {
    /** What an erased row's account id becomes: unique per row (the one-active-booking index), linked to nobody. */
    static final String ERASED_PREFIX = "erased:";

    private final RegistrationOutbox outbox;
    private final BookingService bookings;
    private final Clock clock;

    public SubjectErasure(RegistrationOutbox outbox, BookingService bookings, Clock clock) {
        this.outbox = outbox;
        this.bookings = bookings;
        this.clock = clock;
    }

    /** What was erased: counts per kind, never content. */
    public record Receipt(UUID erasureId, OffsetDateTime erasedAt, Map<String, Integer> erased) {}

    @WithTransaction
    public Uni<Receipt> erase(String attendeeId) {
        UUID erasureId = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return Registration.<Registration>find("attendeeId = ?1 order by createdAt", attendeeId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list()
                .flatMap(registrations -> {
                    // counted before anonymising: that clears the ages of sessions still to come
                    int childcareRequests = (int) registrations.stream()
                            .filter(Registration::needsChildcare)
                            .count();
                    return Multi.createFrom()
                            .iterable(registrations)
                            .onItem()
                            .transformToUniAndConcatenate(registration -> anonymise(registration, now))
                            .collect()
                            .asList()
                            .call(() -> deleteSurveyInvitations(registrations))
                            // her course bookings are unlinked too, those still held end and give their places back
                            .call(() -> ErasureStore.unlinkCourseBookings(attendeeId))
                            .flatMap(kinds -> ErasureStore.deleteIdempotencyRecords(attendeeId)
                                    .flatMap(answers -> {
                                        Map<String, Integer> erased = new LinkedHashMap<>();
                                        kinds.forEach(kind -> erased.merge(kind, 1, Integer::sum));
                                        erased.put("childcareRequests", childcareRequests);
                                        erased.put("storedAnswers", answers);
                                        List<String> ids = registrations.stream()
                                                .map(r -> r.id.toString())
                                                .toList();
                                        Map<String, Object> event = new LinkedHashMap<>();
                                        event.put("erasureId", erasureId.toString());
                                        event.put("attendeeId", attendeeId);
                                        event.put("registrationIds", ids);
                                        event.put("erasedAt", now.toString());
                                        // keyed by the erasure's own id, not by her account id or a session id
                                        return outbox.append(EventTypes.SUBJECT_ERASED, erasureId, event)
                                                .replaceWith(new Receipt(erasureId, now, erased));
                                    }));
                });
    }

    /** @return the kind of registration it was (booking, application, waitlist place, ...) for her receipt */
    private Uni<String> anonymise(Registration registration, OffsetDateTime now) {
        String kind = kindOf(registration);
        return SessionCopy.<SessionCopy>findById(registration.sessionId).flatMap(session -> {
            boolean stillToCome = session != null && session.startsAt.isAfter(now);
            boolean heldSeat = BookingService.holdsSeat(registration);
            boolean givesUpPlace = stillToCome && registration.status.active();
            if (givesUpPlace) {
                // she will not come: the place goes, like a cancellation (counted as cancelled in the totals)
                if (registration.childcareStatus == ChildcareStatus.RESERVED
                        || registration.childcareStatus == ChildcareStatus.PENDING) {
                    registration.childcareStatus = ChildcareStatus.RELEASED;
                }
                registration.status = Status.CANCELLED;
                registration.cancelledBy = "ATTENDEE";
                registration.cancelReason = null;
                registration.offerExpiresAt = null;
            }
            registration.attendeeId = ERASED_PREFIX + UUID.randomUUID();
            registration.nickname = "";
            registration.bookingCode = null;
            // whether she came stays for the totals; when she came at the door is hers
            registration.attendedAt = null;
            if (stillToCome) {
                registration.childrenAges = null;
            }
            // a session already held keeps the children's ages (unlinked from her now) for the childcare report's
            // age bands, as childcare-booking keeps its booked children's ages; retention deletes them with the row
            registration.updatedAt = now;
            Uni<Void> seat = givesUpPlace && heldSeat
                    ? SeatLedger.release(session.id)
                            .call(() -> Panache.getSession().flatMap(s -> s.flush()))
                            .call(() -> bookings.offerFreedSeats(session))
                    : Uni.createFrom().voidItem();
            return seat.replaceWith(kind);
        });
    }

    static String kindOf(Registration registration) {
        return switch (registration.status) {
            case APPLIED -> "lotteryApplications";
            case WAITLISTED, OFFERED -> "waitlistPlaces";
            case CONFIRMED, PENDING_CHILDCARE -> "bookings";
            default -> "pastOrCancelledRegistrations";
        };
    }

    /** Surveys she was invited to and did not answer: the invitation names her registration. Answers stay (anonymous). */
    private static Uni<Integer> deleteSurveyInvitations(List<Registration> registrations) {
        if (registrations.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return ErasureStore.deleteSurveyInvitations(
                registrations.stream().map(r -> r.id).toList());
    }
}
