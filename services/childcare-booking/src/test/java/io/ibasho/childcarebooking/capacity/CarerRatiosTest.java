package io.ibasho.childcarebooking.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CarerRatiosTest {

    private final CarerRatios standard = CarerRatios.japaneseNurseryStandard2024();

    private static List<ChildAge> times(int count, int age) {
        return new ArrayList<>(Collections.nCopies(count, ChildAge.of(age)));
    }

    @Nested
    class DefaultRatiosAtEachBandBoundary {

        @ParameterizedTest(name = "age {0}: {1} children need 1 carer, {1}+1 need 2")
        @CsvSource({"0, 3", "1, 6", "2, 6", "3, 15", "4, 25", "5, 25", "17, 25"})
        void aFullCarerThenOneMoreChildNeedsASecond(int age, int childrenPerCarer) {
            assertThat(standard.carersNeeded(times(childrenPerCarer, age))).isEqualTo(1);
            assertThat(standard.carersNeeded(times(childrenPerCarer + 1, age))).isEqualTo(2);
        }

        @Test
        void threeInfantsWithOneCarerButTheFourthNeedsTwo() {
            assertThat(standard.carersNeeded(ChildAge.list(0, 0, 0))).isEqualTo(1);
            assertThat(standard.carersNeeded(ChildAge.list(0, 0, 0, 0))).isEqualTo(2);
        }

        @Test
        void noChildrenNeedNoCarers() {
            assertThat(standard.carersNeeded(List.of())).isZero();
        }

        @ParameterizedTest(name = "age {0} is in band {1}")
        @CsvSource({"0, 0", "1, 1-2", "2, 1-2", "3, 3", "4, 4-17", "17, 4-17"})
        void agesFallInTheRightBand(int age, String band) {
            assertThat(standard.bandOf(ChildAge.of(age)).label()).isEqualTo(band);
        }

        @Test
        void revisedRatiosOf2024ApplyToThreeAndFourYearOlds() {
            // Under the pre-2024 ratios (1:20, 1:30) these would fit one carer; now they do not.
            assertThat(standard.carersNeeded(times(16, 3))).isEqualTo(2);
            assertThat(standard.carersNeeded(times(26, 4))).isEqualTo(2);
        }
    }

    @Nested
    class MixedAgesShareCarers {

        @Test
        void oneInfantAndFourTwoYearOldsNeedExactlyOneCarer() {
            // 1/3 + 4/6 = 1: rounding per band would wrongly demand 2 carers.
            assertThat(standard.carersNeeded(ChildAge.list(0, 2, 2, 2, 2))).isEqualTo(1);
        }

        @Test
        void oneMoreToddlerTipsItToTwo() {
            assertThat(standard.carersNeeded(ChildAge.list(0, 2, 2, 2, 2, 1))).isEqualTo(2);
        }

        @Test
        void oneInfantAndTenThreeYearOldsFillOneCarerExactly() {
            // 1/3 + 10/15 = 1. Exact arithmetic: in floating point this sum can land just above 1.
            List<ChildAge> children = times(10, 3);
            children.add(ChildAge.of(0));
            assertThat(standard.carersNeeded(children)).isEqualTo(1);
        }

        @Test
        void everyBandTogether() {
            // 2/3 + 3/6 + 5/15 + 25/25 = 2/3 + 1/2 + 1/3 + 1 = 2.5 -> 3
            List<ChildAge> children = new ArrayList<>();
            children.addAll(times(2, 0));
            children.addAll(times(3, 1));
            children.addAll(times(5, 3));
            children.addAll(times(25, 7));
            assertThat(standard.carersNeeded(children)).isEqualTo(3);
        }

        @Test
        void orderOfChildrenDoesNotMatter() {
            assertThat(standard.carersNeeded(ChildAge.list(2, 0, 2, 2, 2)))
                    .isEqualTo(standard.carersNeeded(ChildAge.list(0, 2, 2, 2, 2)));
        }
    }

    @Nested
    class CustomRatiosPerOrganisation {

        private final CarerRatios stricter =
                CarerRatios.of(BandRatio.of(0, 0, 2), BandRatio.of(1, 5, 4), BandRatio.of(6, 17, 10));

        @Test
        void theOrganisationsOwnTableDecides() {
            assertThat(stricter.carersNeeded(ChildAge.list(0, 0))).isEqualTo(1);
            assertThat(stricter.carersNeeded(ChildAge.list(0, 0, 0))).isEqualTo(2);
            // Three-year-olds are 1:4 here, not 1:15.
            assertThat(stricter.carersNeeded(times(5, 3))).isEqualTo(2);
            assertThat(standard.carersNeeded(times(5, 3))).isEqualTo(1);
        }

        @Test
        void mixedAgesShareCarersUnderCustomRatiosToo() {
            // 1/2 + 2/4 = 1
            assertThat(stricter.carersNeeded(ChildAge.list(0, 4, 5))).isEqualTo(1);
        }

        @Test
        void oneBandForAllAgesIsAllowed() {
            CarerRatios flat = CarerRatios.of(BandRatio.of(0, 17, 5));
            assertThat(flat.carersNeeded(ChildAge.list(0, 3, 9, 12, 17))).isEqualTo(1);
            assertThat(flat.carersNeeded(ChildAge.list(0, 3, 9, 12, 17, 1))).isEqualTo(2);
        }

        @Test
        void oneChildPerCarerIsAllowed() {
            CarerRatios oneToOne = CarerRatios.of(BandRatio.of(0, 17, 1));
            assertThat(oneToOne.carersNeeded(ChildAge.list(0, 5, 9))).isEqualTo(3);
        }

        @Test
        void coprimeRatiosStayExact() {
            // L = 7 * 11 * 13 = 1001; 7/7 + 11/11 + 13/13 = 3 exactly.
            CarerRatios coprime =
                    CarerRatios.of(BandRatio.of(0, 0, 7), BandRatio.of(1, 1, 11), BandRatio.of(2, 17, 13));
            List<ChildAge> children = new ArrayList<>();
            children.addAll(times(7, 0));
            children.addAll(times(11, 1));
            children.addAll(times(13, 2));
            assertThat(coprime.carersNeeded(children)).isEqualTo(3);
            children.add(ChildAge.of(5));
            assertThat(coprime.carersNeeded(children)).isEqualTo(4);
        }
    }

    @Nested
    class InvalidConfigurationIsRejected {

        @Test
        void noBands() {
            assertThatIllegalArgumentException().isThrownBy(() -> new CarerRatios(List.of()));
        }

        @Test
        void gapBetweenBands() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> CarerRatios.of(BandRatio.of(0, 1, 3), BandRatio.of(3, 17, 15)))
                    .withMessageContaining("starting at age 2");
        }

        @Test
        void overlappingBands() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> CarerRatios.of(BandRatio.of(0, 2, 3), BandRatio.of(2, 17, 15)));
        }

        @Test
        void bandsOutOfOrder() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> CarerRatios.of(BandRatio.of(3, 17, 15), BandRatio.of(0, 2, 3)));
        }

        @Test
        void notStartingAtZero() {
            assertThatIllegalArgumentException().isThrownBy(() -> CarerRatios.of(BandRatio.of(1, 17, 6)));
        }

        @Test
        void notReachingSeventeen() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> CarerRatios.of(BandRatio.of(0, 0, 3), BandRatio.of(1, 5, 6)))
                    .withMessageContaining("stop at 5");
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1, -25})
        void ratioBelowOne(int childrenPerCarer) {
            assertThatIllegalArgumentException().isThrownBy(() -> BandRatio.of(0, 17, childrenPerCarer));
        }

        @Test
        void nullBand() {
            assertThatNullPointerException().isThrownBy(() -> CarerRatios.of(BandRatio.of(0, 0, 3), null));
        }

        @ParameterizedTest
        @CsvSource({"-1, 3", "0, 18", "5, 4"})
        void impossibleAgeBand(int youngest, int oldest) {
            assertThatIllegalArgumentException().isThrownBy(() -> AgeBand.of(youngest, oldest));
        }
    }

    @Nested
    class ChildrenAreOnlyAnAge {

        @ParameterizedTest
        @ValueSource(ints = {-1, 18, 40})
        void agesOutside0To17AreRejected(int years) {
            assertThatIllegalArgumentException().isThrownBy(() -> ChildAge.of(years));
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 17})
        void agesAtTheLimitsAreAccepted(int years) {
            assertThat(ChildAge.of(years).years()).isEqualTo(years);
        }
    }

    @Test
    void countsByBandIncludeEmptyBandsInOrder() {
        assertThat(standard.countByBand(ChildAge.list(2, 0, 1, 7, 2)))
                .containsExactly(
                        new BandCount(AgeBand.of(0, 0), 1),
                        new BandCount(AgeBand.of(1, 2), 3),
                        new BandCount(AgeBand.of(3, 3), 0),
                        new BandCount(AgeBand.of(4, 17), 1));
    }
}
