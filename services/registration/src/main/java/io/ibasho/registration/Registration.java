package io.ibasho.registration;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One woman's booking or application for one session, under a nickname; her account id is opaque. */
@Entity
@Table(name = "registration")
public class Registration extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "attendee_id")
    public String attendeeId;

    public String nickname;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    /** Her place in the waitlist's order (from a database sequence); null unless she joined the waitlist. */
    @Column(name = "waitlist_number")
    public Long waitlistNumber;
    /**
     * Her number on a lottery's reserve list as published and as she was told (補欠の何番目); it stays hers when
     * others ahead of her get an offer. Null outside a lottery's reserve list.
     */
    @Column(name = "reserve_number")
    public Integer reserveNumber;
    /**
     * Why she is waiting, as in the Waitlisted event: FULL (every seat taken), LOTTERY_RESERVE (the draw's reserve list)
     * or CHILDCARE_UNAVAILABLE (she waits for a seat and childcare together). Shown to her with her position.
     */
    @Column(name = "waitlist_reason")
    public String waitlistReason;

    @Column(name = "offer_expires_at")
    public OffsetDateTime offerExpiresAt;
    /** Short code shown at the door; set when the booking is confirmed. */
    @Column(name = "booking_code")
    public String bookingCode;

    @Column(name = "cancelled_by")
    public String cancelledBy;

    @Column(name = "cancel_reason")
    public String cancelReason;

    @Enumerated(EnumType.STRING)
    public Attendance attendance;
    /** When she was first recorded as attended (the door shows it when her code comes again); null otherwise. */
    @Column(name = "attended_at")
    public OffsetDateTime attendedAt;
    /**
     * Lottery applications: her lottery reference, the id the published draw names her application by (ADR 0085).
     * Random and apart from {@link #id}, which is in her URLs; shown only on her own signed-in page, never in a URL,
     * an API path, a Kafka payload or a log. Null for bookings that are not lottery applications.
     */
    @Column(name = "lottery_reference")
    public UUID lotteryReference;
    /** Lottery applications: the priority tier she declared (index into the policy's labels); null = the last. */
    @Column(name = "priority_tier")
    public Integer priorityTier;
    /** Her children's ages for 託児, comma-separated ("0,3"); null when she asked for no childcare. Never names. */
    @Column(name = "children_ages")
    public String childrenAges;
    /** The ChildcareRequested in flight or last answered; replies are matched by it, so a late one is recognised. */
    @Column(name = "childcare_request_id")
    public UUID childcareRequestId;

    @Enumerated(EnumType.STRING)
    @Column(name = "childcare_status")
    public ChildcareStatus childcareStatus;
    /** The stable reason code of the last ChildcareRejected (e.g. RATIO_EXCEEDED), shown to her in the app. */
    @Column(name = "childcare_reject_reason")
    public String childcareRejectReason;
    /** When the pending ChildcareRequested was written: a hold unanswered for too long is released (NO_ANSWER). */
    @Column(name = "childcare_requested_at")
    public OffsetDateTime childcareRequestedAt;
    /**
     * Optimistic lock behind the row locks: a change written from a stale read fails instead of overwriting a newer
     * status (a lost update). Native updates of the table bump it too.
     */
    @Version
    public Long version;
    /**
     * The course booking this date belongs to (a course booked as one); null for a single session. The date is still an
     * ordinary registration: its own seat, waitlist, childcare and cancellation.
     */
    @Column(name = "course_booking_id")
    public UUID courseBookingId;

    public boolean needsChildcare() {
        return childrenAges != null && !childrenAges.isBlank();
    }

    /** Parses {@link #childrenAges}; empty when she asked for no childcare. */
    public java.util.List<Integer> childrenAgeList() {
        return needsChildcare()
                ? java.util.Arrays.stream(childrenAges.split(","))
                        .map(String::strip)
                        .map(Integer::valueOf)
                        .toList()
                : java.util.List.of();
    }

    public static String childrenAgesOf(java.util.List<Integer> ages) {
        return ages == null || ages.isEmpty()
                ? null
                : ages.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }

    public enum Status {
        CONFIRMED,
        APPLIED,
        WAITLISTED,
        OFFERED,
        CANCELLED,
        /** A waitlist offer she declined or let lapse; the seat went to the next person. */
        EXPIRED,
        /** A seat is held for her while childcare-booking is asked about her children; no booking code yet. */
        PENDING_CHILDCARE,
        /** Her booking could not get childcare, so the held seat was released (both or neither); see the reject reason. */
        CHILDCARE_UNAVAILABLE;

        public boolean active() {
            return this == CONFIRMED
                    || this == APPLIED
                    || this == WAITLISTED
                    || this == OFFERED
                    || this == PENDING_CHILDCARE;
        }
    }

    /** Where her 託児 stands in the saga with childcare-booking. */
    public enum ChildcareStatus {
        PENDING,
        RESERVED,
        REJECTED,
        RELEASED
    }

    public enum Attendance {
        ATTENDED,
        NO_SHOW
    }
}
