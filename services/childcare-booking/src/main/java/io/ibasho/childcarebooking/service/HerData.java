package io.ibasho.childcarebooking.service;

import io.ibasho.childcarebooking.BookedChild;
import io.ibasho.childcarebooking.ChildcareBooking;
import io.ibasho.childcarebooking.ConsentRecord;
import io.ibasho.childcarebooking.mapping.ChildcareEvents;
import io.ibasho.childcarebooking.repository.ErasureStore;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What childcare-booking holds about her (issue #18): her childcare bookings with each child's age, the nickname and
 * the care notes she gave, and her consent records. Exported on her request; on her erasure the places of sessions still to come are released
 * (announced as on a cancellation) and every booking loses its link to her and its nicknames and notes, while the
 * children's ages stay for the session's anonymous totals until retention; her consent records are deleted.
 */
@ApplicationScoped
public class HerData {
    private final ChildcareReservationService reservations;
    private final Clock clock;

    public HerData(ChildcareReservationService reservations, Clock clock) {
        this.reservations = reservations;
        this.clock = clock;
    }

    public record Child(int position, int ageYears, String nickname, String careNotes, OffsetDateTime notesUpdatedAt) {}

    /** {@code kind} SEAT or DROP_IN; a drop-in reservation has no registration, so its registrationId is its own id. */
    public record Booking(
            String kind,
            UUID registrationId,
            UUID sessionId,
            String handoverCode,
            String status,
            OffsetDateTime createdAt,
            OffsetDateTime releasedAt,
            List<Child> children) {}

    /** What she agreed to, in the words and language she was shown (ConsentWording), and when; withdrawn or not. */
    public record Consent(
            String purpose,
            String language,
            String wordingVersion,
            String wording,
            OffsetDateTime givenAt,
            OffsetDateTime withdrawnAt) {}

    public record Export(String service, List<Booking> childcareBookings, List<Consent> consents) {}

    /** What went: counts per kind, never content. */
    public record Erased(int bookings, int children, int released, int consentRecords) {}

    @WithSession
    public Uni<Export> export(String attendeeId) {
        return bookings(attendeeId)
                .flatMap(export -> ConsentRecord.<ConsentRecord>list("attendeeId = ?1 order by givenAt", attendeeId)
                        .map(records -> new Export(
                                export.service(),
                                export.childcareBookings(),
                                records.stream()
                                        .map(r -> new Consent(
                                                r.purpose,
                                                r.language,
                                                r.wordingVersion,
                                                ConsentWording.text(r.purpose, r.wordingVersion, r.language),
                                                r.givenAt,
                                                r.withdrawnAt))
                                        .toList())));
    }

    private Uni<Export> bookings(String attendeeId) {
        return ChildcareBooking.<ChildcareBooking>list("attendeeId = ?1 order by createdAt", attendeeId)
                .flatMap(bookings -> {
                    List<UUID> ids = bookings.stream().map(b -> b.id).toList();
                    Uni<List<BookedChild>> children = ids.isEmpty()
                            ? Uni.createFrom().item(List.of())
                            : BookedChild.list("bookingId in ?1 order by position", ids);
                    return children.map(all -> {
                        Map<UUID, List<BookedChild>> byBooking =
                                all.stream().collect(Collectors.groupingBy(c -> c.bookingId));
                        return new Export(
                                "childcare-booking",
                                bookings.stream()
                                        .map(b -> new Booking(
                                                b.kind.name(),
                                                b.registrationId,
                                                b.sessionId,
                                                b.handoverCode,
                                                b.status.name(),
                                                b.createdAt,
                                                b.releasedAt,
                                                byBooking.getOrDefault(b.id, List.of()).stream()
                                                        .map(c -> new Child(
                                                                c.position,
                                                                c.ageYears,
                                                                c.childNickname,
                                                                c.careNotes,
                                                                c.notesUpdatedAt))
                                                        .toList()))
                                        .toList(),
                                List.of());
                    });
                });
    }

    /** Inside the consumer's transaction; idempotent (a second run finds nothing linked to her). */
    public Uni<Erased> erase(String attendeeId, List<UUID> registrationIds) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return ChildcareBooking.<ChildcareBooking>list(
                        "(attendeeId = ?1 or registrationId in ?2) and status = ?3 and sessionId in "
                                + "(select o.sessionId from SessionOffer o where o.startsAt > ?4)",
                        attendeeId,
                        registrationIds.isEmpty() ? List.of(new UUID(0, 0)) : registrationIds,
                        ChildcareBooking.Status.RESERVED,
                        now)
                .flatMap(toRelease -> Multi.createFrom()
                        .iterable(toRelease)
                        .onItem()
                        .transformToUniAndConcatenate(booking -> reservations.release(
                                booking.registrationId, ChildcareEvents.ReleaseCause.REGISTRATION_CANCELLED))
                        .collect()
                        .asList()
                        .map(List::size))
                .flatMap(released -> ErasureStore.clearChildren(attendeeId, registrationIds)
                        .flatMap(clearedChildren -> ErasureStore.unlinkBookings(attendeeId, registrationIds)
                                .call(unlinked -> ErasureStore.dropWaitingRequests(attendeeId))
                                .flatMap(unlinked -> ErasureStore.deleteConsents(attendeeId)
                                        .map(records -> new Erased(unlinked, clearedChildren, released, records)))));
    }
}
