package io.ibasho.childcarebooking.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;

/**
 * Her erasure (docs/adr/0014): what this service holds that names her, found by her account id and by the
 * registrations the erasure event names. Static helpers on the caller's reactive session and transaction; the caller
 * runs them in this order (the children are found through bookings still linked to her).
 */
public final class ErasureStore {
    private ErasureStore() {}

    /** Deletes her children's nicknames and care notes. Returns how many children's rows were cleared. */
    public static Uni<Integer> clearChildren(String attendeeId, List<UUID> registrationIds) {
        return hers(
                "update booked_child set child_nickname = null, care_notes = null, notes_updated_at = null where "
                        + "booking_id in (select id from childcare_booking where %s)",
                attendeeId, registrationIds);
    }

    /** Replaces her account id on her bookings by a random one. Returns how many bookings were unlinked. */
    public static Uni<Integer> unlinkBookings(String attendeeId, List<UUID> registrationIds) {
        return hers(
                "update childcare_booking set attendee_id = 'erased:' || gen_random_uuid() where %s",
                attendeeId, registrationIds);
    }

    /** Deletes her consent records. */
    public static Uni<Integer> deleteConsents(String attendeeId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("delete from consent_record where attendee_id = :who")
                        .setParameter("who", attendeeId)
                        .executeUpdate());
    }

    /** Deletes a request of hers still waiting for a release on its way (docs/adr/0039): it goes unanswered. */
    public static Uni<Integer> dropWaitingRequests(String attendeeId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("delete from deferred_childcare_request where attendee_id = :who")
                        .setParameter("who", attendeeId)
                        .executeUpdate());
    }

    private static Uni<Integer> hers(String statement, String attendeeId, List<UUID> registrationIds) {
        // a list parameter (expanded by Hibernate), only when there is one: "in ()" is no SQL
        String hers = "attendee_id = :who" + (registrationIds.isEmpty() ? "" : " or registration_id in (:ids)");
        return Panache.getSession().flatMap(s -> {
            var update = s.createNativeQuery(statement.formatted(hers)).setParameter("who", attendeeId);
            if (!registrationIds.isEmpty()) {
                update.setParameter("ids", registrationIds);
            }
            return update.executeUpdate();
        });
    }
}
