package io.ibasho.event.release;

import java.time.Duration;
import java.time.Instant;

/**
 * What a confirmed attendee may be told about where to go, and when. Pure: the caller has already checked that she
 * holds a confirmed place in this published session.
 * <ul>
 *   <li>address: shown when the venue's visibility is PUBLIC or ATTENDEES_ONLY; never when NEVER (a shelter), where
 *       she gets a note that the organiser will tell her where to meet;</li>
 *   <li>meeting link (online sessions only): from {@code leadTime} before the start until the end; before that she
 *       gets the time it becomes available, after the end nothing.</li>
 * </ul>
 */
public final class AttendeeRelease {
    public static final String NEVER_SHOWN_NOTE_JA = "集合場所は主催者から直接お知らせします";
    public static final String NEVER_SHOWN_NOTE_EN = "The organiser will tell you where to meet";

    private AttendeeRelease() {}

    public enum Visibility {
        PUBLIC,
        ATTENDEES_ONLY,
        NEVER
    }

    /** The venue as far as release is concerned; null for a session without a venue (online). */
    public record Place(String address, Visibility visibility) {}

    /**
     * @param online whether the session is an online dialogue (only those have a link)
     * @param meetingLink the stored link, or null
     */
    public record Facts(Place place, boolean online, String meetingLink, Instant start, Instant end) {}

    /**
     * @param addressNoteJa/addressNoteEn set when there is a venue but its address is never shown
     * @param meetingLinkAvailableAt set when the link exists but is not released yet
     */
    public record Released(
            String address,
            String addressNoteJa,
            String addressNoteEn,
            String meetingLink,
            Instant meetingLinkAvailableAt) {

        /** Leaves the link and the address out: this record may end up in a log or an assertion message. */
        @Override
        public String toString() {
            return "Released[address=" + (address == null ? "none" : "(hidden)") + ", note=" + (addressNoteEn != null)
                    + ", meetingLink=" + (meetingLink == null ? "none" : "(hidden)") + ", meetingLinkAvailableAt="
                    + meetingLinkAvailableAt + "]";
        }
    }

    public static Released release(Facts facts, Instant now, Duration leadTime) {
        String address = null;
        String noteJa = null;
        String noteEn = null;
        Place place = facts.place();
        if (place != null) {
            if (place.visibility() == Visibility.NEVER) {
                noteJa = NEVER_SHOWN_NOTE_JA;
                noteEn = NEVER_SHOWN_NOTE_EN;
            } else {
                address = place.address();
            }
        }
        String link = null;
        Instant availableAt = null;
        if (facts.online() && facts.meetingLink() != null) {
            Instant opens = facts.start().minus(leadTime);
            if (now.isBefore(opens)) {
                availableAt = opens;
            } else if (now.isBefore(facts.end())) {
                link = facts.meetingLink();
            }
        }
        return new Released(address, noteJa, noteEn, link, availableAt);
    }
}
