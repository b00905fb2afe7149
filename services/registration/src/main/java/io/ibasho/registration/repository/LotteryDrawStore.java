package io.ibasho.registration.repository;

import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.lottery.LotterySeed;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The draw store: each lottery session's secret seed and public commitment ({@code lottery_seed}), and its one draw
 * ({@code lottery_draw}, unique per session: the last line of defence against drawing twice) with the published
 * result once the allocation is done.
 */
public final class LotteryDrawStore {
    private LotteryDrawStore() {}

    /** What is kept of a draw at the closing, shown to everyone. */
    public record ClosingRow(String inputDigest, int applications, OffsetDateTime drawnAt) {}

    /**
     * The draw's audit record; {@code winners} and {@code reserve} (their numbers) are null while the allocation still
     * runs. Counted from the published file as stored, whatever its format (a relabelled one too, ADR 0085).
     */
    public record DrawRow(
            UUID id,
            String commitment,
            String seedHex,
            String inputDigest,
            String drawnBy,
            OffsetDateTime drawnAt,
            Integer winners,
            Integer reserve) {}

    /** The draw as it is first recorded, before the allocation: the order is fixed from then on. */
    public record NewDraw(
            UUID id,
            UUID sessionId,
            String policy,
            String commitment,
            String seedHex,
            String inputDigest,
            String drawnBy,
            OffsetDateTime drawnAt,
            int applications) {}

