package io.ibasho.registration.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.ibasho.contracts.EventTypes;
import io.ibasho.registration.Registration;
import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.mapping.RegistrationEvents;
import io.ibasho.registration.messaging.RegistrationOutbox;
import io.ibasho.registration.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * First-come booking. The seat is taken by one conditional UPDATE on the session row: PostgreSQL serialises
 * concurrent bookers on that row, so confirmed seats can never exceed capacity (and a CHECK constraint backs it).
 */
@ApplicationScoped
public class BookingService {
    private final RegistrationOutbox outbox;

    public BookingService(RegistrationOutbox outbox) {
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<Registration> book(UUID sessionId, String attendeeId, String nickname) {
        return SessionCopy.<SessionCopy>findById(sessionId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("session"))
                .flatMap(session -> {
                    if (!"PUBLISHED".equals(session.status)) {
                        return Uni.createFrom().failure(ProblemException.conflict("session-not-open",
                                "This session is " + session.status.toLowerCase() + " and takes no bookings."));
                    }
                    if (!"FIRST_COME".equals(session.allocation)) {
                        return Uni.createFrom().failure(ProblemException.conflict("not-first-come",
                                "This session is not booked first-come (allocation " + session.allocation + ")."));
                    }
                    return Registration.<Registration>find("sessionId = ?1 and attendeeId = ?2 and status in ?3", sessionId,
                                    attendeeId, List.of(Registration.Status.CONFIRMED, Registration.Status.APPLIED,
                                            Registration.Status.WAITLISTED, Registration.Status.OFFERED))
                            .firstResult()
                            .flatMap(existing -> existing != null
                                    ? Uni.createFrom().failure(ProblemException.conflict("already-registered",
                                            "You already have a booking for this session."))
                                    : takeSeat(session.id))
                            .flatMap(taken -> taken
                                    ? confirm(session, attendeeId, nickname)
                                    : Uni.createFrom().failure(ProblemException.conflict("session-full",
                                            "All seats are taken. You can join the waitlist.")));
                });
    }

    private static Uni<Boolean> takeSeat(UUID sessionId) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "update session_copy set confirmed_seats = confirmed_seats + 1 "
                                + "where id = :id and (capacity is null or confirmed_seats < capacity)")
                .setParameter("id", sessionId).executeUpdate()).map(updated -> updated == 1);
    }

    private Uni<Registration> confirm(SessionCopy session, String attendeeId, String nickname) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Registration registration = new Registration();
        registration.id = UUID.randomUUID();
        registration.sessionId = session.id;
        registration.attendeeId = attendeeId;
        registration.nickname = nickname;
        registration.status = Registration.Status.CONFIRMED;
        registration.createdAt = now;
        registration.updatedAt = now;
        return registration.<Registration>persist()
                .call(saved -> outbox.append(EventTypes.REGISTRATION_CONFIRMED, session.id, RegistrationEvents.confirmed(saved)));
    }

    @WithSession
    public Uni<List<Registration>> mine(String attendeeId) {
        return Registration.list("attendeeId = ?1 order by createdAt desc", attendeeId);
    }
}
