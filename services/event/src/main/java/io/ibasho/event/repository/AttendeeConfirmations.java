package io.ibasho.event.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Who holds a confirmed place in which session (table attendee_confirmation), kept from registration's events so a
 * hidden address or a meeting link can be released without calling registration. Static helpers on the caller's
 * reactive session and transaction.
 */
public final class AttendeeConfirmations {
    private AttendeeConfirmations() {}

    /** One of her registrations, confirmed or not. */
    public record Confirmation(UUID registrationId, UUID sessionId, boolean confirmed) {}

    /**
     * Records a registration as confirmed or not, keyed by registration (she may cancel and book again, which is a new
     * registration of the same session). An event older than the one applied ({@code sequence} lower, another relay's
     * read late) is dropped: a Confirmed after its Cancelled must not confirm her again. {@code sequence} is null from
     * a producer that did not send one.
     */
    public static Uni<Void> record(
            UUID registrationId, UUID sessionId, String attendeeId, boolean confirmed, Long sequence) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "insert into attendee_confirmation (registration_id, session_id, attendee_id, confirmed, sequence) "
                                        + "values (:registration, :session, :attendee, :confirmed, cast(:sequence as bigint)) "
                                        + "on conflict (registration_id) do update set confirmed = excluded.confirmed, "
                                        + "sequence = excluded.sequence "
                                        + "where attendee_confirmation.sequence is null or excluded.sequence is null "
                                        + "or excluded.sequence > attendee_confirmation.sequence")
                        .setParameter("registration", registrationId)
                        .setParameter("session", sessionId)
                        .setParameter("attendee", attendeeId)
                        .setParameter("confirmed", confirmed)
                        .setParameter("sequence", sequence)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Her registrations, in session order, for her data export. */
    public static Uni<List<Confirmation>> of(String attendeeId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select registration_id, session_id, confirmed from attendee_confirmation "
                                        + "where attendee_id = :who order by session_id",
                                Object[].class)
                        .setParameter("who", attendeeId)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new Confirmation((UUID) row[0], (UUID) row[1], (Boolean) row[2]))
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
