package io.ibasho.event.repository;

import io.ibasho.event.Venue;
import io.ibasho.plumbing.sql.SessionConnection;
import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * The venue row's lock, which orders a venue's save against a session event that states the venue's partner groups
 * (docs/adr/0082): each reads the row under the lock before it takes its event's time, so whichever commits later also
 * has the later time, and notification's newest statement is the venue's groups as committed.
 */
public final class VenueLocks {
    private VenueLocks() {}

    /** What a session's event says of its venue: the public names and the partner groups, as the row holds them. */
    public record Announced(String nameJa, String nameEn, String partnerGroupsJson) {}

    /**
     * The organisation's venue, locked for the caller's transaction (null when it has no such venue): a save or deletion
     * waits here for a session announcing the venue's groups, and such a session waits for the save to commit.
     */
    public static Uni<Venue> forChange(String organisationId, UUID venueId) {
        return SessionConnection.selectEntities(
                        Venue.class,
                        "select id from venue where id = $1 and organisation_id = $2 for update",
                        venueId,
                        organisationId)
                .map(found -> found.isEmpty() ? null : found.get(0));
    }

    /**
     * The venue's names and groups as committed, share-locked for the caller's transaction (null when the venue is
     * gone): read past the ORM, since the session's validation may already hold the row in the ORM session as it was
     * read before a save committed. Sessions at one venue share the lock; a save of the venue waits for them.
     */
    public static Uni<Announced> announced(UUID venueId) {
        return SessionConnection.select(
                        "select name_ja, name_en, partner_groups_json from venue where id = $1 for share", venueId)
                .map(rows -> rows.isEmpty()
                        ? null
                        : new Announced((String) rows.get(0)[0], (String) rows.get(0)[1], (String) rows.get(0)[2]));
    }
}
