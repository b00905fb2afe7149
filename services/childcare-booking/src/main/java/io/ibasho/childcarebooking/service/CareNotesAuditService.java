package io.ibasho.childcarebooking.service;

import io.ibasho.childcarebooking.CareNotesAudit;
import io.ibasho.childcarebooking.SessionOffer;
import io.ibasho.plumbing.refusal.FieldViolation;
import io.ibasho.plumbing.refusal.Refusal;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The audit of staff reads of care notes: who read which session's notes, when, and why if they said. It records
 * that a read happened, never what was read. Admins see any session's entries; organisers only their own
 * organisation's (another organisation's session is 404).
 */
@ApplicationScoped
public class CareNotesAuditService {
    private final Clock clock;

    public CareNotesAuditService(Clock clock) {
        this.clock = clock;
    }

    /** The most a stated reason may hold: a reason, not a note. */
    public static final int MAX_REASON = 200;

    /**
     * The staff member reading: the token's subject, the role the endpoint admitted them by, and the reason they
     * gave (optional; already checked with {@link #checkedReason}).
     */
    public record Reader(String subject, String role, String reason) {}

    /** Called inside the reading transaction: the read and its entry commit together or not at all. */
    public Uni<CareNotesAudit> recordCareSheetRead(SessionOffer offer, Reader reader) {
        CareNotesAudit entry = new CareNotesAudit();
        entry.id = UUID.randomUUID();
        entry.organisationId = offer.organisationId;
        entry.sessionId = offer.sessionId;
        entry.kind = CareNotesAudit.CARE_SHEET;
        entry.actorSubject = reader.subject();
        entry.actorRole = reader.role();
        entry.reason = reader.reason();
        entry.readAt = OffsetDateTime.now(clock);
        return entry.persist();
    }

    /**
     * The entries of one session, oldest first.
     *
     * @param organisationId the caller's organisation, or null for an admin (any organisation)
     */
    @WithSession
    public Uni<List<AuditView>> entries(UUID sessionId, String organisationId) {
        Uni<SessionOffer> session = organisationId == null
                ? SessionOffer.findById(sessionId)
                : SessionOffer.<SessionOffer>find("sessionId = ?1 and organisationId = ?2", sessionId, organisationId)
                        .firstResult();
        return session.onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("session"))
                .flatMap(offer -> CareNotesAudit.<CareNotesAudit>list("sessionId = ?1 order by readAt, id", sessionId))
                .map(entries -> entries.stream()
                        .map(entry -> new AuditView(
                                entry.readAt.toInstant(),
                                entry.actorSubject,
                                entry.actorRole,
                                entry.kind,
                                entry.sessionId,
                                entry.registrationId,
                                entry.reason))
                        .toList());
    }

    /**
     * The reason as given by query parameter (preferred) or header: trimmed, empty as none; plain short text only.
     *
     * @throws Refusal 400 validation if it is too long or not plain text
     */
    public static String checkedReason(String queryReason, String headerReason) {
        String reason = queryReason != null && !queryReason.isBlank() ? queryReason : headerReason;
        if (reason == null || reason.isBlank()) {
            return null;
        }
        reason = reason.strip();
        if (reason.length() > MAX_REASON) {
            throw Refusal.invalidFields(List.of(new FieldViolation("reason", "at most " + MAX_REASON + " characters")));
        }
        if (reason.chars().anyMatch(c -> c == '<' || c == '>' || Character.isISOControl(c))) {
            throw Refusal.invalidFields(
                    List.of(new FieldViolation("reason", "must be plain text without < or > or control characters")));
        }
        return reason;
    }
}
