package io.ibasho.registration.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.registration.Registration;
import io.ibasho.registration.Registration.ChildcareStatus;
import io.ibasho.registration.Registration.Status;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What she sees of the childcare saga on her own registration: plain unit tests, no server. */
class ChildcareViewTest {

    static Registration registration(Status status, ChildcareStatus childcare, String ages) {
        Registration r = new Registration();
        r.id = UUID.randomUUID();
        r.sessionId = UUID.randomUUID();
        r.nickname = "さくら";
        r.status = status;
        r.createdAt = OffsetDateTime.now();
        r.childcareStatus = childcare;
        r.childrenAges = ages;
        r.bookingCode = "ABCDEFGH";
        return r;
    }

    @Test
    void aHeldSeatHasNoCodeYetAndSaysWhy() {
        RegistrationView view =
                RegistrationMapper.toView(registration(Status.PENDING_CHILDCARE, ChildcareStatus.PENDING, "0,3"));
        assertThat(view.status()).isEqualTo("pending_childcare");
        assertThat(view.bookingCode()).isNull();
        assertThat(view.checkInPayload()).isNull();
        assertThat(view.childrenAges()).containsExactly(0, 3);
        assertThat(view.childcareStatus()).isEqualTo("pending");
        assertThat(view.nextSteps()).contains("held");
        assertThat(view.nextStepsCode()).isEqualTo("PENDING_CHILDCARE");
    }

    @Test
    void childcareUnavailableTellsHerBothChoices() {
        Registration r = registration(Status.CHILDCARE_UNAVAILABLE, ChildcareStatus.REJECTED, "2");
        r.childcareRejectReason = "RATIO_EXCEEDED";
        RegistrationView view = RegistrationMapper.toView(r);
        assertThat(view.childcareRejectReason()).isEqualTo("RATIO_EXCEEDED");
        assertThat(view.bookingCode()).isNull();
        assertThat(view.nextSteps())
                .contains("book a seat without childcare")
                .contains("join the waitlist with your children's ages");
        // the code beside the text, for an app to word in her language
        assertThat(view.nextStepsCode()).isEqualTo("CHILDCARE_UNAVAILABLE");
    }

    @Test
    void waitingForChildcareOnTheWaitlistKeepsHerPlace() {
        Registration r = registration(Status.WAITLISTED, ChildcareStatus.REJECTED, "2");
        assertThat(RegistrationMapper.toView(r, 1).nextSteps()).contains("keep your place");
        assertThat(RegistrationMapper.toView(r, 1).nextStepsCode()).isEqualTo("WAITING_FOR_CHILDCARE");
        assertThat(RegistrationMapper.toView(registration(Status.WAITLISTED, null, "2"), 1)
                        .nextSteps())
                .isNull();
    }

    @Test
    void aPlainBookingShowsNothingAboutChildcare() {
        RegistrationView view = RegistrationMapper.toView(registration(Status.CONFIRMED, null, null));
        assertThat(view.childrenAges()).isNull();
        assertThat(view.childcareStatus()).isNull();
        assertThat(view.nextSteps()).isNull();
        assertThat(view.nextStepsCode()).isNull();
        assertThat(view.bookingCode()).isEqualTo("ABCDEFGH");
    }

    @Test
    void aHeldSeatIsActiveAndChildcareUnavailableIsNot() {
        // active = counts for "one booking per session" and is cancelled with the session
        assertThat(Status.PENDING_CHILDCARE.active()).isTrue();
        assertThat(Status.CHILDCARE_UNAVAILABLE.active()).isFalse();
    }
}
