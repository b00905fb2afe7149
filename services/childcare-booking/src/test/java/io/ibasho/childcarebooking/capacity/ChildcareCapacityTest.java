package io.ibasho.childcarebooking.capacity;

import static io.ibasho.childcarebooking.capacity.AssessmentOutcome.ACCEPTED;
import static io.ibasho.childcarebooking.capacity.AssessmentOutcome.AGE_OUT_OF_RANGE;
import static io.ibasho.childcarebooking.capacity.AssessmentOutcome.CAP_EXCEEDED;
import static io.ibasho.childcarebooking.capacity.AssessmentOutcome.DEADLINE_PASSED;
import static io.ibasho.childcarebooking.capacity.AssessmentOutcome.NOT_OFFERED;
import static io.ibasho.childcarebooking.capacity.AssessmentOutcome.RATIO_EXCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChildcareCapacityTest {

    private static final Instant DEADLINE = Instant.parse("2025-06-13T09:00:00Z");
    private static final Instant BEFORE_DEADLINE = DEADLINE.minus(Duration.ofDays(2));
    private static final CarerRatios STANDARD = CarerRatios.japaneseNurseryStandard2024();
    private static final List<ChildAge> NONE = List.of();

    private static ChildcareCapacity session(int carers) {
        return ChildcareCapacity.uncapped(ChildcareOffer.offered(0, 17, carers, DEADLINE), STANDARD);
    }

    @Nested
    class RatioThroughAssess {

        @Test
        void fourthInfantIsRefusedWithOneCarer() {
            Assessment assessment = session(1).assess(ChildAge.list(0, 0, 0), ChildAge.list(0), BEFORE_DEADLINE);

            assertThat(assessment.outcome()).isEqualTo(RATIO_EXCEEDED);
            assertThat(assessment.carersNeededIfAccepted()).isEqualTo(2);
            assertThat(assessment.carersAvailable()).isEqualTo(1);
            assertThat(assessment.childrenIfAccepted()).isEqualTo(4);
        }

        @Test
        void thirdInfantFitsOneCarer() {
            Assessment assessment = session(1).assess(ChildAge.list(0, 0), ChildAge.list(0), BEFORE_DEADLINE);

            assertThat(assessment.accepted()).isTrue();
            assertThat(assessment.carersNeededIfAccepted()).isEqualTo(1);
        }

        @Test
        void fourthInfantFitsWithTwoCarers() {
            assertThat(session(2).assess(ChildAge.list(0, 0, 0), ChildAge.list(0), BEFORE_DEADLINE))
                    .extracting(Assessment::outcome)
                    .isEqualTo(ACCEPTED);
        }

        @Test
        void mixedAgesShareTheOneCarer() {
            Assessment assessment = session(1).assess(ChildAge.list(0), ChildAge.list(2, 2, 2, 2), BEFORE_DEADLINE);

            assertThat(assessment.outcome()).isEqualTo(ACCEPTED);
            assertThat(assessment.carersNeededIfAccepted()).isEqualTo(1);
        }

        @Test
        void offeredWithNoCarersYetTakesNoChildren() {
            assertThat(session(0)
                            .assess(NONE, ChildAge.list(5), BEFORE_DEADLINE)
                            .outcome())
                    .isEqualTo(RATIO_EXCEEDED);
        }

        @Test
        void siblingsAreTakenTogetherOrNotAtAll() {
            // 2 infants already; twins would make 4 infants: neither twin is taken alone.
            assertThat(session(1)
                            .assess(ChildAge.list(0, 0), ChildAge.list(0, 0), BEFORE_DEADLINE)
                            .outcome())
                    .isEqualTo(RATIO_EXCEEDED);
        }
    }

    @Nested
    class Cap {

        private final ChildcareCapacity cappedAtFive =
                ChildcareCapacity.capped(ChildcareOffer.offered(0, 17, 10, DEADLINE), STANDARD, 5);

        @Test
        void upToTheCapIsAccepted() {
            assertThat(cappedAtFive
                            .assess(ChildAge.list(4, 4, 4, 4), ChildAge.list(4), BEFORE_DEADLINE)
                            .outcome())
                    .isEqualTo(ACCEPTED);
        }

        @Test
        void beyondTheCapIsRefusedEvenWithCarersToSpare() {
            Assessment assessment =
                    cappedAtFive.assess(ChildAge.list(4, 4, 4, 4), ChildAge.list(4, 5), BEFORE_DEADLINE);

            assertThat(assessment.outcome()).isEqualTo(CAP_EXCEEDED);
            assertThat(assessment.carersNeededIfAccepted()).isLessThanOrEqualTo(10);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -3})
        void capBelowOneIsRejected(int cap) {
            ChildcareOffer offer = ChildcareOffer.offered(0, 17, 1, DEADLINE);
            assertThatIllegalArgumentException().isThrownBy(() -> ChildcareCapacity.capped(offer, STANDARD, cap));
        }
    }

    @Nested
    class AgeRange {

        private final ChildcareCapacity oneToSix =
                ChildcareCapacity.uncapped(ChildcareOffer.offered(1, 6, 3, DEADLINE), STANDARD);

        @Test
        void agesAtBothEndsOfTheRangeAreAccepted() {
            assertThat(oneToSix.assess(NONE, ChildAge.list(1, 6), BEFORE_DEADLINE)
                            .outcome())
                    .isEqualTo(ACCEPTED);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 7, 17})
        void agesOutsideTheRangeAreRefused(int age) {
            assertThat(oneToSix.assess(NONE, ChildAge.list(age), BEFORE_DEADLINE)
                            .outcome())
                    .isEqualTo(AGE_OUT_OF_RANGE);
        }

        @Test
        void oneSiblingOutOfRangeRefusesTheRequest() {
            assertThat(oneToSix.assess(NONE, ChildAge.list(3, 0), BEFORE_DEADLINE)
                            .outcome())
                    .isEqualTo(AGE_OUT_OF_RANGE);
        }

        @Test
        void confirmedChildrenOutsideANarrowedRangeStillCountButAreNotRechecked() {
            // Two infants confirmed before the range became 1-6: they still use 2/3 of a carer.
            ChildcareCapacity oneCarer =
                    ChildcareCapacity.uncapped(ChildcareOffer.offered(1, 6, 1, DEADLINE), STANDARD);

            assertThat(oneCarer.assess(ChildAge.list(0, 0), ChildAge.list(1, 1), BEFORE_DEADLINE)
                            .outcome())
                    .isEqualTo(ACCEPTED);
            assertThat(oneCarer.assess(ChildAge.list(0, 0), ChildAge.list(1, 1, 1), BEFORE_DEADLINE)
                            .outcome())
                    .isEqualTo(RATIO_EXCEEDED);
        }
    }

    @Nested
    class OfferAndDeadline {

        @Test
        void notOffered() {
            ChildcareCapacity none = ChildcareCapacity.uncapped(ChildcareOffer.notOffered(), STANDARD);

            assertThat(none.assess(NONE, ChildAge.list(3), BEFORE_DEADLINE).outcome())
                    .isEqualTo(NOT_OFFERED);
        }

        @Test
        void justBeforeTheDeadlineIsOpen() {
            assertThat(session(1)
                            .assess(NONE, ChildAge.list(3), DEADLINE.minusMillis(1))
                            .outcome())
                    .isEqualTo(ACCEPTED);
        }

        @Test
        void atTheDeadlineItIsClosed() {
            assertThat(session(1).assess(NONE, ChildAge.list(3), DEADLINE).outcome())
                    .isEqualTo(DEADLINE_PASSED);
        }

        @Test
        void afterTheDeadlineItIsClosed() {
            assertThat(session(1)
                            .assess(NONE, ChildAge.list(3), DEADLINE.plus(Duration.ofHours(1)))
                            .outcome())
                    .isEqualTo(DEADLINE_PASSED);
        }

        @Test
        void anOfferedChildcareNeedsADeadline() {
            assertThatNullPointerException().isThrownBy(() -> ChildcareOffer.offered(0, 17, 1, null));
        }

        @Test
        void negativeCarersAreRejected() {
            assertThatIllegalArgumentException().isThrownBy(() -> ChildcareOffer.offered(0, 17, -1, DEADLINE));
        }

        @Test
        void anImpossibleAgeRangeIsRejected() {
            assertThatIllegalArgumentException().isThrownBy(() -> ChildcareOffer.offered(6, 1, 1, DEADLINE));
        }

        @Test
        void aRequestWithoutChildrenIsACallerBug() {
            assertThatIllegalArgumentException().isThrownBy(() -> session(1).assess(NONE, NONE, BEFORE_DEADLINE));
        }
    }

    @Nested
    class WhichReasonWhenSeveralApply {

        // Closed, age 0 outside 1-6, cap of 1 already reached, no carers: everything is wrong.
        private final ChildcareOffer everythingWrong = ChildcareOffer.offered(1, 6, 0, DEADLINE);
        private final List<ChildAge> existing = ChildAge.list(3);
        private final List<ChildAge> requested = ChildAge.list(0);

        @Test
        void notOfferedComesFirst() {
            ChildcareCapacity none = ChildcareCapacity.capped(ChildcareOffer.notOffered(), STANDARD, 1);
            assertThat(none.assess(existing, requested, DEADLINE).outcome()).isEqualTo(NOT_OFFERED);
        }

        @Test
        void thenDeadline() {
            ChildcareCapacity capacity = ChildcareCapacity.capped(everythingWrong, STANDARD, 1);
            assertThat(capacity.assess(existing, requested, DEADLINE).outcome()).isEqualTo(DEADLINE_PASSED);
        }

        @Test
        void thenAge() {
            ChildcareCapacity capacity = ChildcareCapacity.capped(everythingWrong, STANDARD, 1);
            assertThat(capacity.assess(existing, requested, BEFORE_DEADLINE).outcome())
                    .isEqualTo(AGE_OUT_OF_RANGE);
        }

        @Test
        void thenCap() {
            ChildcareCapacity capacity = ChildcareCapacity.capped(everythingWrong, STANDARD, 1);
            assertThat(capacity.assess(existing, ChildAge.list(2), BEFORE_DEADLINE)
                            .outcome())
                    .isEqualTo(CAP_EXCEEDED);
        }

        @Test
        void thenRatio() {
            ChildcareCapacity capacity = ChildcareCapacity.uncapped(everythingWrong, STANDARD);
            assertThat(capacity.assess(existing, ChildAge.list(2), BEFORE_DEADLINE)
                            .outcome())
                    .isEqualTo(RATIO_EXCEEDED);
        }
    }

    @Nested
    class CarersChange {

        private final List<ChildAge> sixInfants = ChildAge.list(0, 0, 0, 0, 0, 0);

        @Test
        void loweringCarersBelowTheConfirmedLoadReportsTheShortfall() {
            CarerRecount recount = session(2).recountForCarers(sixInfants, 1);

            assertThat(recount.allConfirmedFit()).isFalse();
            assertThat(recount.carersShort()).isEqualTo(1);
            assertThat(recount.carersNeeded()).isEqualTo(2);
            // Reported, never dropped: every confirmed child is still counted.
            assertThat(recount.confirmedChildren()).isEqualTo(6);
        }

        @Test
        void losingAllCarersReportsTheWholeShortfall() {
            assertThat(session(2).recountForCarers(sixInfants, 0).carersShort()).isEqualTo(2);
        }

        @Test
        void keepingOrAddingCarersStillFits() {
            assertThat(session(2).recountForCarers(sixInfants, 2).allConfirmedFit())
                    .isTrue();
            assertThat(session(2).recountForCarers(sixInfants, 3).carersShort()).isZero();
        }

        @Test
        void loweringCarersWithinTheLoadIsFine() {
            // 1 infant + 4 two-year-olds need one carer, so going from 3 to 1 is fine.
            assertThat(session(3)
                            .recountForCarers(ChildAge.list(0, 2, 2, 2, 2), 1)
                            .allConfirmedFit())
                    .isTrue();
        }

        @Test
        void afterTheChangeNewRequestsAreRefusedUntilTheLoadFitsAgain() {
            ChildcareCapacity lowered = ChildcareCapacity.uncapped(
                    ChildcareOffer.offered(0, 17, 2, DEADLINE).withCarersAvailable(1), STANDARD);

            assertThat(lowered.assess(sixInfants, ChildAge.list(10), BEFORE_DEADLINE)
                            .outcome())
                    .isEqualTo(RATIO_EXCEEDED);
            assertThat(lowered.remaining(sixInfants, BEFORE_DEADLINE).anyLeft()).isFalse();
        }

        @Test
        void negativeCarersAreRejected() {
            assertThatIllegalArgumentException().isThrownBy(() -> session(1).recountForCarers(sixInfants, -1));
        }
    }

    @Nested
    class Remaining {

        private static final AgeBand INFANTS = AgeBand.of(0, 0);
        private static final AgeBand ONES_AND_TWOS = AgeBand.of(1, 2);
        private static final AgeBand THREES = AgeBand.of(3, 3);
        private static final AgeBand FOUR_AND_OVER = AgeBand.of(4, 17);

        @Test
        void emptySessionWithOneCarer() {
            RemainingPlaces remaining = session(1).remaining(NONE, BEFORE_DEADLINE);

            assertThat(remaining.byBand())
                    .extracting(RemainingPlaces.BandPlaces::morePlaces)
                    .containsExactly(3, 6, 15, 25);
        }

        @Test
        void placesLeftAfterOneFullCarer() {
            // 1 infant + 4 two-year-olds fill one of two carers.
            RemainingPlaces remaining = session(2).remaining(ChildAge.list(0, 2, 2, 2, 2), BEFORE_DEADLINE);

            assertThat(remaining.forBand(INFANTS)).isEqualTo(3);
            assertThat(remaining.forBand(ONES_AND_TWOS)).isEqualTo(6);
            assertThat(remaining.forBand(THREES)).isEqualTo(15);
            assertThat(remaining.forBand(FOUR_AND_OVER)).isEqualTo(25);
            assertThat(remaining.forAge(ChildAge.of(9))).isEqualTo(25);
        }

        @Test
        void aPartlyUsedCarerLeavesFractionalRoom() {
            // One infant uses 1/3: 2/3 left = 2 infants, 4 toddlers, 10 three-year-olds, 16 four+.
            RemainingPlaces remaining = session(1).remaining(ChildAge.list(0), BEFORE_DEADLINE);

            assertThat(remaining.byBand())
                    .extracting(RemainingPlaces.BandPlaces::morePlaces)
                    .containsExactly(2, 4, 10, 16);
        }

        @Test
        void theCapLimitsEveryBand() {
            ChildcareCapacity capped =
                    ChildcareCapacity.capped(ChildcareOffer.offered(0, 17, 5, DEADLINE), STANDARD, 8);

            RemainingPlaces remaining = capped.remaining(ChildAge.list(4, 4, 4, 4, 4, 4), BEFORE_DEADLINE);

            assertThat(remaining.byBand())
                    .extracting(RemainingPlaces.BandPlaces::morePlaces)
                    .containsExactly(2, 2, 2, 2);
        }

        @Test
        void bandsOutsideTheOfferedAgesHaveNoPlaces() {
            ChildcareCapacity twoToFive =
                    ChildcareCapacity.uncapped(ChildcareOffer.offered(2, 5, 1, DEADLINE), STANDARD);

            RemainingPlaces remaining = twoToFive.remaining(NONE, BEFORE_DEADLINE);

            assertThat(remaining.forBand(INFANTS)).isZero();
            // Band 1-2 is only partly offered: its two-year-olds can still come.
            assertThat(remaining.forBand(ONES_AND_TWOS)).isEqualTo(6);
            assertThat(remaining.forBand(FOUR_AND_OVER)).isEqualTo(25);
        }

        @Test
        void closedOrNotOfferedHasNoPlaces() {
            assertThat(session(3).remaining(NONE, DEADLINE).anyLeft()).isFalse();
            assertThat(ChildcareCapacity.uncapped(ChildcareOffer.notOffered(), STANDARD)
                            .remaining(NONE, BEFORE_DEADLINE)
                            .anyLeft())
                    .isFalse();
        }

        @Test
        void remainingAgreesWithAssess() {
            ChildcareCapacity capacity = session(1);
            List<ChildAge> existing = ChildAge.list(0);
            int infantPlaces = capacity.remaining(existing, BEFORE_DEADLINE).forBand(INFANTS);

            assertThat(capacity.assess(existing, ChildAge.list(0, 0), BEFORE_DEADLINE)
                            .accepted())
                    .isTrue();
            assertThat(infantPlaces).isEqualTo(2);
            assertThat(capacity.assess(existing, ChildAge.list(0, 0, 0), BEFORE_DEADLINE)
                            .outcome())
                    .isEqualTo(RATIO_EXCEEDED);
        }
    }

    @Nested
    class CustomRatiosPerOrganisation {

        @Test
        void theSameChildrenFitOneOrganisationButNotAnother() {
            CarerRatios stricter =
                    CarerRatios.of(BandRatio.of(0, 0, 2), BandRatio.of(1, 5, 4), BandRatio.of(6, 17, 10));
            ChildcareOffer oneCarer = ChildcareOffer.offered(0, 17, 1, DEADLINE);
            List<ChildAge> existing = ChildAge.list(3, 3, 3, 3);

            assertThat(ChildcareCapacity.uncapped(oneCarer, STANDARD)
                            .assess(existing, ChildAge.list(3), BEFORE_DEADLINE)
                            .outcome())
                    .isEqualTo(ACCEPTED);
            assertThat(ChildcareCapacity.uncapped(oneCarer, stricter)
                            .assess(existing, ChildAge.list(3), BEFORE_DEADLINE)
                            .outcome())
                    .isEqualTo(RATIO_EXCEEDED);
        }
    }

    @Nested
    class StaffView {

        @Test
        void countsByBandAndCarersNeeded() {
            ChildcareSummary summary = session(1).summarise(ChildAge.list(0, 0, 1, 2, 5));

            assertThat(summary.childrenByBand()).extracting(BandCount::children).containsExactly(2, 2, 0, 1);
            assertThat(summary.totalChildren()).isEqualTo(5);
            // 2/3 + 2/6 + 1/25 = 1 + 1/25 -> 2 carers, but only 1 available.
            assertThat(summary.carersNeeded()).isEqualTo(2);
            assertThat(summary.carersAvailable()).isEqualTo(1);
            assertThat(summary.carersShort()).isEqualTo(1);
        }

        @Test
        void emptySession() {
            ChildcareSummary summary = session(2).summarise(NONE);

            assertThat(summary.totalChildren()).isZero();
            assertThat(summary.carersNeeded()).isZero();
            assertThat(summary.carersShort()).isZero();
        }

        @Test
        void carersNeededMatchesTheRatioTable() {
            assertThat(session(1).carersNeeded(ChildAge.list(0, 2, 2, 2, 2))).isEqualTo(1);
        }
    }
}
