package io.ibasho.event.mapping;

import io.ibasho.event.Session;
import io.ibasho.event.rest.SessionRequest;
import io.ibasho.event.rest.SessionView;

/** Entities never cross the REST boundary: requests map in, views map out. */
public final class SessionMapper {
    private SessionMapper() {
    }

    public static Session toEntity(SessionRequest request, String organisationId) {
        Session session = new Session();
        session.organisationId = organisationId;
        session.kind = Session.SessionKind.valueOf(request.kind().replace('-', '_'));
        session.titleJa = request.titleJa();
        session.titleEn = request.titleEn();
        session.startsAt = request.startsAt();
        session.endsAt = request.endsAt();
        session.capacity = request.capacity();
        session.allocation = request.allocation() == null ? Session.Allocation.FIRST_COME
                : Session.Allocation.valueOf(request.allocation());
        return session;
    }

    public static SessionView toView(Session session) {
        return new SessionView(session.id, session.kind.wireName(), session.titleJa, session.titleEn, session.startsAt,
                session.endsAt, session.capacity, session.allocation.name(), session.status.name().toLowerCase(), session.sequence);
    }
}
