package io.ibasho.event.mapping;

import io.ibasho.event.Session;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What changed between two versions of a session, in the words of EventChanged's {@code changed} list. Times are
 * compared as instants: the same time may come back from the database with another offset.
 */
public final class SessionChanges {
    private SessionChanges() {}

    /** The fields that matter to the other services and calendars, copied before an edit. */
    public record Snapshot(
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            UUID venueId,
            String roomId,
            Integer capacity,
            String parts,
            boolean childcareOffered,
            Integer childcareMinAge,
            Integer childcareMaxAge,
            Integer childcareCarers,
            OffsetDateTime childcareDeadline,
            Integer childcareMaxChildren,
            Session.Allocation allocation,
            OffsetDateTime applicationOpensAt,
            OffsetDateTime applicationClosesAt,
            String titleJa,
            String titleEn,
            String targetAudienceJa,
            String targetAudienceEn,
            String meetingLink,
            String lotteryJson,
            Flyer flyer) {

        public static Snapshot of(Session s) {
            return new Snapshot(
                    s.startsAt,
                    s.endsAt,
                    s.venueId,
                    s.roomId,
                    s.capacity,
                    normalisedParts(s.partsJson),
                    s.childcareOffered,
                    s.childcareMinAge,
                    s.childcareMaxAge,
                    s.childcareCarers,
                    s.childcareDeadline,
                    s.childcareMaxChildren,
                    s.allocation,
                    s.applicationOpensAt,
                    s.applicationClosesAt,
                    s.titleJa,
                    s.titleEn,
                    s.targetAudienceJa,
                    s.targetAudienceEn,
                    s.meetingLink,
                    s.lotteryJson,
                    Flyer.read(s.flyerJson));
        }
    }

    public static List<String> between(Snapshot before, Snapshot after) {
        List<String> changed = new ArrayList<>();
        if (!sameInstant(before.startsAt(), after.startsAt()) || !sameInstant(before.endsAt(), after.endsAt())) {
            changed.add("time");
        }
        if (!Objects.equals(before.venueId(), after.venueId()) || !Objects.equals(before.roomId(), after.roomId())) {
            changed.add("venue");
        }
        if (!Objects.equals(before.capacity(), after.capacity())) {
            changed.add("capacity");
        }
        if (!Objects.equals(before.parts(), after.parts())) {
            changed.add("parts");
        }
        if (before.childcareOffered() != after.childcareOffered()
                || !Objects.equals(before.childcareMinAge(), after.childcareMinAge())
                || !Objects.equals(before.childcareMaxAge(), after.childcareMaxAge())
                || !Objects.equals(before.childcareCarers(), after.childcareCarers())
                || !sameInstant(before.childcareDeadline(), after.childcareDeadline())
                || !Objects.equals(before.childcareMaxChildren(), after.childcareMaxChildren())) {
            changed.add("childcare");
        }
        // The lottery's rules are part of how places are given out: a change of them is an allocation change.
        if (before.allocation() != after.allocation()
                || !JsonColumns.lottery(before.lotteryJson()).equals(JsonColumns.lottery(after.lotteryJson()))) {
            changed.add("allocation");
        }
        if (!sameInstant(before.applicationOpensAt(), after.applicationOpensAt())
                || !sameInstant(before.applicationClosesAt(), after.applicationClosesAt())) {
            changed.add("application-window");
        }
        if (!Objects.equals(before.titleJa(), after.titleJa()) || !Objects.equals(before.titleEn(), after.titleEn())) {
            changed.add("title");
        }
        if (!Objects.equals(before.targetAudienceJa(), after.targetAudienceJa())
                || !Objects.equals(before.targetAudienceEn(), after.targetAudienceEn())
                || !Objects.equals(before.flyer(), after.flyer())) {
            changed.add("description");
        }
        if (!Objects.equals(before.meetingLink(), after.meetingLink())) {
            // Only that it changed: notification re-sends the link to confirmed attendees; the link itself stays here.
            changed.add("meeting-link");
        }
        return changed;
    }

    private static boolean sameInstant(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b == null : b != null && a.isEqual(b);
    }

    private static String normalisedParts(String json) {
        return JsonColumns.write(JsonColumns.parts(json).stream()
                .map(p -> new JsonColumns.StoredPart(
                        p.partId(), p.label(), Tokyo.offset(p.startsAt()), Tokyo.offset(p.endsAt()), p.venueId()))
                .toList());
    }
}
