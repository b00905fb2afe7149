package io.ibasho.registration.service;

import io.ibasho.registration.Registration.Status;
import io.ibasho.registration.SessionCopy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * How many wait and how many offers are out, and how many hold a confirmed seat or a lottery application, per session of
 * the organiser's own organisation, for her capacity dashboard and what her session pages tell her before she cancels
 * a session or lowers its capacity. Counts only (and the earliest deadline of an offer): who waits is in the roster, an audited read of
 * nicknames, which a dashboard of many sessions must not need.
 */
@ApplicationScoped
public class WaitlistCounts {
    public static final int MAX_SESSIONS = SeatAvailability.MAX_SESSIONS;

    /**
     * @param waiting on the waitlist (a lottery's reserve list included)
     * @param offersOut seats offered and not yet answered
     * @param firstOfferExpiresAt the earliest deadline among the offers out; null when none is out
     * @param confirmed confirmed seats (a seat held while childcare is asked counts too: it is hers unless refused)
     * @param applied lottery applications not yet drawn
     */
    public record Counts(
            UUID sessionId,
            long waiting,
            long offersOut,
            OffsetDateTime firstOfferExpiresAt,
            long confirmed,
            long applied) {}

    /** Her organisation's sessions among those asked, in the order asked; others' and unknown ids are left out. */
    @WithSession
    public Uni<List<Counts>> of(List<UUID> sessionIds, String organisationId) {
        List<UUID> ids = sessionIds.stream().distinct().toList();
        if (ids.isEmpty() || organisationId == null) {
            return Uni.createFrom().item(List.of());
        }
        return SessionCopy.<SessionCopy>list("id in ?1 and organisationId = ?2", ids, organisationId)
                .flatMap(sessions -> {
                    Set<UUID> hers = sessions.stream().map(s -> s.id).collect(Collectors.toSet());
                    if (hers.isEmpty()) {
                        return Uni.createFrom().item(List.<Counts>of());
                    }
                    return Panache.getSession()
                            .flatMap(s -> s.createSelectionQuery(
                                            "select r.sessionId, r.status, count(r), min(r.offerExpiresAt) from"
                                                    + " Registration r where r.sessionId in :ids and r.status in"
                                                    + " :statuses group by r.sessionId, r.status",
                                            Object[].class)
                                    .setParameter("ids", hers)
                                    .setParameter(
                                            "statuses",
                                            List.of(
                                                    Status.WAITLISTED,
                                                    Status.OFFERED,
                                                    Status.CONFIRMED,
                                                    Status.PENDING_CHILDCARE,
                                                    Status.APPLIED))
                                    .getResultList())
                            .map(rows -> counts(ids, hers, rows));
                });
    }

    static List<Counts> counts(List<UUID> asked, Set<UUID> hers, List<Object[]> rows) {
        Map<UUID, long[]> numbers = new HashMap<>();
        Map<UUID, OffsetDateTime> firstDeadline = new HashMap<>();
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            long[] n = numbers.computeIfAbsent(id, k -> new long[4]);
            long count = (Long) row[2];
            switch ((Status) row[1]) {
                case WAITLISTED -> n[0] = count;
                case OFFERED -> {
                    n[1] = count;
                    firstDeadline.put(id, (OffsetDateTime) row[3]);
                }
                case CONFIRMED, PENDING_CHILDCARE -> n[2] += count;
                default -> n[3] = count; // APPLIED
            }
        }
        return asked.stream()
                .filter(hers::contains)
                .map(id -> {
                    long[] n = numbers.getOrDefault(id, new long[4]);
                    return new Counts(id, n[0], n[1], firstDeadline.get(id), n[2], n[3]);
                })
                .toList();
    }
}
