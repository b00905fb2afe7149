package io.ibasho.event.mapping;

import java.time.OffsetDateTime;
import java.util.List;

import io.ibasho.event.Session;

/** Builds event payloads from the entity: ids, times and states only (schemas in services/contracts). */
public final class SessionEvents {
    private SessionEvents() {
    }

    public record SessionPublished(String sessionId, String organisationId, String venueId, String titleJa, String titleEn, String kind, String allocation,
            String status, OffsetDateTime startsAt, OffsetDateTime endsAt, Integer capacity, boolean bookingRequired,
            List<Object> parts, Object childcare, int sequence) {
    }

    public static SessionPublished published(Session session) {
        return new SessionPublished(session.id.toString(), session.organisationId, null, session.titleJa, session.titleEn,
                session.kind.wireName(),
                session.allocation.name(), session.status.name(), session.startsAt, session.endsAt, session.capacity,
                session.allocation != Session.Allocation.NONE, List.of(), null, session.sequence);
    }
}
