package io.ibasho.registration.service;

import io.ibasho.contracts.EventTypes;
import io.ibasho.plumbing.refusal.Refusal;
import io.ibasho.registration.Registration;
import io.ibasho.registration.Registration.Status;
import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.lottery.DrawPreview;
import io.ibasho.registration.lottery.DrawSubject;
import io.ibasho.registration.lottery.LotteryApplicant;
import io.ibasho.registration.lottery.LotteryDraw;
import io.ibasho.registration.lottery.LotteryPolicy;
import io.ibasho.registration.lottery.LotterySeed;
import io.ibasho.registration.lottery.MonthWins;
import io.ibasho.registration.lottery.SeedCommitment;
import io.ibasho.registration.mapping.RegistrationEvents;
import io.ibasho.registration.messaging.RegistrationOutbox;
import io.ibasho.registration.repository.LotteryDrawStore;
import io.ibasho.registration.repository.MonthWinners;
import io.ibasho.registration.repository.SeatLedger;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The lottery in the service: applications, the secret seed and its public commitment, the draw (exactly once), the
 * published draw. The draw itself is the pure, separately tested {@link LotteryDraw}.
 * <p>
 * <b>Exactly once</b>, with any number of replicas and restarts: the draw runs in ONE transaction that first locks
 * the session's row ({@code FOR UPDATE}; the scheduler uses {@code SKIP LOCKED} so replicas spread the work), then
 * checks that no draw exists, then records the drawn order in the {@code lottery_draw} row (unique per session: the
 * last line of defence) and starts the allocation ({@link LotteryAllocationService}), which seats winners in drawn
 * order and asks childcare one applicant at a time. A second drawer either waits for the lock and then finds the
 * draw, or skips the row.
 */
@ApplicationScoped
public class LotteryService {
    private static final Logger LOG = Logger.getLogger(LotteryService.class);

    private final RegistrationOutbox outbox;
    private final LotteryAllocationService allocations;
    private final Clock clock;

    public LotteryService(RegistrationOutbox outbox, LotteryAllocationService allocations, Clock clock) {
        this.outbox = outbox;
        this.allocations = allocations;
        this.clock = clock;
    }

    /**
     * @param applications null before the closing (a live count would tell when one woman applied: docs/adr/0086; her
     *     organiser reads it in seat-counts); from the closing on, the number in the draw, which never moves
     * @param closing null before applications closed and the set was recorded
     * @param allocation null before the draw
     */
    public record LotteryInfo(
            SessionCopy session,
            LotteryPolicy policy,
            String commitment,
            boolean drawn,
            Integer applications,
            Closing closing,
            LotteryAllocationService.AllocationState allocation) {}

    /**
     * What is recorded, and shown to everyone, at the closing: the input digest of the set of applications drawn and
     * their number, and when the order was drawn from them (the same transaction).
     */
    public record Closing(String inputDigest, int applications, OffsetDateTime drawnAt) {}

    /**
     * The draw's answer. The order is fixed at once; the allocation may still be asking childcare
     * ({@code allocation = ALLOCATING}): then {@code winners} counts the winners decided so far and {@code reserve} is 0.
     */
    public record DrawSummary(
            UUID drawId,
            UUID sessionId,
            String commitment,
            String seed,
            String inputDigest,
            int winners,
            int reserve,
            OffsetDateTime drawnAt,
            String drawnBy,
            LotteryAllocationService.AllocationStatus allocation) {}

    /** Called when a lottery session is first known: a fresh secret seed, whose commitment is public from now on. */
    public Uni<Void> ensureSeed(UUID sessionId) {
        LotterySeed seed = LotterySeed.generate();
        return LotteryDrawStore.keepSeed(sessionId, seed, now());
    }

