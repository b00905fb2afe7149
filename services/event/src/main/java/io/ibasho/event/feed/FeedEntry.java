package io.ibasho.event.feed;

import io.ibasho.event.schedule.BilingualText;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One session as the public iCalendar feed may show it; times are Asia/Tokyo.
 * <p>
 * This type is the whole of what can reach a public feed, so it has no field for a meeting link and only a
 * {@code publicAddress}: pass the address only when the venue's address is public, never a shelter's.
 *
 * @param venueName the venue's public display name, or null
 * @param publicAddress the venue's address if and only if it is public, otherwise null
 * @param sequence how often the session was changed after publication (RFC 5545 SEQUENCE), from 0
 * @param partPlaces the parts that meet at another venue than the session's, in order (usually none)
 */
public record FeedEntry(
        String sessionId,
        BilingualText title,
        LocalDateTime start,
        LocalDateTime end,
        FeedStatus status,
        int sequence,
        String venueName,
        String publicAddress,
        Instant lastModified,
        java.util.List<PartPlace> partPlaces) {

    public FeedEntry(
            String sessionId,
            BilingualText title,
            LocalDateTime start,
            LocalDateTime end,
            FeedStatus status,
            int sequence,
            String venueName,
            String publicAddress,
            Instant lastModified) {
        this(
                sessionId,
                title,
                start,
                end,
                status,
                sequence,
                venueName,
                publicAddress,
                lastModified,
                java.util.List.of());
    }

    public FeedEntry {
        partPlaces = partPlaces == null ? java.util.List.of() : java.util.List.copyOf(partPlaces);
        if (sessionId == null || sessionId.isBlank()) {
            throw new IllegalArgumentException("A feed entry needs a session id");
        }
        if (title == null || !title.hasJa()) {
            throw new IllegalArgumentException("Feed entry " + sessionId + " needs a Japanese title");
        }
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastModified, "lastModified");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException(
                    "Feed entry " + sessionId + " ends at " + end + ", not after its start " + start);
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("Feed entry " + sessionId + " has a negative sequence " + sequence);
        }
        venueName = blankToNull(venueName);
        publicAddress = blankToNull(publicAddress);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
