package io.ibasho.event;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A café, workshop, online dialogue or free space at one time; owned by one organisation. Never leaves the service. */
@Entity
@Table(name = "session")
public class Session extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "organisation_id")
    public String organisationId;

    @Enumerated(EnumType.STRING)
    public SessionKind kind;

    @Column(name = "title_ja")
    public String titleJa;

    @Column(name = "title_en")
    public String titleEn;

    @Column(name = "starts_at")
    public OffsetDateTime startsAt;

    @Column(name = "ends_at")
    public OffsetDateTime endsAt;

    public Integer capacity;

    @Enumerated(EnumType.STRING)
    public Allocation allocation;

    @Enumerated(EnumType.STRING)
    public SessionStatus status;
    /** Grows on every published change; becomes the iCalendar SEQUENCE and lets consumers ignore stale events. */
    public int sequence;

    @Column(name = "venue_id")
    public UUID venueId;

    @Column(name = "room_id")
    public String roomId;
    /** JSON list of {@link io.ibasho.event.mapping.JsonColumns.StoredPart}; parts are booked together. */
    @Column(name = "parts_json")
    public String partsJson = "[]";

    @Column(name = "target_audience_ja")
    public String targetAudienceJa;

    @Column(name = "target_audience_en")
    public String targetAudienceEn;

    @Column(name = "application_opens_at")
    public OffsetDateTime applicationOpensAt;
    /** 申込み締切. */
    @Column(name = "application_closes_at")
    public OffsetDateTime applicationClosesAt;
    /** Private: never in a public or partner view, a feed or an event payload. */
    @Column(name = "meeting_link")
    public String meetingLink;
    /** A lottery's rules as {@link io.ibasho.event.mapping.JsonColumns.LotterySettings}; null: the defaults or no lottery. */
    @Column(name = "lottery_json")
    public String lotteryJson;

    /** {@link io.ibasho.event.mapping.Flyer} as JSON (theme, 講師, 持ち物, 参加費); public; null: none. */
    @Column(name = "flyer_json")
    public String flyerJson;

    @Column(name = "childcare_offered")
    public boolean childcareOffered;

    @Column(name = "childcare_min_age")
    public Integer childcareMinAge;

    @Column(name = "childcare_max_age")
    public Integer childcareMaxAge;

    @Column(name = "childcare_carers")
    public Integer childcareCarers;

    @Column(name = "childcare_deadline")
    public OffsetDateTime childcareDeadline;

    @Column(name = "childcare_max_children")
    public Integer childcareMaxChildren;

    @Column(name = "series_id")
    public UUID seriesId;
    /** RFC 5545 RECURRENCE-ID of the occurrence, basic form in Asia/Tokyo; null outside a series. */
    @Column(name = "recurrence_id")
    public String recurrenceId;
    /** Set when this occurrence was changed or cancelled on its own: series edits then leave it alone. */
    @Enumerated(EnumType.STRING)
    @Column(name = "occurrence_override")
    public OccurrenceOverrideKind occurrenceOverride;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public enum SessionKind {
        cafe,
        workshop,
        online,
        free_space;

        /** The wire name: {@code free-space}, as in the contracts. */
        public String wireName() {
            return name().replace('_', '-');
        }

        public static SessionKind fromWireName(String wireName) {
            return valueOf(wireName.replace('-', '_'));
        }
    }

    public enum Allocation {
        NONE,
        FIRST_COME,
        LOTTERY
    }

    public enum OccurrenceOverrideKind {
        CHANGED,
        CANCELLED
    }

    public enum SessionStatus {
        DRAFT,
        PUBLISHED,
        CANCELLED,
        COMPLETED
    }
}
