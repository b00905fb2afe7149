package io.ibasho.childcarebooking.capacity;

import static io.ibasho.childcarebooking.capacity.AssessmentOutcome.ACCEPTED;
import static io.ibasho.childcarebooking.capacity.AssessmentOutcome.DEADLINE_PASSED;
import static io.ibasho.childcarebooking.capacity.AssessmentOutcome.RATIO_EXCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the instant a request counts as made. The session: a lottery whose application deadline and
 * childcare deadline are both 20:31 Tokyo, one carer for ages 0 to 6, drawn at 20:33.
 */
class RequestTimeTest {

    private static final Instant DEADLINES =
            OffsetDateTime.parse("2026-12-06T20:31:00+09:00").toInstant();
    private static final Instant APPLIED =
            OffsetDateTime.parse("2026-12-06T20:28:00+09:00").toInstant();
    private static final Instant DRAWN =
            OffsetDateTime.parse("2026-12-06T20:33:00+09:00").toInstant();
    private static final Instant DECIDED = DRAWN.plusSeconds(2);
    private static final ChildcareCapacity ONE_CARER = ChildcareCapacity.uncapped(
            ChildcareOffer.offered(0, 6, 1, DEADLINES), CarerRatios.japaneseNurseryStandard2024());

    @Test
    void childcareAskedWithALotteryApplicationCountsFromTheApplication() {
        Instant countsFrom = RequestTime.countsFrom(APPLIED, DRAWN, DECIDED);

        assertThat(countsFrom).isEqualTo(Instant.parse("2026-12-06T11:28:00Z"));
        assertThat(ONE_CARER.assess(List.of(), ChildAge.list(3), countsFrom).outcome())
                .isEqualTo(ACCEPTED);
    }

    @Test
    void askedExactlyAtTheDeadlineIsAfterIt() {
        Instant countsFrom = RequestTime.countsFrom(DEADLINES, DRAWN, DECIDED);

        assertThat(countsFrom).isEqualTo(Instant.parse("2026-12-06T11:31:00Z"));
        assertThat(ONE_CARER.assess(List.of(), ChildAge.list(3), countsFrom).outcome())
                .isEqualTo(DEADLINE_PASSED);
        assertThat(ONE_CARER
                        .assess(
                                List.of(),
                                ChildAge.list(3),
                                RequestTime.countsFrom(DEADLINES.minusMillis(1), DRAWN, DECIDED))
                        .outcome())
                .isEqualTo(ACCEPTED);
    }

    @Test
    void placesAreStillJudgedAtTheDraw() {
        // the deadline counts from the application, but fifteen three-year-olds already fill the one carer
        Instant countsFrom = RequestTime.countsFrom(APPLIED, DRAWN, DECIDED);

        assertThat(ONE_CARER
                        .assess(
                                ChildAge.list(3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3),
                                ChildAge.list(3),
                                countsFrom)
                        .outcome())
                .isEqualTo(RATIO_EXCEEDED);
    }

    @Test
    void anyOtherRequestCountsFromWhenRegistrationRecordedIt() {
        Instant recorded = OffsetDateTime.parse("2026-12-06T20:30:59+09:00").toInstant();

        assertThat(RequestTime.countsFrom(null, recorded, DECIDED)).isEqualTo(recorded);
        assertThat(ONE_CARER
                        .assess(List.of(), ChildAge.list(3), RequestTime.countsFrom(null, DRAWN, DECIDED))
                        .outcome())
                .isEqualTo(DEADLINE_PASSED);
    }

    @Test
    void neverLaterThanNow() {
        assertThat(RequestTime.countsFrom(null, null, DECIDED)).isEqualTo(DECIDED);
        assertThat(RequestTime.countsFrom(null, DECIDED.plusSeconds(60), DECIDED))
                .isEqualTo(DECIDED);
        assertThat(RequestTime.countsFrom(DECIDED.plusSeconds(60), null, DECIDED))
                .isEqualTo(DECIDED);
    }
}
