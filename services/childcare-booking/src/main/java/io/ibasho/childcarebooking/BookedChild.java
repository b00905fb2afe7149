package io.ibasho.childcarebooking;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One child of a booking: an age, and optionally what the mother chose to tell the carers. Never a name: the
 * nickname is one she makes up for the day. Nickname and notes are deleted after the session (CareNotesPurge).
 */
@Entity
@Table(name = "booked_child")
public class BookedChild extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "booking_id")
    public UUID bookingId;
    /** 1-based, in the order of the request's {@code childrenAges}, so the mother can say which child a note is for. */
    public int position;

    @Column(name = "age_years")
    public int ageYears;

    @Column(name = "child_nickname")
    public String childNickname;

    @Column(name = "care_notes")
    public String careNotes;

    @Column(name = "notes_updated_at")
    public OffsetDateTime notesUpdatedAt;
}
