package io.ibasho.registration;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * She asks for a whole course without a place yet (docs/adr/0026): an application to a LOTTERY course, or a place on
 * a full first-come course's waitlist. APPLIED until the draw; WAITING (the waitlist, or the reserve list after the
 * draw) until offered; OFFERED while the course's place and every date's seat are held for her; BOOKED once it became
 * her {@link CourseBooking}; WITHDRAWN, EXPIRED (an offer declined or lapsed) or ENDED (the course ended) otherwise.
 */
@Entity
@Table(name = "course_request")
public class CourseRequest extends PanacheEntityBase {
    public static final String LOTTERY = "LOTTERY";
    public static final String WAITLIST = "WAITLIST";

    public static final String APPLIED = "APPLIED";
    public static final String WAITING = "WAITING";
    public static final String OFFERED = "OFFERED";
    public static final String BOOKED = "BOOKED";
    public static final String WITHDRAWN = "WITHDRAWN";
    public static final String EXPIRED = "EXPIRED";
    public static final String ENDED = "ENDED";

    public static final List<String> OPEN = List.of(APPLIED, WAITING, OFFERED);

    @Id
    public UUID id;

    @Column(name = "course_id")
    public UUID courseId;

    @Column(name = "attendee_id")
    public String attendeeId;

    public String nickname;
    public String kind;
    public String status;

    /** Children's ages per date that needs childcare, {@code sessionId=3,5;sessionId=1}: ages only, never names. */
    public String childcare;

    /** The order of offers: the waitlist number, or the drawn position on the reserve list. */
    public Long position;

    @Column(name = "offer_expires_at")
    public OffsetDateTime offerExpiresAt;

    @Column(name = "course_booking_id")
    public UUID courseBookingId;

    /**
     * An application to a course lottery: her lottery reference, the id the published draw names it by (ADR 0085).
     * Random and apart from {@link #id}, which is in her pages' addresses; null for a waitlist place.
     */
    @Column(name = "lottery_reference")
    public UUID lotteryReference;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public Map<UUID, List<Integer>> childcareByDate() {
        Map<UUID, List<Integer>> byDate = new LinkedHashMap<>();
        if (childcare == null || childcare.isBlank()) {
            return byDate;
        }
        for (String entry : childcare.split(";")) {
            String[] parts = entry.split("=", 2);
            byDate.put(
                    UUID.fromString(parts[0]),
                    java.util.Arrays.stream(parts[1].split(","))
                            .map(Integer::valueOf)
                            .toList());
        }
        return byDate;
    }

    public static String childcareOf(Map<UUID, List<Integer>> byDate) {
        if (byDate == null || byDate.isEmpty()) {
            return null;
        }
        return byDate.entrySet().stream()
                .map(e -> e.getKey() + "="
                        + e.getValue().stream().map(String::valueOf).collect(Collectors.joining(",")))
                .collect(Collectors.joining(";"));
    }
}
