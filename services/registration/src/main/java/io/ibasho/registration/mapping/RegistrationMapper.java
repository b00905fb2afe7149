package io.ibasho.registration.mapping;

import io.ibasho.registration.Registration;
import io.ibasho.registration.rest.RegistrationView;
import io.ibasho.registration.rest.RosterView;
import io.ibasho.registration.service.CheckInService;

public final class RegistrationMapper {
    static final String CHECK_IN_PREFIX = "ibasho-checkin:";

    private RegistrationMapper() {
    }

    public static RegistrationView toView(Registration registration) {
        return toView(registration, null);
    }

    public static RegistrationView toView(Registration r, Integer position) {
        boolean confirmed = r.status == Registration.Status.CONFIRMED;
        return new RegistrationView(r.id, r.sessionId, r.nickname, r.status.name().toLowerCase(), r.createdAt, position,
                r.status == Registration.Status.OFFERED ? r.offerExpiresAt : null,
                confirmed ? r.bookingCode : null, confirmed && r.bookingCode != null ? CHECK_IN_PREFIX + r.bookingCode : null,
                r.cancelledBy, r.cancelReason);
    }

    public static RosterView toView(CheckInService.Roster roster) {
        return new RosterView(roster.session().id, roster.session().capacity, roster.seatsTaken(), roster.confirmed(),
                roster.overCapacity(), roster.dropIns(), roster.registrations().stream()
                        .map(r -> new RosterView.Entry(r.id, r.nickname, r.status.name().toLowerCase(),
                                r.status == Registration.Status.CONFIRMED ? r.bookingCode : null,
                                r.attendance == null ? null : r.attendance.name()))
                        .toList());
    }
}
