package io.ibasho.registration.service;

import io.ibasho.plumbing.refusal.Refusal;
import io.ibasho.registration.SessionCopy;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The window the event service published for applying or booking, as registration's copy of the session holds it:
 * not before {@code applicationOpensAt}, not at or after {@code applicationClosesAt}, never once the session has
 * started. One check for both paths (lottery applications and first-come bookings), so both refuse alike with the
 * problems {@code not-open-yet}, {@code applications-closed} and {@code session-started}.
 */
final class ApplicationWindow {
    private ApplicationWindow() {}

    /**
     * @param deadlineApplies false for a lottery's leftover seats, which open to first-come booking after the draw,
     *     i.e. after the deadline by definition
     */
    static Optional<Refusal> refusal(SessionCopy session, OffsetDateTime now, boolean deadlineApplies) {
        if (session.startsAt != null && !now.isBefore(session.startsAt)) {
            return Optional.of(Refusal.conflict(
                    "session-started", "This session started at " + session.startsAt + "; it takes no more bookings."));
        }
        if (session.applicationOpensAt != null && now.isBefore(session.applicationOpensAt)) {
            return Optional.of(Refusal.conflict(
                    "not-open-yet", "Applications open at " + session.applicationOpensAt + "; please come back then."));
        }
        if (deadlineApplies && session.applicationClosesAt != null && !now.isBefore(session.applicationClosesAt)) {
            return Optional.of(Refusal.conflict(
                    "applications-closed", "Applications closed at " + session.applicationClosesAt + "."));
        }
        return Optional.empty();
    }
}
