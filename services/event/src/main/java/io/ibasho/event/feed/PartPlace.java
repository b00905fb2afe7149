package io.ibasho.event.feed;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A part of a session that meets somewhere else than the session (Nagaoka's 第3部), as a public feed may show it: the
 * venue's public name, and its address only when that venue's address is public. Times are Asia/Tokyo.
 */
public record PartPlace(String label, LocalDateTime start, LocalDateTime end, String venueName, String publicAddress) {
    public PartPlace {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        label = label == null || label.isBlank() ? null : label.strip();
        venueName = venueName == null || venueName.isBlank() ? null : venueName.strip();
        publicAddress = publicAddress == null || publicAddress.isBlank() ? null : publicAddress.strip();
    }
}
