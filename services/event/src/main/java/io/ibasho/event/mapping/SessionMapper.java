package io.ibasho.event.mapping;

import io.ibasho.event.Session;
import io.ibasho.event.Session.Allocation;
import io.ibasho.event.Session.SessionKind;
import io.ibasho.event.Venue;
import io.ibasho.event.schedule.BilingualText;
import io.ibasho.event.schedule.ChildcareOffer;
import io.ibasho.event.schedule.SessionDraft;
import io.ibasho.event.schedule.SessionPart;
import io.ibasho.event.service.SessionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Entities never cross the REST boundary: requests map in, views map out. */
public final class SessionMapper {
    private SessionMapper() {}

    /** Replaces the session's details with the request's (status, sequence and series fields are the service's). */
    public static void apply(SessionRequest request, Session session) {
        // a kind, title or allocation that its syntax refused reaches here only from a check (every mistake at once):
        // it is then none, and the rules say so or pass over it
        session.kind = kindOrNull(request.kind());
        session.titleJa = request.titleJa() == null ? null : request.titleJa().strip();
        session.titleEn = VenueMapper.blankToNull(request.titleEn());
        session.startsAt = Tokyo.offset(request.startsAt());
        session.endsAt = Tokyo.offset(request.endsAt());
        session.capacity = request.capacity();
        session.allocation = allocationOrDefault(request.allocation(), session.kind);
        session.venueId = request.venueId();
        session.roomId = VenueMapper.blankToNull(request.roomId());
        List<JsonColumns.StoredPart> parts = new ArrayList<>();
        if (request.parts() != null) {
            for (int i = 0; i < request.parts().size(); i++) {
                var part = request.parts().get(i);
                // Part ids are positional ("part-1", "part-2"): registrations name the parts they booked by them.
                parts.add(new JsonColumns.StoredPart(
                        "part-" + (i + 1),
                        VenueMapper.blankToNull(part.label()),
                        Tokyo.offset(part.startsAt()),
                        Tokyo.offset(part.endsAt()),
                        // the session's own venue named again is no other place
                        part.venueId() == null || part.venueId().equals(request.venueId()) ? null : part.venueId()));
            }
        }
        session.partsJson = JsonColumns.write(parts);
        session.targetAudienceJa = VenueMapper.blankToNull(request.targetAudienceJa());
        session.targetAudienceEn = VenueMapper.blankToNull(request.targetAudienceEn());
        session.applicationOpensAt = Tokyo.offset(request.applicationOpensAt());
        session.applicationClosesAt = Tokyo.offset(request.applicationClosesAt());
        session.meetingLink = VenueMapper.blankToNull(request.meetingLink());
        session.lotteryJson = request.lottery() == null
                ? null
                : JsonColumns.writeValue(request.lottery().toSettings());
        var childcare = request.childcare();
        boolean offered = childcare != null && childcare.isOffered();
        session.childcareOffered = offered;
        session.childcareMinAge = offered ? childcare.minAgeYears() : null;
        session.childcareMaxAge = offered ? childcare.maxAgeYears() : null;
        session.childcareCarers = offered ? childcare.carers() : null;
        session.childcareDeadline = offered ? Tokyo.offset(childcare.deadline()) : null;
        session.childcareMaxChildren = offered ? childcare.maxChildren() : null;
        session.flyerJson = Flyer.write(request.flyer());
    }

    /** The kind named, or null when none or none known is named. */
    public static SessionKind kindOrNull(String wireName) {
        if (wireName == null) {
            return null;
        }
        for (SessionKind kind : SessionKind.values()) {
            if (kind.wireName().equals(wireName)) {
                return kind;
            }
        }
        return null;
    }

    /** The allocation named, or the kind's default when none or none known is named. */
    public static Allocation allocationOrDefault(String name, SessionKind kind) {
        for (Allocation allocation : Allocation.values()) {
            if (allocation.name().equals(name)) {
                return allocation;
            }
        }
        return defaultAllocation(kind);
    }

    /** Cafés and free spaces take drop-ins; workshops and online dialogues give places first come unless told otherwise. */
    public static Allocation defaultAllocation(SessionKind kind) {
        return kind == SessionKind.cafe || kind == SessionKind.free_space ? Allocation.NONE : Allocation.FIRST_COME;
    }

