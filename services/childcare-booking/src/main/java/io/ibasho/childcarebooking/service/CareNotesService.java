package io.ibasho.childcarebooking.service;

import io.ibasho.childcarebooking.BookedChild;
import io.ibasho.childcarebooking.ChildcareBooking;
import io.ibasho.plumbing.refusal.Refusal;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Care notes are written only by the mother whose booking it is: the booking is looked up by registration id AND
 * her account id, so anyone else's attempt is indistinguishable from a booking that does not exist (404).
 */
@ApplicationScoped
public class CareNotesService {
    private final Clock clock;
    private final Consents consents;

    public CareNotesService(Clock clock, Consents consents) {
        this.clock = clock;
        this.consents = consents;
    }

    public enum Mode {
        /** Replaces the notes of every child: children not listed have theirs removed (PUT). */
        REPLACE_ALL,
        /**
         * Updates only the children listed (POST), and of those only the fields given: a missing field keeps its value,
         * an empty one removes it.
         */
        UPDATE_LISTED
    }

    @WithTransaction
    public Uni<CareNotesView> write(UUID registrationId, String attendeeId, CareNotesRequest request, Mode mode) {
        boolean storesNotes =
                request.children().stream().anyMatch(c -> !isBlank(c.childNickname()) || !isBlank(c.careNotes()));
        return ownReservedBooking(registrationId, attendeeId)
                .call(booking -> consents.beforeNotes(attendeeId, request.consentLanguage(), storesNotes))
                .flatMap(booking -> BookedChild.<BookedChild>list("bookingId = ?1 order by position", booking.id))
                .map(children -> {
                    Map<Integer, CareNotesRequest.ChildNotes> byPosition = byPosition(request, children.size());
                    OffsetDateTime now = OffsetDateTime.now(clock);
                    for (BookedChild child : children) {
                        CareNotesRequest.ChildNotes notes = byPosition.get(child.position);
                        if (notes == null && mode == Mode.UPDATE_LISTED) {
                            continue;
                        }
                        if (mode == Mode.REPLACE_ALL) {
                            child.childNickname = notes == null ? null : blankToNull(notes.childNickname());
                            child.careNotes = notes == null ? null : blankToNull(notes.careNotes());
                        } else {
                            if (notes.childNickname() != null) {
                                child.childNickname = blankToNull(notes.childNickname());
                            }
                            if (notes.careNotes() != null) {
                                child.careNotes = blankToNull(notes.careNotes());
                            }
                        }
                        child.notesUpdatedAt = now;
                    }
                    return view(children);
                });
    }

    @WithSession
    public Uni<CareNotesView> read(UUID registrationId, String attendeeId) {
        return ownReservedBooking(registrationId, attendeeId)
                .flatMap(booking -> BookedChild.<BookedChild>list("bookingId = ?1 order by position", booking.id))
                .map(CareNotesService::view);
    }

    private static Uni<ChildcareBooking> ownReservedBooking(UUID registrationId, String attendeeId) {
        return ChildcareBooking.<ChildcareBooking>find(
                        "registrationId = ?1 and attendeeId = ?2 and status = ?3",
                        registrationId,
                        attendeeId,
                        ChildcareBooking.Status.RESERVED)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("childcare booking"));
    }

    private static Map<Integer, CareNotesRequest.ChildNotes> byPosition(CareNotesRequest request, int children) {
        Map<Integer, CareNotesRequest.ChildNotes> byPosition = new HashMap<>();
        for (CareNotesRequest.ChildNotes notes : request.children()) {
            if (notes.position() > children) {
                throw Refusal.invalid(
                        "unknown-child",
                        "This booking has " + children + " child(ren); position " + notes.position()
                                + " does not exist.");
            }
            if (byPosition.put(notes.position(), notes) != null) {
                throw Refusal.invalid("duplicate-child", "Position " + notes.position() + " is listed twice.");
            }
        }
        return byPosition;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static CareNotesView view(List<BookedChild> children) {
        return new CareNotesView(children.stream()
                .sorted(Comparator.comparingInt(c -> c.position))
                .map(c -> new CareNotesView.ChildNotesView(c.position, c.ageYears, c.childNickname, c.careNotes))
                .toList());
    }
}
