package io.ibasho.notification;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Public facts about a session, kept from event-lifecycle to word messages. */
@Entity
@Table(name = "session_copy")
public class SessionCopy extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "title_ja")
    public String titleJa;

    @Column(name = "title_en")
    public String titleEn;

    @Column(name = "starts_at")
    public OffsetDateTime startsAt;

    public String status;
    public int sequence;

    @Column(name = "venue_id")
    public String venueId;
    /** The venue's public name as the event service published it (for partners' digests); never its address. */
    @Column(name = "venue_name_ja")
    public String venueNameJa;

    @Column(name = "venue_name_en")
    public String venueNameEn;

    public String allocation;
    public String kind;

    @Column(name = "ends_at")
    public OffsetDateTime endsAt;
    /** Grows each time EventChanged says the private meeting link changed; the link itself is never here. */
    @Column(name = "meeting_link_version")
    public int meetingLinkVersion;

    public static final String ONLINE = "online";
}
