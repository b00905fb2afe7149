package io.ibasho.childcarebooking;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** Children of one age band at a past session, kept after the bookings were deleted. */
@Entity
@Table(name = "session_childcare_band_total")
@IdClass(SessionChildcareBandTotal.Key.class)
public class SessionChildcareBandTotal extends PanacheEntityBase {
    @Id
    @Column(name = "session_id")
    public UUID sessionId;
    /** The band's place in the organisation's table at the time, from 1. */
    @Id
    public int position;
    /** The band's label, e.g. "1-2". */
    public String ages;

    public int children;

    /** The composite key (session, position). */
    public static class Key implements Serializable {
        public UUID sessionId;
        public int position;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && java.util.Objects.equals(sessionId, key.sessionId)
                    && position == key.position;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(sessionId, position);
        }
    }
}
