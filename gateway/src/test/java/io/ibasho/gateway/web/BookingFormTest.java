package io.ibasho.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.gateway.web.BookingForm.Outcome;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every answer of the booking form is a plain sentence with a next step; mistakes are told next to their field. */
class BookingFormTest {

    @Test
    void aNicknameAndUpToSixAgesAreAllItTakes() {
        BookingForm.Checked ok = BookingForm.check("  はな ", List.of("3", "", "5"), null, Language.JA);
        assertThat(ok.errors()).isEmpty();
        assertThat(ok.nickname()).isEqualTo("はな");
        assertThat(ok.childrenAges()).containsExactly(3, 5);
    }

    @Test
    void mistakesAreToldPerFieldInHerLanguage() {
        assertThat(BookingForm.check(" ", List.of(), null, Language.JA).errors())
                .containsKey("nickname")
                .containsValue("ニックネームを入力してください。本名でなくてかまいません。");
        assertThat(BookingForm.check("a".repeat(41), List.of(), null, Language.EN)
                        .errors()
                        .get("nickname"))
                .contains("40");
        assertThat(BookingForm.check("<b>", List.of(), null, Language.JA).errors())
                .containsEntry("nickname", "ニックネームに < と > は使えません。");
        // a tab or a zero-width space pasted with it is named as such, not as < or >
        assertThat(BookingForm.check("は\tな", List.of(), null, Language.JA)
                        .errors()
                        .get("nickname"))
                .contains("タブ");
        assertThat(BookingForm.check("は\u200bな", List.of(), null, Language.JA)
                        .errors()
                        .get("nickname"))
                .contains("目に見えない文字");
        assertThat(BookingForm.check("はな", List.of("18"), null, Language.JA).errors())
                .containsKey("childAge");
        assertThat(BookingForm.check("はな", List.of("three"), null, Language.JA).errors())
                .containsKey("childAge");
        assertThat(BookingForm.check("はな", Arrays.asList("1", "1", "1", "1", "1", "1", "1"), null, Language.JA)
                        .errors())
                .containsKey("childAge");
        assertThat(BookingForm.check("はな", List.of(), "x", Language.JA).errors())
                .containsKey("tier");
    }

    @Test
    void anAgeTheSessionsChildcareDoesNotTakeIsToldBesideTheFieldWithTheSessionsAges() {
        assertThat(BookingForm.check("はな", List.of("7"), null, 0, 6, Language.JA)
                        .errors())
                .containsEntry("childAge", "この回の託児は 0〜6歳のお子さんが対象です。年齢を確かめてください。");
        assertThat(BookingForm.check("はな", List.of("0"), null, 1, 6, Language.EN)
                        .errors()
                        .get("childAge"))
                .isEqualTo("Childcare here is for children aged 1 to 6. Please check the ages.");
        assertThat(BookingForm.check("はな", List.of("0", "6"), null, 0, 6, Language.JA)
                        .errors())
                .isEmpty();
        // the session's ages unknown (its page could not be read): any child's age, registration decides
        assertThat(BookingForm.check("はな", List.of("7"), null, null, null, Language.JA)
                        .errors())
                .isEmpty();
    }

    @Test
    void everyAnswerOfTheServiceHasAnOutcome() {
        assertThat(BookingForm.outcome(201, "", "confirmed")).isEqualTo(Outcome.CONFIRMED);
        assertThat(BookingForm.outcome(202, "", "pending_childcare")).isEqualTo(Outcome.PENDING_CHILDCARE);
        assertThat(BookingForm.outcome(201, "", "waitlisted")).isEqualTo(Outcome.WAITLISTED);
        assertThat(BookingForm.outcome(201, "", "applied")).isEqualTo(Outcome.APPLIED);
        assertThat(BookingForm.outcome(409, "session-full", null)).isEqualTo(Outcome.FULL);
        assertThat(BookingForm.outcome(409, "applications-closed", null)).isEqualTo(Outcome.CLOSED);
        assertThat(BookingForm.outcome(409, "session-not-open", null)).isEqualTo(Outcome.CLOSED);
        assertThat(BookingForm.outcome(409, "already-registered", null)).isEqualTo(Outcome.ALREADY_REGISTERED);
        assertThat(BookingForm.outcome(400, "validation", null)).isEqualTo(Outcome.INVALID);
        assertThat(BookingForm.outcome(403, "http-403", null)).isEqualTo(Outcome.NOT_ATTENDEE);
        assertThat(BookingForm.outcome(503, "busy", null)).isEqualTo(Outcome.UNAVAILABLE);
        for (Outcome outcome : Outcome.values()) {
            assertThat(BookingForm.title(outcome, Language.JA)).isNotBlank();
            assertThat(BookingForm.nextStep(outcome, 3, null, Language.EN)).isNotBlank();
        }
        assertThat(BookingForm.nextStep(Outcome.WAITLISTED, 3, null, Language.JA))
                .contains("3 番目");
    }

    @Test
    void theServicesValidationLandsOnTheRightField() {
        JsonObject problem = new JsonObject()
                .put("type", "https://ibasho.example/problems/validation")
                .put(
                        "violations",
                        new JsonArray()
                                .add(new JsonObject().put("field", "nickname").put("message", "nickname is required"))
                                .add(new JsonObject()
                                        .put("field", "<list element>")
                                        .put("message", "each child's age is a number from 0 to 17")));
        assertThat(BookingForm.fieldErrors(problem, Language.JA)).containsOnlyKeys("nickname", "childAge");
        JsonObject tier = new JsonObject().put("type", "https://ibasho.example/problems/priority-tier-unknown");
        assertThat(BookingForm.fieldErrors(tier, Language.EN)).containsOnlyKeys("tier");
    }

    @Test
    void childcareClosesAtItsDeadlineItselfAndSaysTheSeatAloneIsOpen() {
        java.time.OffsetDateTime deadline = java.time.OffsetDateTime.parse("2026-12-11T13:30:00+09:00");
        java.time.Instant before = deadline.toInstant().minusSeconds(1);
        assertThat(BookingForm.childcareClosed(true, deadline, before)).isFalse();
        assertThat(BookingForm.childcareClosed(true, deadline, deadline.toInstant()))
                .isTrue();
        assertThat(BookingForm.childcareClosed(false, deadline, deadline.toInstant()))
                .isFalse();
        assertThat(BookingForm.childcareClosed(true, null, deadline.toInstant()))
                .isFalse();
        assertThat(BookingForm.childcareClosedText(deadline, Language.JA))
                .contains("13:30")
                .endsWith("託児はお受けできません。席だけのお申込みはできます。");
        assertThat(BookingForm.childcareClosedText(deadline, Language.EN))
                .contains("13:30")
                .endsWith("You can still ask for a seat without it.");
    }

    @Test
    void aConfirmedBookingsNextStepHoldsAtAnyHourIncludingPastTheCancellationCutOff() {
        assertThat(BookingForm.nextStep(BookingForm.Outcome.CONFIRMED, null, null, Language.JA))
                .contains("主催者にお伝えください");
        assertThat(BookingForm.nextStep(BookingForm.Outcome.CONFIRMED, null, null, Language.EN))
                .contains("tell the organisers");
    }
}
