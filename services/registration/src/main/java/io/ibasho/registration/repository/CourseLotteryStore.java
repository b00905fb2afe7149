package io.ibasho.registration.repository;

import io.ibasho.registration.lottery.LotterySeed;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * A lottery course's draw store ({@code course_lottery}, one row per course): its secret seed and public commitment
 * from the start, and the draw's digest, time, author and published result once drawn. The draw locks the lottery
 * row between the dates' rows and the course row ({@link CourseLedger}).
 */
public final class CourseLotteryStore {
    private CourseLotteryStore() {}

    /** The public side of a course's lottery; {@code drawnAt} is null before the draw. */
    public record Status(String commitment, OffsetDateTime drawnAt) {}

    /** The seed and commitment of a course not drawn yet, read under the lottery row's lock. */
    public record Undrawn(LotterySeed seed, String commitment) {}

    /** The published draw and who drew it. */
    public record Published(String json, String drawnBy) {}

    /** Keeps a fresh seed for the course unless it has one already (flushes first: the course row may be new). */
    public static Uni<Void> keepSeed(UUID courseId, LotterySeed seed, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.flush()
                        .flatMap(flushed -> s.createNativeQuery(
                                        "insert into course_lottery (course_id, seed_hex, commitment, created_at) "
                                                + "values (:id, :seed, :commitment, :now) on conflict do nothing")
                                .setParameter("id", courseId)
                                .setParameter("seed", seed.toHex())
                                .setParameter("commitment", seed.commitment().sha256Hex())
                                .setParameter("now", now)
                                .executeUpdate()))
                .replaceWithVoid();
    }

    public static Uni<Boolean> drawn(UUID courseId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select count(*) from course_lottery where course_id = :id and drawn_at is not null",
                                Long.class)
                        .setParameter("id", courseId)
                        .getSingleResult())
                .map(count -> count > 0);
    }

    /** The commitment and draw time; both null when the course has no lottery row. */
    public static Uni<Status> status(UUID courseId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select commitment, drawn_at from course_lottery where course_id = :id", Object[].class)
                        .setParameter("id", courseId)
                        .getResultList())
                .map(rows -> rows.isEmpty()
                        ? new Status(null, null)
                        : new Status((String) rows.get(0)[0], timestamp(rows.get(0)[1])));
    }

    /** The published draw; null before the draw. */
    public static Uni<Published> published(UUID courseId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select published, drawn_by from course_lottery where course_id = :id and published is not null",
                                Object[].class)
                        .setParameter("id", courseId)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : new Published((String) rows.get(0)[0], (String) rows.get(0)[1]));
    }

    /** The lottery courses whose applications have closed and that are not drawn. */
    public static Uni<List<UUID>> dueForDrawing(OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select c.id from course_copy c join course_lottery l on l.course_id = c.id "
                                        + "where c.allocation = 'LOTTERY' and c.status = 'PUBLISHED' "
                                        + "and c.applications_close_at <= :now and l.drawn_at is null",
                                UUID.class)
                        .setParameter("now", now)
                        .getResultList());
    }

    /** Locks the course's lottery row; null when there is none or it is drawn already. */
    public static Uni<Undrawn> lockUndrawn(UUID courseId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select seed_hex, commitment, drawn_at from course_lottery where course_id = :id for update",
                                Object[].class)
                        .setParameter("id", courseId)
                        .getResultList())
                .map(rows -> rows.isEmpty() || rows.get(0)[2] != null
                        ? null
                        : new Undrawn(LotterySeed.fromHex((String) rows.get(0)[0]), (String) rows.get(0)[1]));
    }

    /**
     * Ends the applications of women who booked one of the course's dates on their own since applying: she cannot hold
     * that date twice.
     */
    public static Uni<Integer> endApplicationsHoldingADate(UUID courseId, List<UUID> dates, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("update course_request q set status = 'ENDED', updated_at = :now "
                                + "where q.course_id = :id and q.status = 'APPLIED' and exists (select 1 from registration r "
                                + "where r.attendee_id = q.attendee_id and r.session_id in (:dates) and r.status in "
                                + "('CONFIRMED', 'APPLIED', 'WAITLISTED', 'OFFERED', 'PENDING_CHILDCARE'))")
                        .setParameter("now", now)
                        .setParameter("id", courseId)
                        .setParameter("dates", dates)
                        .executeUpdate());
    }

    /** Records the draw once allocated. */
    public static Uni<Void> recordDraw(
            UUID courseId, String inputDigest, OffsetDateTime drawnAt, String drawnBy, String publishedJson) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "update course_lottery set input_digest = :digest, drawn_at = :at, drawn_by = :by, "
                                        + "published = :published where course_id = :id")
                        .setParameter("digest", inputDigest)
                        .setParameter("at", drawnAt)
                        .setParameter("by", drawnBy)
                        .setParameter("published", publishedJson)
                        .setParameter("id", courseId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    private static OffsetDateTime timestamp(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime time) {
            return time;
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant().atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(value.toString());
    }
}
