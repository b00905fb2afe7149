package io.ibasho.registration.service;

import io.ibasho.registration.Registration.Status;
import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.repository.LotteryDrawStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The seat figures of many sessions in three queries: bands for the public session cards, and the counts themselves
 * (seats left, lottery applications) for the organiser of the sessions' organisation. Which woman booked or applied is
 * nobody's business but hers, and a count that moves by one is hers too (docs/adr/0086): only staff see counts.
 */
@ApplicationScoped
public class SeatAvailability {
    public static final int MAX_SESSIONS = 50;

    /** Anybody: the bands of the sessions this service knows, in the order asked; unknown ids are left out. */
    @WithSession
    public Uni<List<SessionAvailability>> of(List<UUID> sessionIds) {
        List<UUID> ids = sessionIds.stream().distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return SessionCopy.<SessionCopy>list("id in ?1", ids)
                .flatMap(sessions -> counts(ids, sessions))
                .map(counts -> counts.stream().map(SessionAvailability::of).toList());
    }

    /**
     * The organiser: the exact figures of her organisation's sessions among those asked, in the order asked; others'
     * and unknown ids are left out (as in {@link WaitlistCounts}).
     */
    @WithSession
    public Uni<List<SeatCounts>> exactOf(List<UUID> sessionIds, String organisationId) {
        List<UUID> ids = sessionIds.stream().distinct().toList();
        if (ids.isEmpty() || organisationId == null) {
            return Uni.createFrom().item(List.of());
        }
        return SessionCopy.<SessionCopy>list("id in ?1 and organisationId = ?2", ids, organisationId)
                .flatMap(sessions -> counts(ids, sessions));
    }

    private static Uni<List<SeatCounts>> counts(List<UUID> ids, List<SessionCopy> sessions) {
        List<UUID> lotteries = sessions.stream()
                .filter(session -> "LOTTERY".equals(session.allocation))
                .map(session -> session.id)
                .toList();
        return drawn(lotteries)
                .flatMap(drawn -> applications(lotteries).map(applications -> {
                    Map<UUID, SessionCopy> byId =
                            sessions.stream().collect(Collectors.toMap(session -> session.id, session -> session));
                    return ids.stream()
                            .filter(byId::containsKey)
                            .map(id -> counts(byId.get(id), drawn.contains(id), applications.getOrDefault(id, 0L)))
                            .toList();
                }));
    }

    static SeatCounts counts(SessionCopy session, boolean drawn, long applications) {
        boolean undrawnLottery = "LOTTERY".equals(session.allocation) && !drawn;
        Integer seatsLeft = session.capacity == null || undrawnLottery
                ? null
                : Math.max(0, session.capacity - session.confirmedSeats);
        return new SeatCounts(
                session.id,
                session.allocation,
                session.capacity,
                seatsLeft,
                undrawnLottery ? applications : null,
                session.applicationClosesAt);
    }

    private static Uni<Set<UUID>> drawn(List<UUID> lotteries) {
        if (lotteries.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return LotteryDrawStore.drawnAmong(lotteries);
    }

    private static Uni<Map<UUID, Long>> applications(List<UUID> lotteries) {
        if (lotteries.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession()
                .flatMap(s -> s.createSelectionQuery(
                                "select r.sessionId, count(r) from Registration r "
                                        + "where r.sessionId in :ids and r.status = :applied group by r.sessionId",
                                Object[].class)
                        .setParameter("ids", lotteries)
                        .setParameter("applied", Status.APPLIED)
                        .getResultList())
                .map(rows -> rows.stream().collect(Collectors.toMap(row -> (UUID) row[0], row -> (Long) row[1])));
    }
}