    /** What SessionRules checks; times in Asia/Tokyo. */
    public static SessionDraft toDraft(Session session, Venue venue) {
        var kind = session.kind == null ? null : io.ibasho.event.schedule.SessionKind.fromCode(session.kind.wireName());
        return SessionDraft.builder(kind)
                .sessionId(session.id == null ? null : session.id.toString())
                .title(BilingualText.of(session.titleJa, session.titleEn))
                .targetAudience(
                        session.targetAudienceJa == null && session.targetAudienceEn == null
                                ? null
                                : BilingualText.of(session.targetAudienceJa, session.targetAudienceEn))
                .start(Tokyo.local(session.startsAt))
                .end(Tokyo.local(session.endsAt))
                .parts(JsonColumns.parts(session.partsJson).stream()
                        .map(p -> new SessionPart(p.label(), Tokyo.local(p.startsAt()), Tokyo.local(p.endsAt())))
                        .toList())
                .venue(VenueMapper.toProfile(venue))
                .roomId(session.roomId)
                .bookingEnabled(session.allocation != Allocation.NONE)
                .capacity(session.capacity)
                .dropInsWelcome(session.kind == SessionKind.cafe || session.kind == SessionKind.free_space)
                .applicationOpens(Tokyo.local(session.applicationOpensAt))
                .applicationCloses(Tokyo.local(session.applicationClosesAt))
                .allocation(
                        session.allocation == Allocation.NONE
                                ? null
                                : io.ibasho.event.schedule.Allocation.valueOf(session.allocation.name()))
                .meetingLink(session.meetingLink)
                .childcare(
                        session.childcareOffered
                                ? new ChildcareOffer(
                                        Tokyo.local(session.childcareDeadline),
                                        session.childcareMinAge,
                                        session.childcareMaxAge,
                                        session.childcareCarers)
                                : null)
                .build();
    }

    public static SessionView toView(Session session) {
        return toView(session, null);
    }

    public static SessionView toView(Session session, Venue venue) {
        return toView(session, venue, Map.of());
    }

    /** {@code partVenues}: the venues of parts that meet elsewhere, by id (a missing one shows no place). */
    public static SessionView toView(Session session, Venue venue, Map<UUID, Venue> partVenues) {
        return new SessionView(
                session.id,
                session.kind.wireName(),
                session.titleJa,
                session.titleEn,
                Tokyo.offset(session.startsAt),
                Tokyo.offset(session.endsAt),
                session.capacity,
                session.allocation.name(),
                session.status.name().toLowerCase(),
                session.sequence,
                session.kind == SessionKind.online,
                session.seriesId,
                VenueMapper.toSummary(venue),
                session.roomId,
                parts(session, partVenues),
                session.targetAudienceJa,
                session.targetAudienceEn,
                Tokyo.offset(session.applicationOpensAt),
                Tokyo.offset(session.applicationClosesAt),
                session.childcareOffered
                        ? new SessionView.ChildcareView(
                                true,
                                session.childcareMinAge,
                                session.childcareMaxAge,
                                Tokyo.offset(session.childcareDeadline))
                        : new SessionView.ChildcareView(false, null, null, null),
                Tokyo.offset(session.updatedAt),
                lotteryView(session),
                Flyer.read(session.flyerJson));
    }

    public static OrganiserSessionView toOrganiserView(Session session, Venue venue) {
        return toOrganiserView(session, venue, Map.of());
    }

    public static OrganiserSessionView toOrganiserView(Session session, Venue venue, Map<UUID, Venue> partVenues) {
        return new OrganiserSessionView(
                toView(session, venue, partVenues),
                session.meetingLink,
                session.childcareCarers,
                session.childcareMaxChildren,
                session.recurrenceId,
                session.occurrenceOverride == null ? null : session.occurrenceOverride.name());
    }

    static SessionView.LotteryView lotteryView(Session session) {
        if (session.allocation != Allocation.LOTTERY) {
            return null;
        }
        return SessionView.LotteryView.of(JsonColumns.lottery(session.lotteryJson));
    }

    static List<SessionView.PartView> parts(Session session, Map<UUID, Venue> partVenues) {
        return JsonColumns.parts(session.partsJson).stream()
                .map(p -> new SessionView.PartView(
                        p.partId(),
                        p.label(),
                        Tokyo.offset(p.startsAt()),
                        Tokyo.offset(p.endsAt()),
                        p.venueId() == null ? null : VenueMapper.toSummary(partVenues.get(p.venueId()))))
                .toList();
    }

    /** The venues that parts of these sessions meet at, other than the sessions' own. */
    public static java.util.Set<UUID> partVenueIds(Session session) {
        java.util.Set<UUID> ids = new java.util.LinkedHashSet<>();
        JsonColumns.parts(session.partsJson).stream()
                .map(JsonColumns.StoredPart::venueId)
                .filter(java.util.Objects::nonNull)
                .forEach(ids::add);
        return ids;
    }
}
