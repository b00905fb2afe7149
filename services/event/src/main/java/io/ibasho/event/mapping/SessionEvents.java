package io.ibasho.event.mapping;

import io.ibasho.event.Session;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Builds event payloads from the entity: ids, times and states only (schemas in services/contracts). There is
 * deliberately no field for an address or a meeting link: these payloads reach every consumer and their logs.
 */
public final class SessionEvents {
    private SessionEvents() {}

    public record Part(String partId, String label, OffsetDateTime startsAt, OffsetDateTime endsAt) {}

    /** Without an offer only {@code offered: false} and {@code carers: 0}: the schema types ages as integers, not null. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Childcare(
            boolean offered,
            Integer minAgeYears,
            Integer maxAgeYears,
            Integer carers,
            OffsetDateTime deadline,
            Integer maxChildren) {}

    /**
     * EventPublished's {@code lottery}: registration's draw follows these rules (the published draw's names;
     * {@code confirmationHours} 0 when no confirmation is required). {@code priority} repeats {@code priorityTiers} for
     * consumers reading the old name.
     */
    public record Lottery(
            List<String> priorityTiers,
            boolean oneWinPerMonth,
            boolean childcareRequiredToWin,
            boolean confirmationRequired,
            int confirmationHours,
            List<String> priority) {}

    /**
     * What the events say about the session's venue: its public name and the partner groups linked to it now (ids
     * only). Never its address.
     */
    public record VenueFacts(String nameJa, String nameEn, List<String> partnerGroups) {
        public static final VenueFacts NONE = new VenueFacts(null, null, List.of());
    }

    public record SessionPublished(
            String sessionId,
            String organisationId,
            String venueId,
            String venueNameJa,
            String venueNameEn,
            String seriesId,
            String titleJa,
            String titleEn,
            String kind,
            String allocation,
            String status,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            Integer capacity,
            boolean bookingRequired,
            OffsetDateTime applicationOpensAt,
            OffsetDateTime applicationClosesAt,
            List<Part> parts,
            Childcare childcare,
            Lottery lottery,
            int sequence,
            List<String> venuePartnerGroups) {}

    public record SessionChanged(
            String sessionId,
            String organisationId,
            String venueId,
            String venueNameJa,
            String venueNameEn,
            String seriesId,
            String titleJa,
            String titleEn,
            String kind,
            String allocation,
            String status,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            Integer capacity,
            boolean bookingRequired,
            OffsetDateTime applicationOpensAt,
            OffsetDateTime applicationClosesAt,
            List<Part> parts,
            Childcare childcare,
            Lottery lottery,
            int sequence,
            List<String> changed,
            List<String> venuePartnerGroups) {}

    public record SessionCancelled(
            String sessionId,
            String organisationId,
            String venueId,
            OffsetDateTime startsAt,
            int sequence,
            OffsetDateTime cancelledAt) {}

    public record SessionCompleted(String sessionId, String organisationId, int sequence, OffsetDateTime completedAt) {}

    /** @param venue the venue's public name and the partner group ids linked to it now ({@link VenueFacts#NONE} without one) */
    public static SessionPublished published(Session s, VenueFacts venue) {
        return new SessionPublished(
                s.id.toString(),
                s.organisationId,
                id(s.venueId),
                venue.nameJa(),
                venue.nameEn(),
                id(s.seriesId),
                s.titleJa,
                s.titleEn,
                s.kind.wireName(),
                s.allocation.name(),
                s.status.name(),
                Tokyo.offset(s.startsAt),
                Tokyo.offset(s.endsAt),
                s.capacity,
                s.allocation != Session.Allocation.NONE,
                Tokyo.offset(s.applicationOpensAt),
                Tokyo.offset(s.applicationClosesAt),
                parts(s),
                childcare(s),
                lottery(s),
                s.sequence,
                List.copyOf(venue.partnerGroups()));
    }

    public static SessionChanged changed(Session s, List<String> changed, VenueFacts venue) {
        return new SessionChanged(
                s.id.toString(),
                s.organisationId,
                id(s.venueId),
                venue.nameJa(),
                venue.nameEn(),
                id(s.seriesId),
                s.titleJa,
                s.titleEn,
                s.kind.wireName(),
                s.allocation.name(),
                s.status.name(),
                Tokyo.offset(s.startsAt),
                Tokyo.offset(s.endsAt),
                s.capacity,
                s.allocation != Session.Allocation.NONE,
                Tokyo.offset(s.applicationOpensAt),
                Tokyo.offset(s.applicationClosesAt),
                parts(s),
                childcare(s),
                lottery(s),
                s.sequence,
                List.copyOf(changed),
                List.copyOf(venue.partnerGroups()));
    }

    public static SessionCancelled cancelled(Session s, OffsetDateTime at) {
        return new SessionCancelled(
                s.id.toString(), s.organisationId, id(s.venueId), Tokyo.offset(s.startsAt), s.sequence, at);
    }

    public static SessionCompleted completed(Session s, OffsetDateTime at) {
        return new SessionCompleted(s.id.toString(), s.organisationId, s.sequence, at);
    }

    private static List<Part> parts(Session s) {
        return JsonColumns.parts(s.partsJson).stream()
                .map(p -> new Part(p.partId(), p.label(), Tokyo.offset(p.startsAt()), Tokyo.offset(p.endsAt())))
                .toList();
    }

    /** Only for a lottery; the defaults when the organiser set none. */
    private static Lottery lottery(Session s) {
        if (s.allocation != Session.Allocation.LOTTERY) {
            return null;
        }
        var settings = JsonColumns.lottery(s.lotteryJson);
        return new Lottery(
                settings.priority(),
                settings.oneWinPerMonth(),
                settings.childcareRequiredToWin(),
                settings.confirmationRequired(),
                settings.confirmationRequired() ? settings.confirmationHours() : 0,
                settings.priority());
    }

    private static Childcare childcare(Session s) {
        return s.childcareOffered
                ? new Childcare(
                        true,
                        s.childcareMinAge,
                        s.childcareMaxAge,
                        s.childcareCarers,
                        Tokyo.offset(s.childcareDeadline),
                        s.childcareMaxChildren)
                : new Childcare(false, null, null, 0, null, null);
    }

    private static String id(java.util.UUID id) {
        return id == null ? null : id.toString();
    }
}
