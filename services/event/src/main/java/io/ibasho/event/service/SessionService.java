package io.ibasho.event.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.ibasho.contracts.EventTypes;
import io.ibasho.event.Session;
import io.ibasho.event.Session.SessionStatus;
import io.ibasho.event.mapping.SessionEvents;
import io.ibasho.event.messaging.EventOutbox;
import io.ibasho.event.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Owns the transactions: a state change and its outbox event are one commit. */
@ApplicationScoped
public class SessionService {
    private final EventOutbox outbox;

    public SessionService(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<Session> createDraft(Session draft) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        draft.id = UUID.randomUUID();
        draft.status = SessionStatus.DRAFT;
        draft.sequence = 0;
        draft.createdAt = now;
        draft.updatedAt = now;
        return draft.persist();
    }

    @WithTransaction
    public Uni<Session> publish(String organisationId, UUID sessionId) {
        return ownSession(organisationId, sessionId).flatMap(session -> {
            if (session.status == SessionStatus.PUBLISHED) {
                return Uni.createFrom().item(session);
            }
            if (session.status != SessionStatus.DRAFT) {
                return Uni.createFrom().failure(ProblemException.conflict("session-not-draft",
                        "Only a draft can be published; this session is " + session.status.name().toLowerCase() + "."));
            }
            session.status = SessionStatus.PUBLISHED;
            session.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return outbox.append(EventTypes.EVENT_PUBLISHED, session.id, SessionEvents.published(session)).replaceWith(session);
        });
    }

    @WithSession
    public Uni<Session> ownSession(String organisationId, UUID sessionId) {
        // Another organisation's session answers exactly like a missing one: 404, never 403.
        return Session.<Session>find("id = ?1 and organisationId = ?2", sessionId, organisationId).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("session"));
    }

    @WithSession
    public Uni<Session> publishedSession(UUID sessionId) {
        return Session.<Session>find("id = ?1 and status in ?2", sessionId,
                        List.of(SessionStatus.PUBLISHED, SessionStatus.CANCELLED, SessionStatus.COMPLETED)).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("session"));
    }

    @WithSession
    public Uni<List<Session>> upcoming(OffsetDateTime from, int page, int size) {
        return Session.<Session>find("status = ?1 and endsAt >= ?2 order by startsAt", SessionStatus.PUBLISHED, from)
                .page(page, size).list();
    }
}
