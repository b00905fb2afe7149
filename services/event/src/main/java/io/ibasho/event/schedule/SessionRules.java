package io.ibasho.event.schedule;

import static io.ibasho.event.schedule.SessionRuleCode.*;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The rules a session must meet before it is saved, for every kind. Returns all violations at once (empty when the
 * session is fine) so a form can show every problem together. Pure: the caller supplies the venue and the other
 * sessions' room bookings.
 */
public final class SessionRules {

    private SessionRules() {}

    public static List<Violation> validate(SessionDraft draft) {
        return validate(draft, List.of());
    }

    /** @param otherRoomBookings bookings of rooms by other sessions around the draft's time; the draft's own is ignored */
    public static List<Violation> validate(SessionDraft draft, Collection<RoomBooking> otherRoomBookings) {
        List<Violation> violations = new ArrayList<>();
        checkBasics(draft, violations);
        checkCapacity(draft, violations);
        checkApplication(draft, violations);
        checkMeetingLink(draft, violations);
        checkFreeSpace(draft, violations);
        checkParts(draft, violations);
        checkChildcare(draft, violations);
        checkRoom(draft, otherRoomBookings, violations);
        return List.copyOf(violations);
    }

    private static void checkBasics(SessionDraft draft, List<Violation> violations) {
        if (draft.kind() == null) {
            violations.add(new Violation(
                    "kind",
                    KIND_REQUIRED,
                    "Choose what kind of session this is: cafe, workshop, online or free-space"));
        }
        if (draft.title() == null || !draft.title().hasJa()) {
            violations.add(
                    new Violation("title.ja", TITLE_JA_REQUIRED, "The title needs Japanese text; English is optional"));
        }
        if (draft.targetAudience() != null && !draft.targetAudience().hasJa()) {
            violations.add(new Violation(
                    "targetAudience.ja",
                    TARGET_AUDIENCE_JA_REQUIRED,
                    "Describe the target audience in Japanese, or leave it out; English is optional"));
        }
        if (draft.start() == null) {
            violations.add(new Violation("start", START_REQUIRED, "The session needs a start"));
        }
        if (draft.end() == null) {
            violations.add(new Violation("end", END_REQUIRED, "The session needs an end"));
        }
        if (draft.start() != null && draft.end() != null && !draft.end().isAfter(draft.start())) {
            violations.add(new Violation(
                    "end",
                    END_NOT_AFTER_START,
                    "The session ends at " + draft.end() + ", which is not after its start " + draft.start()));
        }
    }

    private static void checkCapacity(SessionDraft draft, List<Violation> violations) {
        Integer capacity = draft.capacity();
        if (capacity == null) {
            if (draft.kind() == SessionKind.WORKSHOP) {
                violations.add(new Violation(
                        "capacity", CAPACITY_REQUIRED, "A workshop needs a fixed capacity of at least 1"));
            }
            return;
        }
        if (capacity < 1) {
            violations.add(
                    new Violation("capacity", CAPACITY_BELOW_ONE, "Capacity must be at least 1, was " + capacity));
        }
        Integer ceiling = draft.venue() == null ? null : draft.venue().capacityCeiling();
        if (ceiling != null && capacity > ceiling) {
            violations.add(new Violation(
                    "capacity",
                    CAPACITY_ABOVE_VENUE_CEILING,
                    "Capacity " + capacity + " is more than the venue holds (" + ceiling + ")"));
        }
    }

