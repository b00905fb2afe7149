package io.ibasho.notification.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * Which partner groups each venue is linked to, as the event service last said: on VenueChanged (every save or
 * deletion of the venue) or on a session's EventPublished or EventChanged ({@code venuePartnerGroups}). A group may
 * follow, and hears about, only venues linked to it. The newest statement wins (by CloudEvent time), so a late older
 * event cannot re-link a venue. Public facts only.
 */
@ApplicationScoped
public class VenueLinks {

    /** Replaces the venue's groups with {@code groups} unless a newer statement is already kept. */
    public Uni<Void> record(String venueId, List<String> groups, OffsetDateTime asOf) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("""
                insert into venue_partner_groups (venue_id, partner_groups, as_of) values (:venue, :groups, :asOf)
                on conflict (venue_id) do update set partner_groups = excluded.partner_groups, as_of = excluded.as_of
                where venue_partner_groups.as_of <= excluded.as_of""")
                        .setParameter("venue", venueId)
                        .setParameter("groups", String.join(",", groups))
                        .setParameter("asOf", asOf)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The groups linked to the venue now; empty if the event service never linked any. */
    public Uni<List<String>> groupsOf(String venueId) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "select partner_groups from venue_partner_groups where venue_id = :venue", String.class)
                        .setParameter("venue", venueId)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? List.of() : split(rows.get(0)));
    }

    /** The venues linked to the group now. */
    public Uni<List<String>> venuesOf(String partnerGroup) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("""
                select venue_id from venue_partner_groups where concat(',', partner_groups, ',') like :group order by venue_id""", String.class)
                        .setParameter("group", "%," + partnerGroup + ",%")
                        .getResultList());
    }

    private static List<String> split(String groups) {
        return Arrays.stream(groups.split(",")).filter(g -> !g.isBlank()).toList();
    }
}
