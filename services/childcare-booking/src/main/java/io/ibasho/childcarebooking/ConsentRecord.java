package io.ibasho.childcarebooking;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One time she agreed to a purpose of this service (storing her children's nicknames and care notes): the language and
 * the version of the wording she was shown, when, and when she withdrew it. Never the notes themselves.
 */
@Entity
@Table(name = "consent_record")
public class ConsentRecord extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "attendee_id")
    public String attendeeId;

    public String purpose;

    public String language;

    @Column(name = "wording_version")
    public String wordingVersion;

    @Column(name = "given_at")
    public OffsetDateTime givenAt;

    @Column(name = "withdrawn_at")
    public OffsetDateTime withdrawnAt;
}