    /** Keeps a fresh seed for the session unless it has one already. */
    public static Uni<Void> keepSeed(UUID sessionId, LotterySeed seed, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "insert into lottery_seed (session_id, seed_hex, commitment, created_at) "
                                        + "values (:id, :seed, :commitment, :now) on conflict do nothing")
                        .setParameter("now", now)
                        .setParameter("id", sessionId)
                        .setParameter("seed", seed.toHex())
                        .setParameter("commitment", seed.commitment().sha256Hex())
                        .executeUpdate())
                .replaceWithVoid();
    }

    public static Uni<LotterySeed> seed(UUID sessionId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select seed_hex from lottery_seed where session_id = :id", String.class)
                        .setParameter("id", sessionId)
                        .getSingleResult())
                .map(LotterySeed::fromHex);
    }

    /** The seed's public commitment; null when the session has no seed. */
    public static Uni<String> commitment(UUID sessionId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select commitment from lottery_seed where session_id = :id", String.class)
                        .setParameter("id", sessionId)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    public static Uni<Boolean> drawn(UUID sessionId) {
        return Panache.getSession()
                .flatMap(
                        s -> s.createNativeQuery("select count(*) from lottery_draw where session_id = :id", Long.class)
                                .setParameter("id", sessionId)
                                .getSingleResult())
                .map(count -> count > 0);
    }

    /** Which of these lottery sessions are drawn. */
    public static Uni<Set<UUID>> drawnAmong(List<UUID> sessionIds) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select session_id from lottery_draw where session_id in (:ids)", UUID.class)
                        .setParameter("ids", sessionIds)
                        .getResultList())
                .map(HashSet::new);
    }

    /** Up to five published lottery sessions whose applications have closed and that are not drawn, locked. */
    public static Uni<List<SessionCopy>> dueForDrawing(OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select * from session_copy c where c.allocation = 'LOTTERY' and c.status = 'PUBLISHED' "
                                        + "and c.application_closes_at <= :now and not exists (select 1 from lottery_draw d where d.session_id = c.id) "
                                        + "order by c.application_closes_at limit 5 for update skip locked",
                                SessionCopy.class)
                        .setParameter("now", now)
                        .getResultList());
    }

    /** The closing as recorded with the draw; null before the draw. */
    public static Uni<ClosingRow> closing(UUID sessionId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select input_digest, coalesce(applications, -1), "
                                        + "cast(extract(epoch from drawn_at) * 1000000 as bigint) from lottery_draw where session_id = :id",
                                Object[].class)
                        .setParameter("id", sessionId)
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] row = rows.get(0);
                    return new ClosingRow((String) row[0], ((Number) row[1]).intValue(), fromMicros(row[2]));
                });
    }

    /** The draw's record; null before the draw. */
    public static Uni<DrawRow> draw(UUID sessionId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select cast(id as text), commitment, seed_hex, input_digest, drawn_by, "
                                        + "cast(extract(epoch from drawn_at) * 1000000 as bigint), "
                                        + "jsonb_array_length(cast(published as jsonb) -> 'winners'), "
                                        + "jsonb_array_length(cast(published as jsonb) -> 'reserve') "
                                        + "from lottery_draw where session_id = :id",
                                Object[].class)
                        .setParameter("id", sessionId)
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] row = rows.get(0);
                    return new DrawRow(
                            UUID.fromString((String) row[0]),
                            (String) row[1],
                            (String) row[2],
                            (String) row[3],
                            (String) row[4],
                            fromMicros(row[5]),
                            row[6] == null ? null : ((Number) row[6]).intValue(),
                            row[7] == null ? null : ((Number) row[7]).intValue());
                });
    }

    /**
     * The published draw: empty when the session is not drawn, a list holding null while the allocation still runs.
     */
    public static Uni<List<String>> published(UUID sessionId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select published from lottery_draw where session_id = :id", String.class)
                        .setParameter("id", sessionId)
                        .getResultList());
    }

    public static Uni<Void> record(NewDraw draw) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "insert into lottery_draw (id, session_id, policy, commitment, seed_hex, input_digest, published, drawn_by, drawn_at, applications) "
                                        + "values (:id, :session, :policy, :commitment, :seed, :digest, null, :by, :at, :applications)")
                        .setParameter("applications", draw.applications())
                        .setParameter("id", draw.id())
                        .setParameter("session", draw.sessionId())
                        .setParameter("policy", draw.policy())
                        .setParameter("commitment", draw.commitment())
                        .setParameter("seed", draw.seedHex())
                        .setParameter("digest", draw.inputDigest())
                        .setParameter("by", draw.drawnBy())
                        .setParameter("at", draw.drawnAt())
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * Whether the session's draw names its applicants by registration id: only draws made before V29 (ADR 0085), whose
     * allocation goes on with the ids its order was drawn from. Every later draw names them by lottery reference.
     */
    public static Uni<Boolean> namesApplicantsByRegistrationId(UUID sessionId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select count(*) from lottery_draw where session_id = :id "
                                        + "and applicants_named_by = 'REGISTRATION_ID'",
                                Long.class)
                        .setParameter("id", sessionId)
                        .getSingleResult())
                .map(count -> count > 0);
    }

    /** Publishes the result (the allocation is done). */
    public static Uni<Void> publish(UUID sessionId, String publishedJson) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "update lottery_draw set published = :published where session_id = :id")
                        .setParameter("published", publishedJson)
                        .setParameter("id", sessionId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The draw's id and when it was drawn, to the millisecond (as the LotteryDrawn event carries it). */
    public record DrawStamp(String drawId, OffsetDateTime drawnAt) {}

    public static Uni<DrawStamp> stamp(UUID sessionId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select cast(id as text) || ';' "
                                        + "|| cast(floor(extract(epoch from drawn_at) * 1000) as bigint) from lottery_draw where session_id = :id",
                                String.class)
                        .setParameter("id", sessionId)
                        .getSingleResult())
                .map(row -> new DrawStamp(
                        row.substring(0, row.indexOf(';')),
                        OffsetDateTime.ofInstant(
                                Instant.ofEpochMilli(Long.parseLong(row.substring(row.indexOf(';') + 1))),
                                ZoneOffset.UTC)));
    }

    private static OffsetDateTime fromMicros(Object micros) {
        return Instant.EPOCH
                .plus(((Number) micros).longValue(), ChronoUnit.MICROS)
                .atOffset(ZoneOffset.UTC);
    }
}
