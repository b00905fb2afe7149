package io.ibasho.event.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.event.release.AttendeeRelease.Facts;
import io.ibasho.event.release.AttendeeRelease.Place;
import io.ibasho.event.release.AttendeeRelease.Visibility;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttendeeReleaseTest {
    private static final Duration LEAD = Duration.ofMinutes(60);
    private static final Instant START = Instant.parse("2026-12-08T04:30:00Z");
    private static final Instant END = START.plus(Duration.ofMinutes(90));
    private static final String LINK = "https://meet.example.invalid/room";

    private static Facts atVenue(Visibility visibility) {
        return new Facts(new Place("架空県ひなた市1-1-1", visibility), false, null, START, END);
    }

    private static Facts online() {
        return new Facts(null, true, LINK, START, END);
    }

    @Test
    void publicAndAttendeesOnlyAddressesAreReleasedToAConfirmedAttendee() {
        for (Visibility visibility : new Visibility[] {Visibility.PUBLIC, Visibility.ATTENDEES_ONLY}) {
            var released = AttendeeRelease.release(atVenue(visibility), START.minus(Duration.ofDays(3)), LEAD);
            assertThat(released.address()).isEqualTo("架空県ひなた市1-1-1");
            assertThat(released.addressNoteEn()).isNull();
            assertThat(released.meetingLink()).isNull();
            assertThat(released.meetingLinkAvailableAt()).isNull();
        }
    }

    @Test
    void anAddressThatIsNeverShownStaysHiddenWithANote() {
        var released = AttendeeRelease.release(atVenue(Visibility.NEVER), START.minusSeconds(60), LEAD);
        assertThat(released.address()).isNull();
        assertThat(released.addressNoteEn()).isEqualTo("The organiser will tell you where to meet");
        assertThat(released.addressNoteJa()).isNotBlank();
    }

    @Test
    void theMeetingLinkIsReleasedFromTheLeadTimeBeforeTheStartUntilTheEnd() {
        Instant opens = START.minus(LEAD);
        var tooEarly = AttendeeRelease.release(online(), opens.minusSeconds(1), LEAD);
        assertThat(tooEarly.meetingLink()).isNull();
        assertThat(tooEarly.meetingLinkAvailableAt()).isEqualTo(opens);
        assertThat(tooEarly.address()).isNull();
        assertThat(tooEarly.addressNoteEn()).as("no venue, nothing to hide").isNull();

        assertThat(AttendeeRelease.release(online(), opens, LEAD).meetingLink()).isEqualTo(LINK);
        assertThat(AttendeeRelease.release(online(), END.minusSeconds(1), LEAD).meetingLink())
                .isEqualTo(LINK);

        var over = AttendeeRelease.release(online(), END, LEAD);
        assertThat(over.meetingLink()).isNull();
        assertThat(over.meetingLinkAvailableAt()).isNull();
    }

    @Test
    void sessionsThatAreNotOnlineNeverReleaseALink() {
        var facts = new Facts(new Place("x", Visibility.PUBLIC), false, LINK, START, END);
        var released = AttendeeRelease.release(facts, START, LEAD);
        assertThat(released.meetingLink()).isNull();
        assertThat(released.meetingLinkAvailableAt()).isNull();
        assertThat(released.toString()).doesNotContain(LINK).doesNotContain("x,");
    }
}
