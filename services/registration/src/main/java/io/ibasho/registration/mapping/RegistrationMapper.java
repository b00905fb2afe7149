package io.ibasho.registration.mapping;

import io.ibasho.registration.Registration;
import io.ibasho.registration.door.DoorDay;
import io.ibasho.registration.service.CheckInService;

public final class RegistrationMapper {
    static final String CHECK_IN_PREFIX = "ibasho-checkin:";

    private RegistrationMapper() {}

    public static RegistrationView toView(Registration registration) {
        return toView(registration, null);
    }

    public static RegistrationView toView(Registration r, Integer position) {
        return toView(r, position, null);
    }

    /**
     * With the session's parts (1部/2部) that this one booking is for, as GET /mine shows them.
     *
     * @param position her place among those still waiting (1 = next); on a lottery's reserve list the view shows her
     *     published reserve number instead, and this as {@code aheadOfYou}
     */
    public static RegistrationView toView(
            Registration r, Integer position, java.util.List<RegistrationView.Part> parts) {
        return toView(r, position, parts, null);
    }

    /** @param cancellableUntil until when she may give up the seat she holds herself (GET /mine), or null */
    public static RegistrationView toView(
            Registration r,
            Integer position,
            java.util.List<RegistrationView.Part> parts,
            java.time.OffsetDateTime cancellableUntil) {
        boolean confirmed = r.status == Registration.Status.CONFIRMED;
        boolean waiting = r.status == Registration.Status.WAITLISTED;
        NextSteps next = nextSteps(r);
        return new RegistrationView(
                r.id,
                r.sessionId,
                r.nickname,
                r.status.name().toLowerCase(),
                r.createdAt,
                waiting && r.reserveNumber != null ? r.reserveNumber : position,
                r.status == Registration.Status.OFFERED ? r.offerExpiresAt : null,
                confirmed ? r.bookingCode : null,
                confirmed ? checkInPayload(r) : null,
                r.cancelledBy,
                r.cancelReason,
                r.needsChildcare() ? r.childrenAgeList() : null,
                r.childcareStatus == null ? null : r.childcareStatus.name().toLowerCase(),
                r.childcareRejectReason,
                next == null ? null : next.text(),
                next == null ? null : next.name(),
                parts,
                waiting ? r.waitlistReason : null,
                waiting && position != null ? position - 1 : null,
                r.courseBookingId,
                offerReason(r),
                cancellableUntil,
                r.lotteryReference);
    }

    /**
     * Why a seat is offered to her. Everyone offered a freed seat waited for it first, with the reason she waited
     * (waitlist, reserve list, childcare); a lottery winner who must confirm went from her application straight to the
     * offer, without one.
     */
    static String offerReason(Registration r) {
        if (r.status != Registration.Status.OFFERED) {
            return null;
        }
        return r.waitlistReason == null
                ? RegistrationView.OFFERED_AFTER_LOTTERY_WIN
                : RegistrationView.OFFERED_SEAT_FREED;
    }

    /**
     * What the QR code at the door encodes: the booking code behind a fixed prefix (so a scanner knows it is ours), and
     * nothing about her, her account or the session. Null without a booking code.
     */
    public static String checkInPayload(Registration r) {
        return r.bookingCode == null ? null : CHECK_IN_PREFIX + r.bookingCode;
    }

    /** What she can do next, whenever 託児 is what stands between her and a seat; null when nothing stands there. */
    static NextSteps nextSteps(Registration r) {
        if (r.courseBookingId != null
                && r.status == Registration.Status.CONFIRMED
                && r.childcareStatus == Registration.ChildcareStatus.REJECTED) {
            return NextSteps.COURSE_DATE_WITHOUT_CHILDCARE;
        }
        if (r.status == Registration.Status.CHILDCARE_UNAVAILABLE) {
            return NextSteps.CHILDCARE_UNAVAILABLE;
        }
        if (r.status == Registration.Status.PENDING_CHILDCARE) {
            return NextSteps.PENDING_CHILDCARE;
        }
        if (r.status == Registration.Status.WAITLISTED && r.childcareStatus == Registration.ChildcareStatus.REJECTED) {
            return NextSteps.WAITING_FOR_CHILDCARE;
        }
        return null;
    }

    public static RosterView toView(CheckInService.Roster roster) {
        return new RosterView(
                roster.session().id,
                roster.session().capacity,
                roster.seatsTaken(),
                roster.confirmed(),
                roster.overCapacity(),
                roster.dropIns(),
                roster.door() == DoorDay.State.OPEN,
                CheckInService.refusalOf(roster.door()),
                roster.registrations().stream()
                        .map(r -> new RosterView.Entry(
                                r.id,
                                r.nickname,
                                r.status.name().toLowerCase(),
                                r.status == Registration.Status.CONFIRMED ? r.bookingCode : null,
                                r.attendance == null ? null : r.attendance.name(),
                                waitingPlace(r, roster.registrations()),
                                r.status == Registration.Status.OFFERED ? r.offerExpiresAt : null,
                                r.attendedAt))
                        .toList());
    }

    /** As GET /mine shows it to her: the published reserve number, else her place among those still waiting. */
    private static Integer waitingPlace(Registration r, java.util.List<Registration> all) {
        if (r.status != Registration.Status.WAITLISTED) {
            return null;
        }
        if (r.reserveNumber != null) {
            return r.reserveNumber;
        }
        long ahead = all.stream()
                .filter(o -> o.status == Registration.Status.WAITLISTED
                        && o.waitlistNumber != null
                        && r.waitlistNumber != null
                        && o.waitlistNumber < r.waitlistNumber)
                .count();
        return (int) ahead + 1;
    }
}
