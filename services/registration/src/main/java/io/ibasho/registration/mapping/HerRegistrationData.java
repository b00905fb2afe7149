package io.ibasho.registration.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ibasho.registration.Registration;
import io.ibasho.registration.SessionCopy;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything the registration service holds about her (her data export, issue #18): each registration with the
 * nickname she gave, the children's ages she asked childcare for, its code and states, and when the session is.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HerRegistrationData(String service, List<Entry> registrations) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(
            UUID registrationId,
            UUID sessionId,
            OffsetDateTime sessionStartsAt,
            String nickname,
            String status,
            String bookingCode,
            List<Integer> childrenAges,
            String childcareStatus,
            String attendance,
            String cancelledBy,
            OffsetDateTime offerExpiresAt,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {}

    public static HerRegistrationData of(List<Registration> registrations, Map<UUID, SessionCopy> sessions) {
        return new HerRegistrationData(
                "registration",
                registrations.stream()
                        .map(r -> {
                            SessionCopy session = sessions.get(r.sessionId);
                            return new Entry(
                                    r.id,
                                    r.sessionId,
                                    session == null ? null : session.startsAt,
                                    r.nickname,
                                    r.status.name().toLowerCase(),
                                    r.bookingCode,
                                    r.childrenAges == null ? null : r.childrenAgeList(),
                                    r.childcareStatus == null
                                            ? null
                                            : r.childcareStatus.name().toLowerCase(),
                                    r.attendance == null ? null : r.attendance.name(),
                                    r.cancelledBy,
                                    r.offerExpiresAt,
                                    r.createdAt,
                                    r.updatedAt);
                        })
                        .toList());
    }
}
