package io.ibasho.event.repository;

import io.ibasho.plumbing.sql.SessionConnection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Who holds a confirmed place in which session (table attendee_confirmation), kept from registration's events (a seat)
 * and childcare-booking's (drop-in childcare at a café that takes no booking), so a hidden address or a meeting link can
 * be released without calling either. Static helpers on the caller's reactive session and transaction.
 */
public final class AttendeeConfirmations {
    private AttendeeConfirmations() {}

    /** What holds her place: a registration's seat, or a drop-in childcare reservation (column place). */
    public enum Place {
        SEAT,
        DROP_IN_CHILDCARE
    }

    /** One of her places, confirmed or not; {@code registrationId} is the reservation's id for drop-in childcare. */
    public record Confirmation(UUID registrationId, UUID sessionId, boolean confirmed, Place place) {}

    /**
     * Records a registration as confirmed or not, keyed by registration (she may cancel and book again, which is a new
     * registration of the same session), on the first delivery of the event only. An event older than the one applied
     * ({@code sequence} lower, another relay's read late) is dropped: a Confirmed after its Cancelled must not confirm
     * her again. {@code sequence} is null from a producer that did not send one.
     *
     * <p>The event id is recorded (table processed_message) in the same statement: a data-modifying CTE whose upsert
     * reads the id's insert, so a redelivered event (the id already there) inserts nothing and changes nothing. One
     * round trip where ProcessedMessage.once and the upsert took two (docs/benchmarks.md, round 14); in the caller's
     * transaction, as before.
     */
    public static Uni<Void> recordOnce(
            String eventId,
            String consumer,
            UUID registrationId,
            UUID sessionId,
            String attendeeId,
            boolean confirmed,
            Long sequence,
            Place place) {
        // the record's only statement, on the session's connection past the ORM (docs/adr/0070)
        return SessionConnection.update(
                        "with first_delivery as (insert into processed_message (event_id, consumer, processed_at) "
                                + "values ($1, $2, now()) on conflict do nothing returning event_id) "
                                + "insert into attendee_confirmation "
                                + "(registration_id, session_id, attendee_id, confirmed, sequence, place) "
                                + "select cast($3 as uuid), cast($4 as uuid), cast($5 as text), "
                                + "cast($6 as boolean), cast($7 as bigint), cast($8 as text) from first_delivery "
                                + "on conflict (registration_id) do update set confirmed = excluded.confirmed, "
                                + "sequence = excluded.sequence "
                                + "where attendee_confirmation.sequence is null or excluded.sequence is null "
                                + "or excluded.sequence > attendee_confirmation.sequence",
                        eventId,
                        consumer,
                        registrationId,
                        sessionId,
                        attendeeId,
                        confirmed,
                        sequence,
                        place.name())
                .replaceWithVoid();
    }

    /** Her registrations, in session order, for her data export. */
    public static Uni<List<Confirmation>> of(String attendeeId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select registration_id, session_id, confirmed, place from attendee_confirmation "
                                        + "where attendee_id = :who order by session_id",
                                Object[].class)
                        .setParameter("who", attendeeId)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new Confirmation(
                                (UUID) row[0], (UUID) row[1], (Boolean) row[2], Place.valueOf((String) row[3])))
                        .toList());
    }

    /** Deletes her rows and those of the given registrations (hers, named by the erasure event). */
    public static Uni<Integer> erase(String attendeeId, List<UUID> registrationIds) {
        // a list parameter (expanded by Hibernate), only when there is one: "in ()" is no SQL
        return Panache.getSession().flatMap(s -> {
            var delete = s.createNativeQuery("delete from attendee_confirmation where attendee_id = :who"
                            + (registrationIds.isEmpty() ? "" : " or registration_id in (:ids)"))
                    .setParameter("who", attendeeId);
            if (!registrationIds.isEmpty()) {
                delete.setParameter("ids", registrationIds);
            }
            return delete.executeUpdate();
        });
    }

    /**
     * Deletes the confirmations of sessions that ended before {@code cutOff} (and of sessions this service does not
     * know, which nobody can ask about). Returns how many rows went.
     */
    public static Uni<Integer> deleteOfSessionsEndedBefore(OffsetDateTime cutOff) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("delete from attendee_confirmation c where not exists "
                                + "(select 1 from session s where s.id = c.session_id and s.ends_at >= :cutOff)")
                        .setParameter("cutOff", cutOff)
                        .executeUpdate());
    }
}
