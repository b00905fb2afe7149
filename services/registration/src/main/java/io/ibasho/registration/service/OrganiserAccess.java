package io.ibasho.registration.service;

import io.ibasho.plumbing.refusal.Refusal;
import io.ibasho.registration.SessionCopy;
import io.smallrye.mutiny.Uni;
import java.util.UUID;

/** Organisers act on their own organisation's sessions only; another organisation's session is 404, never 403. */
final class OrganiserAccess {
    private OrganiserAccess() {}

    static Uni<SessionCopy> session(UUID sessionId, String organisationId) {
        return SessionCopy.<SessionCopy>findById(sessionId)
                .map(session ->
                        session != null && organisationId != null && organisationId.equals(session.organisationId)
                                ? session
                                : null)
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("session"));
    }
}
