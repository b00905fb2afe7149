package io.ibasho.registration.idempotency;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/** A stored first answer, per person and key. The body is her own answer (never shown to anyone else). */
@Entity
@Table(name = "idempotency_record")
@IdClass(IdempotencyRecord.Key.class)
public class IdempotencyRecord extends PanacheEntityBase {
    @Id
    @Column(name = "attendee_id")
    public String attendeeId;

    @Id
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    public String fingerprint;

    @Column(name = "status_code")
    public int statusCode;

    public String body;
    public String location;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public static class Key implements Serializable {
        public String attendeeId;
        public String idempotencyKey;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && Objects.equals(attendeeId, key.attendeeId)
                    && Objects.equals(idempotencyKey, key.idempotencyKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(attendeeId, idempotencyKey);
        }
    }
}
