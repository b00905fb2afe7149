package io.ibasho.event.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Small value lists (rooms, partner groups, session parts) kept as JSON text columns: they are always read and written
 * with their owner, and plain text avoids driver-specific JSON/array mappings in Hibernate Reactive.
 */
public final class JsonColumns {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonColumns() {}

    /** A room of a venue; {@code id} is chosen by the organiser (e.g. "washitsu") and stable. */
    public record Room(String id, String nameJa, String nameEn) {}

    /**
     * A part of a session (1部, 2部); times in Asia/Tokyo offset so equal parts serialise equally. {@code venueId} is
     * set only for a part that meets somewhere else than the session (parts stored before it existed read null).
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record StoredPart(
            String partId, String label, OffsetDateTime startsAt, OffsetDateTime endsAt, java.util.UUID venueId) {}

    /**
     * A lottery's rules, public so applicants know them before applying: priority tiers (labels, first tier first, e.g.
     * "初めての方 / first-time participants"), whoever won another lottery this month ranks last, and whether a winner
     * needing childcare wins only if her children can be taken.
     */
    public record LotterySettings(
            List<String> priority,
            boolean oneWinPerMonth,
            boolean childcareRequiredToWin,
            boolean confirmationRequired,
            int confirmationHours) {
        /** Winners confirm within 48 hours when confirmation is required (registration's default too). */
        public static final int DEFAULT_CONFIRMATION_HOURS = 48;

        public static final LotterySettings DEFAULTS =
                new LotterySettings(List.of(), false, true, false, DEFAULT_CONFIRMATION_HOURS);

        public LotterySettings {
            priority = priority == null ? List.of() : List.copyOf(priority);
            // settings stored before confirmation existed read as 0: the default
            confirmationHours = confirmationHours <= 0 ? DEFAULT_CONFIRMATION_HOURS : confirmationHours;
        }
    }

    /** A series' childcare offer; each occurrence's request deadline is {@code deadlineHoursBefore} hours before its start. */
    public record SeriesChildcare(
            int minAgeYears, int maxAgeYears, int carers, Integer maxChildren, int deadlineHoursBefore) {}

    /** null when the series offers no childcare. */
    public static SeriesChildcare seriesChildcare(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSON.readValue(json, SeriesChildcare.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON column unreadable", e);
        }
    }

    /** The stored settings, or the defaults when none were given. */
    public static LotterySettings lottery(String json) {
        if (json == null || json.isBlank()) {
            return LotterySettings.DEFAULTS;
        }
        try {
            return JSON.readValue(json, LotterySettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON column unreadable", e);
        }
    }

    public static <T> T readValue(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON column unreadable", e);
        }
    }

    public static String writeValue(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable", e);
        }
    }

    public static List<Room> rooms(String json) {
        return read(json, new TypeReference<>() {});
    }

    public static List<String> strings(String json) {
        return read(json, new TypeReference<>() {});
    }

    public static List<StoredPart> parts(String json) {
        return read(json, new TypeReference<>() {});
    }

    public static String write(List<?> values) {
        try {
            return JSON.writeValueAsString(values == null ? List.of() : values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable", e);
        }
    }

    private static <T> List<T> read(String json, TypeReference<List<T>> type) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON column unreadable", e);
        }
    }
}