    /**
     * Her application. The session's row is locked for share, as the draw locks it for update: an application either
     * commits before the draw takes its snapshot of the applications (and is in it), or waits and then finds the
     * lottery drawn. Never one left behind, applied forever.
     */
    @WithTransaction
    public Uni<Registration> apply(
            UUID sessionId, String attendeeId, String nickname, Integer priorityTier, List<Integer> childrenAges) {
        return SessionCopy.<SessionCopy>findById(sessionId, LockModeType.PESSIMISTIC_READ)
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("session"))
                .flatMap(session -> {
                    if (!"LOTTERY".equals(session.allocation)) {
                        return Uni.createFrom()
                                .failure(Refusal.conflict(
                                        "not-lottery", "This session is not allocated by lottery; book it instead."));
                    }
                    if (!"PUBLISHED".equals(session.status)) {
                        return Uni.createFrom()
                                .failure(Refusal.conflict(
                                        "applications-closed", "Applications for this lottery are closed."));
                    }
                    var outsideWindow = ApplicationWindow.refusal(session, now(), true);
                    if (outsideWindow.isPresent()) {
                        return Uni.createFrom().failure(outsideWindow.get());
                    }
                    if (childrenAges != null && !childrenAges.isEmpty() && !session.childcareOffered) {
                        // she could never win: childcare would be asked for a session that has none
                        return Uni.createFrom()
                                .failure(
                                        Refusal.conflict(
                                                "childcare-not-offered",
                                                "This session offers no childcare; apply without children's ages, or choose a session with childcare (託児)."));
                    }
                    LotteryPolicy policy = LotteryPolicies.of(session);
                    if (priorityTier != null && priorityTier >= policy.tierCount()) {
                        return Uni.createFrom()
                                .failure(Refusal.invalid(
                                        "priority-tier-unknown",
                                        "priorityTier must be below " + policy.tierCount()
                                                + " (see GET .../lottery for the tiers)."));
                    }
                    return drawExists(sessionId)
                            .flatMap(drawn -> drawn
                                    ? Uni.createFrom()
                                            .failure(Refusal.conflict(
                                                    "applications-closed", "This lottery has been drawn."))
                                    : Registration.count(
                                            "sessionId = ?1 and attendeeId = ?2 and status in ?3",
                                            sessionId,
                                            attendeeId,
                                            BookingService.ACTIVE))
                            .flatMap(count -> {
                                if ((Long) count > 0) {
                                    return Uni.createFrom()
                                            .failure(Refusal.conflict(
                                                    "already-registered",
                                                    "You have already applied for this session."));
                                }
                                Registration application = new Registration();
                                application.id = UUID.randomUUID();
                                // drawn apart from the id: the id is in her URLs, the reference in the published draw
                                application.lotteryReference = UUID.randomUUID();
                                application.sessionId = sessionId;
                                application.attendeeId = attendeeId;
                                application.nickname = nickname;
                                application.status = Status.APPLIED;
                                // the tier is fixed now: no tier declared is the last tier of the rules she applied
                                // under
                                application.priorityTier = priorityTier == null ? policy.tierCount() - 1 : priorityTier;
                                // she asks for 託児 with her application; childcare is asked, in drawn order, after the
                                // draw
                                application.childrenAges = Registration.childrenAgesOf(childrenAges);
                                application.createdAt = now();
                                application.updatedAt = application.createdAt;
                                return application
                                        .<Registration>persist()
                                        .call(saved -> outbox.append(
                                                EventTypes.APPLICATION_RECEIVED,
                                                sessionId,
                                                RegistrationEvents.confirmed(saved)));
                            });
                });
    }

    @WithSession
    public Uni<LotteryInfo> info(UUID sessionId) {
        return lotterySession(sessionId)
                .flatMap(session -> commitment(sessionId)
                        .flatMap(commitment -> closing(sessionId)
                                .flatMap(closing -> LotteryAllocationService.state(session)
                                        .map(allocation -> new LotteryInfo(
                                                session,
                                                LotteryPolicies.of(session),
                                                commitment,
                                                closing != null,
                                                closing != null ? closing.applications() : null,
                                                closing,
                                                allocation)))));
    }

    private static Uni<Closing> closing(UUID sessionId) {
        return LotteryDrawStore.closing(sessionId)
                .map(row -> row == null ? null : new Closing(row.inputDigest(), row.applications(), row.drawnAt()));
    }

    /** A rehearsal with a throwaway seed: shows how the policy plays out, reveals nothing about the real draw. */
    @WithSession
    public Uni<DrawPreview> preview(UUID sessionId, String organisationId) {
        return OrganiserAccess.session(sessionId, organisationId)
                .flatMap(session -> requireLottery(session)
                        .flatMap(ignored -> applicants(session, new DrawSubject(session.id, now().toInstant())))
                        .map(closing -> LotteryDraw.preview(
                                LotteryPolicies.of(session),
                                closing.applicants().values(),
                                id -> true)));
    }

    @WithSession
    public Uni<String> published(UUID sessionId) {
        return LotteryDrawStore.published(sessionId).map(rows -> {
            if (rows.isEmpty()) {
                throw notDrawn();
            }
            if (rows.get(0) == null) {
                throw Refusal.conflict(
                        "allocating",
                        "The order is drawn; childcare is being asked one applicant "
                                + "at a time in drawn order. The draw is published as soon as every seat is decided.");
            }
            return rows.get(0);
        });
    }

    /**
     * An organiser of the session's organisation draws by hand, once applications have closed (the scheduler would
     * otherwise draw within its next tick). Never before the published deadline: an early draw would shut out the
     * women who may still apply in the window they were promised, and would let whoever draws pick the moment. To end
     * the window early, the organiser changes the deadline in the event service first, which every applicant sees.
     */
    @WithTransaction
    public Uni<DrawSummary> drawByHand(UUID sessionId, String organisationId, String organiserId) {
        return OrganiserAccess.session(sessionId, organisationId)
                // NOWAIT: while another replica or request is drawing, answer at once instead of queueing on the row
                // lock with a database connection held (the result would be already-drawn anyway)
                .flatMap(session -> lockSessionNowait(sessionId))
                // drawn first: a deadline moved after the draw must not make a drawn lottery look open
                .call(locked -> drawExists(sessionId).invoke(drawn -> {
                    if (drawn) {
                        throw alreadyDrawn();
                    }
                }))
                .invoke(locked -> {
                    if (locked != null
                            && locked.applicationClosesAt != null
                            && now().isBefore(locked.applicationClosesAt)) {
                        throw Refusal.conflict(
                                "applications-still-open",
                                "Applications are open until "
                                        + locked.applicationClosesAt
                                        + "; the draw runs at that deadline by itself. To close earlier, "
                                        + "change the application deadline of the session first, so that every applicant sees it.");
                    }
                })
                .flatMap(locked -> draw(locked, "organiser:" + organiserId))
                .onItem()
                .ifNull()
                .failWith(LotteryService::alreadyDrawn);
    }

    private static Refusal alreadyDrawn() {
        return Refusal.conflict("already-drawn", "This lottery has already been drawn.");
    }

    /**
     * The draw's audit record for organisers of the session's organisation: who drew (the scheduler or an organiser's
     * account id) and when, the commitment, the revealed seed and the input digest, and how far the allocation is.
     * While childcare is still being asked in drawn order, {@code winners} counts the seats decided so far and
     * {@code reserve} is 0; once it is done both come from the published draw.
     */
    @WithSession
    public Uni<DrawSummary> drawRecord(UUID sessionId, String organisationId) {
        return OrganiserAccess.session(sessionId, organisationId)
                .flatMap(session -> LotteryDrawStore.draw(sessionId).flatMap(row -> {
                    if (row == null) {
                        return Uni.createFrom().failure(notDrawn());
                    }
                    Uni<int[]> counts = row.winners() != null
                            ? Uni.createFrom().item(new int[] {row.winners(), row.reserve()})
                            : Registration.count(
                                            "sessionId = ?1 and status in ?2",
                                            sessionId,
                                            List.of(Status.CONFIRMED, Status.OFFERED))
                                    .map(decided -> new int[] {decided.intValue(), 0});
                    return counts.flatMap(winnersAndReserve -> LotteryAllocationService.state(session)
                            .map(allocation -> new DrawSummary(
                                    row.id(),
                                    sessionId,
                                    row.commitment(),
                                    row.seedHex(),
                                    row.inputDigest(),
                                    winnersAndReserve[0],
                                    winnersAndReserve[1],
                                    row.drawnAt(),
                                    row.drawnBy(),
                                    allocation == null ? null : allocation.status())));
                }));
    }

    /** Draws every lottery whose applications have closed. Replicas skip rows another one is drawing. */
    @Scheduled(
            every = "${ibasho.registration.lottery.draw-check:30s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    public Uni<Void> drawDueLotteries() {
        return LotteryDrawStore.dueForDrawing(now())
                .flatMap(due -> Multi.createFrom()
                        .iterable(due)
                        .onItem()
                        .transformToUniAndConcatenate(session -> draw(session, "scheduler"))
                        .collect()
                        .asList())
                .replaceWithVoid();
    }

    /** Must run with the session row locked. Returns null when the session was already drawn. */
    Uni<DrawSummary> draw(SessionCopy session, String drawnBy) {
        if (session == null) {
            return Uni.createFrom().nullItem();
        }
        return requireLottery(session)
                .flatMap(ignored -> drawExists(session.id))
                .flatMap(drawn -> {
                    if (drawn) {
                        return Uni.createFrom().nullItem();
                    }
                    OffsetDateTime drawnAt = now();
                    // closing and drawing are one step under the session's lock: the set recorded here is the set drawn
                    DrawSubject subject = new DrawSubject(
                            session.id,
                            (session.applicationClosesAt != null ? session.applicationClosesAt : drawnAt).toInstant());
                    return seed(session.id)
                            .flatMap(seed -> applicants(session, subject).flatMap(closing -> {
                                var applicants = closing.applicants();
                                LotteryPolicy policy = LotteryPolicies.of(session);
                                LotteryDraw draw = LotteryDraw.perform(
                                        subject, policy, seed.commitment(), seed, applicants.values());
                                UUID drawId = UUID.randomUUID();
                                // The order is fixed and recorded now (exactly once); the published draw follows when
                                // the
                                // allocation, which may have to wait for childcare answers, is done
                                // (LotteryAllocationService).
                                return LotteryDrawStore.record(new LotteryDrawStore.NewDraw(
                                                drawId,
                                                session.id,
                                                policy.toString(),
                                                draw.commitment().sha256Hex(),
                                                seed.toHex(),
                                                draw.inputDigest(),
                                                drawnBy,
                                                drawnAt,
                                                applicants.size()))
                                        .flatMap(ignoredToo -> allocations.start(
                                                session, draw, drawnAt.toInstant(), closing.monthWins()))
                                        .invoke(progress -> LOG.infof(
                                                "lottery drawn for session %s by %s: %d applications, allocation %s",
                                                session.id,
                                                drawnBy.startsWith("organiser:") ? "an organiser" : drawnBy,
                                                applicants.size(),
                                                progress.status()))
                                        .map(progress -> new DrawSummary(
                                                drawId,
                                                session.id,
                                                draw.commitment().sha256Hex(),
                                                seed.toHex(),
                                                draw.inputDigest(),
                                                progress.winners(),
                                                progress.reserve(),
                                                drawnAt,
                                                drawnBy,
                                                progress.status()));
                            }));
                });
    }

    /** The applications as the draw sees them (ids, tier, the once-a-month flag; no names) and their month tokens. */
    private record ClosingSet(Map<Registration, LotteryApplicant> applicants, MonthWins monthWins) {}

    /** Every open application, as the draw sees it, with the month wins that decide and publish the flags. */
    private Uni<ClosingSet> applicants(SessionCopy session, DrawSubject subject) {
        LotteryPolicy policy = LotteryPolicies.of(session);
        return monthWinHolders(session, subject)
                .flatMap(holders -> Registration.<Registration>list(
                                "sessionId = ?1 and status = ?2", session.id, Status.APPLIED)
                        .map(applications -> {
                            Map<Registration, LotteryApplicant> map = new java.util.LinkedHashMap<>();
                            Map<UUID, String> accounts = new java.util.HashMap<>();
                            for (Registration r : applications) {
                                // her tier as fixed when she applied (the rules are frozen since); a tier the policy
                                // does not have refuses the draw (docs/lottery.md §2), never moves her. Named by her
                                // lottery reference, never by the registration id that is in her URLs (ADR 0085).
                                map.put(
                                        r,
                                        new LotteryApplicant(
                                                r.lotteryReference,
                                                r.priorityTier == null ? policy.tierCount() - 1 : r.priorityTier,
                                                holders.contains(r.attendeeId),
                                                r.needsChildcare()));
                                accounts.put(r.lotteryReference, r.attendeeId);
                            }
                            // a salt for this draw alone, never kept: see MonthWins for why
                            byte[] salt = new byte[32];
                            SALTS.nextBytes(salt);
                            return new ClosingSet(map, MonthWins.of(salt, holders, accounts));
                        }));
    }

    private static final java.security.SecureRandom SALTS = new java.security.SecureRandom();

    /**
     * The once-a-month rule (docs/lottery.md, "Once a month"): the accounts holding a seat, confirmed or offered and
     * not lapsed, in another lottery session of any organisation on Ibasho, of any kind, whose applications closed in
     * the same calendar month (Asia/Tokyo) as this one's. A cancelled or declined win does not count.
     */
    private static Uni<java.util.Set<String>> monthWinHolders(SessionCopy session, DrawSubject subject) {
        return MonthWinners.accountsHoldingASeat(subject.winMonth(), session.id);
    }

    private static Refusal notDrawn() {
        return new Refusal(
                Refusal.Kind.NOT_FOUND, "not-drawn", "Not drawn yet", "This lottery has not been drawn yet.");
    }

    private static Uni<SessionCopy> lockSessionNowait(UUID sessionId) {
        return SeatLedger.lockSessionNowait(sessionId)
                .onFailure(LotteryService::lockNotAvailable)
                .transform(
                        failure -> Refusal.conflict(
                                "draw-in-progress",
                                "This lottery is being drawn right now (by the scheduler or another organiser); look at it again in a moment."));
    }

    /** PostgreSQL's lock_not_available (55P03), however deep the persistence layer wrapped it. */
    private static boolean lockNotAvailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // Hibernate Reactive reports it as a LockTimeoutException (a JDBCException with the SQL state)
            if (t instanceof org.hibernate.JDBCException jdbc && "55P03".equals(jdbc.getSQLState())
                    || t instanceof io.vertx.pgclient.PgException pg && "55P03".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    private static Uni<LotterySeed> seed(UUID sessionId) {
        return LotteryDrawStore.seed(sessionId);
    }

    private static Uni<String> commitment(UUID sessionId) {
        return LotteryDrawStore.commitment(sessionId);
    }

    private static Uni<Boolean> drawExists(UUID sessionId) {
        return LotteryDrawStore.drawn(sessionId);
    }

    private static Uni<SessionCopy> lotterySession(UUID sessionId) {
        return SessionCopy.<SessionCopy>findById(sessionId)
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("session"))
                .call(LotteryService::requireLottery);
    }

    private static Uni<SessionCopy> requireLottery(SessionCopy session) {
        return "LOTTERY".equals(session.allocation)
                ? Uni.createFrom().item(session)
                : Uni.createFrom()
                        .failure(Refusal.conflict("not-lottery", "This session is not allocated by lottery."));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    static SeedCommitment commitmentOf(LotterySeed seed) {
        return seed.commitment();
    }
}