    private static void checkApplication(SessionDraft draft, List<Violation> violations) {
        if (draft.kind() == SessionKind.WORKSHOP) {
            if (draft.applicationOpens() == null) {
                violations.add(new Violation(
                        "applicationOpens", APPLICATION_OPENS_REQUIRED, "A workshop needs the time applications open"));
            }
            if (draft.applicationCloses() == null) {
                violations.add(new Violation(
                        "applicationCloses", DEADLINE_REQUIRED, "A workshop needs an application deadline"));
            }
            if (draft.allocation() == null) {
                violations.add(new Violation(
                        "allocation", ALLOCATION_REQUIRED, "Choose how places are given: FIRST_COME or LOTTERY"));
            }
        }
        if (draft.applicationOpens() != null
                && draft.applicationCloses() != null
                && !draft.applicationOpens().isBefore(draft.applicationCloses())) {
            violations.add(new Violation(
                    "applicationOpens",
                    APPLICATION_OPENS_NOT_BEFORE_DEADLINE,
                    "Applications open at " + draft.applicationOpens() + ", which is not before the deadline "
                            + draft.applicationCloses()));
        }
        if (draft.applicationCloses() != null
                && draft.start() != null
                && !draft.applicationCloses().isBefore(draft.start())) {
            violations.add(new Violation(
                    "applicationCloses",
                    DEADLINE_NOT_BEFORE_START,
                    "The application deadline " + draft.applicationCloses() + " must be before the session starts at "
                            + draft.start()));
        }
    }

    private static void checkMeetingLink(SessionDraft draft, List<Violation> violations) {
        String link = draft.meetingLink();
        boolean hasLink = link != null && !link.isBlank();
        // Messages never repeat the link: they are shown, logged and sent back in API errors.
        if (draft.kind() != SessionKind.ONLINE) {
            if (hasLink) {
                violations.add(new Violation(
                        "meetingLink",
                        MEETING_LINK_ONLY_FOR_ONLINE,
                        "Only online sessions have a meeting link; remove it so it cannot be shown by mistake"));
            }
            return;
        }
        if (!hasLink) {
            violations.add(new Violation(
                    "meetingLink",
                    MEETING_LINK_REQUIRED,
                    "An online session needs a meeting link; it is sent privately to people with a place"));
        } else if (!isHttpsUrl(link.strip())) {
            violations.add(
                    new Violation("meetingLink", MEETING_LINK_INVALID, "The meeting link must be an https:// address"));
        }
    }

