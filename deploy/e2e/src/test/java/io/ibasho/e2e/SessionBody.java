package io.ibasho.e2e;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON body that creates a session through the event API ({@code POST /api/events/sessions}), as the end-to-end
 * classes give it to {@link StackAttendees#publishedSession}: kind, Japanese title, start and end, capacity and
 * allocation, with the optional fields added one by one. {@link #build()} gives a fresh mutable map each time, so a
 * class may change a copy (a seat more, a new title) and send it again.
 */
final class SessionBody {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private SessionBody(
            String kind, String titleJa, OffsetDateTime start, Duration length, int capacity, String allocation) {
        fields.put("kind", kind);
        fields.put("titleJa", titleJa);
        fields.put("startsAt", start.toString());
        fields.put("endsAt", start.plus(length).toString());
        fields.put("capacity", capacity);
        fields.put("allocation", allocation);
    }

    /** A session of {@code kind} ("cafe", "workshop", ...) from {@code start} for {@code length}. */
    static SessionBody of(
            String kind, String titleJa, OffsetDateTime start, Duration length, int capacity, String allocation) {
        return new SessionBody(kind, titleJa, start, length, capacity, allocation);
    }

    static SessionBody cafe(String titleJa, OffsetDateTime start, Duration length, int capacity, String allocation) {
        return of("cafe", titleJa, start, length, capacity, allocation);
    }

    static SessionBody workshop(
            String titleJa, OffsetDateTime start, Duration length, int capacity, String allocation) {
        return of("workshop", titleJa, start, length, capacity, allocation);
    }

    /** {@code days} from today in Tokyo, at {@code hour}:00 sharp (the day's sessions as an organiser sets them). */
    static OffsetDateTime inDays(int days, int hour) {
        return OffsetDateTime.now(ZoneOffset.ofHours(9))
                .plusDays(days)
                .withHour(hour)
                .withMinute(0)
                .withSecond(0)
                .withNano(0);
    }

    /**
     * An hour from now in Tokyo, to the minute: a session starting then still takes bookings, and its door is open
     * already (registration takes check-ins and drop-ins on the session's day, and from two hours before its start).
     */
    static OffsetDateTime withinTheHour() {
        return OffsetDateTime.now(ZoneOffset.ofHours(9)).plusHours(1).truncatedTo(ChronoUnit.MINUTES);
    }

    /** Now in UTC, to the second: what the API's times are compared with. */
    static OffsetDateTime nowUtc() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    }

    SessionBody titleEn(String titleEn) {
        return with("titleEn", titleEn);
    }

    /** Applications (first-come bookings or the lottery's) opened an hour ago and close at {@code closes}. */
    SessionBody applicationsOpenUntil(OffsetDateTime closes) {
        with("applicationOpensAt", nowUtc().minusHours(1).toString());
        return with("applicationClosesAt", closes.toString());
    }

    /** Any other field of the API's session body (venueId, flyer, targetAudienceJa, ...). */
    SessionBody with(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    /** The body as a new mutable map. */
    Map<String, Object> build() {
        return new LinkedHashMap<>(fields);
    }
}
