package io.ibasho.childcarebooking.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;

/** The nicknames and care notes of her children (table booked_child), kept only while she consents. */
public final class ChildDetails {
    private ChildDetails() {}

    /**
     * Deletes every nickname and care note of her children, stamped {@code now}. Returns how many children's rows held
     * one.
     */
    public static Uni<Integer> clearAllOf(String attendeeId, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("update booked_child set child_nickname = null,"
                                + " care_notes = null, notes_updated_at = :now where booking_id in"
                                + " (select id from childcare_booking where attendee_id = :who)"
                                + " and (child_nickname is not null or care_notes is not null)")
                        .setParameter("now", now)
                        .setParameter("who", attendeeId)
                        .executeUpdate());
    }
}