    private static boolean isHttpsUrl(String link) {
        try {
            URI uri = new URI(link);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void checkFreeSpace(SessionDraft draft, List<Violation> violations) {
        if (draft.kind() != SessionKind.FREE_SPACE) {
            return;
        }
        String message = "A free space is open to anyone who comes: it takes no booking or applications";
        if (draft.bookingEnabled()) {
            violations.add(new Violation("bookingEnabled", FREE_SPACE_HAS_NO_BOOKING, message));
        }
        if (draft.applicationOpens() != null || draft.applicationCloses() != null) {
            violations.add(new Violation(
                    draft.applicationOpens() != null ? "applicationOpens" : "applicationCloses",
                    FREE_SPACE_HAS_NO_BOOKING,
                    message));
        }
        if (draft.allocation() != null) {
            violations.add(new Violation("allocation", FREE_SPACE_HAS_NO_BOOKING, message));
        }
    }

    private static void checkParts(SessionDraft draft, List<Violation> violations) {
        List<SessionPart> parts = draft.parts();
        boolean sessionTimesUsable = hasValidTimes(draft);
        for (int i = 0; i < parts.size(); i++) {
            SessionPart part = parts.get(i);
            String field = "parts[" + i + "]";
            String name = part.label() == null || part.label().isBlank() ? "Part " + (i + 1) : part.label();
            if (!part.end().isAfter(part.start())) {
                violations.add(new Violation(
                        field + ".end",
                        PART_END_NOT_AFTER_START,
                        name + " ends at " + part.end() + ", which is not after its start " + part.start()));
                continue;
            }
            if (sessionTimesUsable
                    && (part.start().isBefore(draft.start()) || part.end().isAfter(draft.end()))) {
                violations.add(new Violation(
                        field,
                        PART_OUTSIDE_SESSION,
                        name + " (" + part.start() + "–" + part.end() + ") is not inside the session (" + draft.start()
                                + "–" + draft.end() + ")"));
            }
            if (i > 0) {
                SessionPart previous = parts.get(i - 1);
                if (part.start().isBefore(previous.start())) {
                    violations.add(new Violation(
                            field + ".start",
                            PARTS_OUT_OF_ORDER,
                            name + " starts before the part listed ahead of it; list parts in time order"));
                } else if (part.start().isBefore(previous.end())) {
                    violations.add(new Violation(
                            field + ".start",
                            PARTS_OVERLAP,
                            name + " starts at " + part.start() + ", before the previous part ends at "
                                    + previous.end()));
                }
            }
        }
    }

    private static void checkChildcare(SessionDraft draft, List<Violation> violations) {
        ChildcareOffer childcare = draft.childcare();
        if (childcare == null) {
            return;
        }
        if (childcare.deadline() == null) {
            violations.add(new Violation(
                    "childcare.deadline", CHILDCARE_DEADLINE_REQUIRED, "Childcare needs a request deadline"));
        } else if (draft.start() != null && childcare.deadline().isAfter(draft.start())) {
            violations.add(new Violation(
                    "childcare.deadline",
                    CHILDCARE_DEADLINE_AFTER_START,
                    "The childcare deadline " + childcare.deadline() + " is after the session starts at "
                            + draft.start()));
        }
        if (draft.venue() == null || !draft.venue().canHostChildcare()) {
            violations.add(new Violation(
                    "childcare",
                    CHILDCARE_VENUE_UNSUITABLE,
                    draft.venue() == null
                            ? "Childcare needs a venue that can host it; this session has no venue"
                            : "Venue " + draft.venue().venueId() + " cannot host childcare"));
        }
        int min = childcare.minAgeYears();
        int max = childcare.maxAgeYears();
        if (min < 0 || min > ChildcareOffer.OLDEST_AGE_YEARS) {
            violations.add(new Violation(
                    "childcare.minAgeYears",
                    CHILDCARE_AGE_RANGE_INVALID,
                    "The youngest age must be between 0 and " + ChildcareOffer.OLDEST_AGE_YEARS + ", was " + min));
        }
        if (max < 0 || max > ChildcareOffer.OLDEST_AGE_YEARS) {
            violations.add(new Violation(
                    "childcare.maxAgeYears",
                    CHILDCARE_AGE_RANGE_INVALID,
                    "The oldest age must be between 0 and " + ChildcareOffer.OLDEST_AGE_YEARS + ", was " + max));
        }
        if (min > max) {
            violations.add(new Violation(
                    "childcare.minAgeYears",
                    CHILDCARE_AGE_RANGE_INVALID,
                    "The youngest age " + min + " is above the oldest age " + max));
        }
        if (childcare.carers() < 1) {
            violations.add(new Violation(
                    "childcare.carers",
                    CHILDCARE_CARERS_REQUIRED,
                    "Childcare needs at least one carer, was " + childcare.carers()));
        }
    }

    private static void checkRoom(SessionDraft draft, Collection<RoomBooking> others, List<Violation> violations) {
        if (draft.roomId() == null || !hasValidTimes(draft)) {
            return;
        }
        for (RoomBooking other : others) {
            if (!draft.roomId().equals(other.roomId())) {
                continue;
            }
            if (draft.sessionId() != null && draft.sessionId().equals(other.sessionId())) {
                continue;
            }
            if (other.overlaps(draft.start(), draft.end())) {
                violations.add(new Violation(
                        "roomId",
                        ROOM_DOUBLE_BOOKED,
                        "Room " + draft.roomId() + " is already booked by session " + other.sessionId() + " from "
                                + other.start() + " to " + other.end()));
            }
        }
    }

    private static boolean hasValidTimes(SessionDraft draft) {
        return draft.start() != null && draft.end() != null && draft.end().isAfter(draft.start());
    }
}
