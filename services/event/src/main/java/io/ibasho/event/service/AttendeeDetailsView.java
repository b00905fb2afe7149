package io.ibasho.event.service;

import io.ibasho.event.mapping.SessionView;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What only a confirmed attendee of a published session is told: where (the address unless it is never shown, then a
 * note) and, for an online dialogue, the meeting link from shortly before the start (else {@code meetingLinkAvailableAt}).
 * Served with Cache-Control: no-store.
 */
public record AttendeeDetailsView(
        UUID sessionId,
        String kind,
        String titleJa,
        String titleEn,
        OffsetDateTime startsAt,
        OffsetDateTime endsAt,
        SessionView.VenueSummary venue,
        String address,
        String addressNoteJa,
        String addressNoteEn,
        String meetingLink,
        OffsetDateTime meetingLinkAvailableAt,
        java.util.List<PartDetails> parts) {

    /**
     * A part that meets at another venue than the session's, released by the same rule as the session's address: the
     * address unless that venue's is never shown (then a note).
     */
    public record PartDetails(
            String partId,
            String label,
            SessionView.VenueSummary venue,
            String address,
            String addressNoteJa,
            String addressNoteEn) {
        @Override
        public String toString() {
            return "PartDetails[partId=" + partId + ", address=" + (address == null ? "none" : "(hidden)") + "]";
        }
    }

    /** The address and link stay out of logs. */
    @Override
    public String toString() {
        return "AttendeeDetailsView[sessionId=" + sessionId + ", address=" + (address == null ? "none" : "(hidden)")
                + ", meetingLink=" + (meetingLink == null ? "none" : "(hidden)") + ", meetingLinkAvailableAt="
                + meetingLinkAvailableAt + "]";
    }
}
