package io.ibasho.event;

import io.ibasho.event.Session.Allocation;
import io.ibasho.event.Session.SessionKind;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A recurring session: an RRULE in Asia/Tokyo and the defaults its occurrences (stored as sessions) get. */
@Entity
@Table(name = "session_series")
public class SessionSeries extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "organisation_id")
    public String organisationId;
    /** DRAFT: occurrences are drafts; PUBLISHED: new occurrences are published as they are planned. */
    @Enumerated(EnumType.STRING)
    public Session.SessionStatus status;

    public String rrule;
    /** Asia/Tokyo wall-clock time. */
    @Column(name = "first_start")
    public LocalDateTime firstStart;

    @Column(name = "duration_minutes")
    public int durationMinutes;

    @Column(name = "last_day")
    public LocalDate lastDay;

    @Column(name = "occurrence_count")
    public Integer count;

    @Enumerated(EnumType.STRING)
    public SessionKind kind;

    @Column(name = "title_ja")
    public String titleJa;

    @Column(name = "title_en")
    public String titleEn;

    @Column(name = "target_audience_ja")
    public String targetAudienceJa;

    @Column(name = "target_audience_en")
    public String targetAudienceEn;

    @Column(name = "venue_id")
    public UUID venueId;

    @Column(name = "room_id")
    public String roomId;

    public Integer capacity;

    @Enumerated(EnumType.STRING)
    public Allocation allocation;
    /** Private, like a session's. */
    @Column(name = "meeting_link")
    public String meetingLink;
    /** The childcare offer every occurrence gets, as {@link io.ibasho.event.mapping.JsonColumns.SeriesChildcare}; null: none. */
    @Column(name = "childcare_json")
    public String childcareJson;

    /** {@link io.ibasho.event.mapping.Flyer} as JSON, copied to every occurrence; null: none. */
    @Column(name = "flyer_json")
    public String flyerJson;
    /** The lottery rules every occurrence gets, as on a session. */
    @Column(name = "lottery_json")
    public String lotteryJson;
    /** Each occurrence's applications open this many days before its start; null: no application window. */
    @Column(name = "application_opens_days_before")
    public Integer applicationOpensDaysBefore;
    /** Each occurrence's applications close (申込み締切) this many hours before its start. */
    @Column(name = "application_closes_hours_before")
    public Integer applicationClosesHoursBefore;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
