package io.ibasho.childcarebooking.service;

import java.time.Instant;
import java.util.UUID;

/**
 * One audited read of care notes: when, who (the staff member's opaque account id and the role used), what (kind,
 * session, registration when a single booking was read) and the reason given. Never the notes.
 */
public record AuditView(
        Instant readAt,
        String actorSubject,
        String actorRole,
        String kind,
        UUID sessionId,
        UUID registrationId,
        String reason) {}
