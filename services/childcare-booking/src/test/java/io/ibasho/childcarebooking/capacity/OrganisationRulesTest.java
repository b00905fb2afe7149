package io.ibasho.childcarebooking.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class OrganisationRulesTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final ChildcareOffer TWO_CARERS = ChildcareOffer.offered(0, 6, 2, NOW.plusSeconds(3600));

    /** Stricter for infants and toddlers than the standard: 1:2 and 1:4. */
    private static final CarerRatios STRICT =
            CarerRatios.of(BandRatio.of(0, 0, 2), BandRatio.of(1, 2, 4), BandRatio.of(3, 17, 15));

    @Test
    void withoutSettingsAnOrganisationGetsTheStandardAndNoCap() {
        OrganisationRules standard = OrganisationRules.standard();
        assertThat(standard.ratios()).isEqualTo(CarerRatios.japaneseNurseryStandard2024());
        assertThat(standard.capWith(OptionalInt.empty())).isEmpty();
        assertThat(standard.capWith(OptionalInt.of(5))).hasValue(5);
    }

    @Test
    void theStricterOfTheOrganisationsAndTheSessionsCapApplies() {
        OrganisationRules capped = new OrganisationRules(STRICT, OptionalInt.of(8));
        assertThat(capped.capWith(OptionalInt.empty())).hasValue(8);
        assertThat(capped.capWith(OptionalInt.of(5))).hasValue(5);
        assertThat(capped.capWith(OptionalInt.of(12))).hasValue(8);
    }

    @Test
    void theAssessmentUsesTheOrganisationsTable() {
        // Two carers take six infants under the standard (1:3) but only four under 1:2.
        List<ChildAge> fourInfants = ChildAge.list(0, 0, 0, 0);
        ChildcareCapacity standard = OrganisationRules.standard().capacityOf(TWO_CARERS, OptionalInt.empty());
        ChildcareCapacity strict =
                new OrganisationRules(STRICT, OptionalInt.empty()).capacityOf(TWO_CARERS, OptionalInt.empty());
        assertThat(standard.assess(fourInfants, ChildAge.list(0), NOW).outcome())
                .isEqualTo(AssessmentOutcome.ACCEPTED);
        assertThat(strict.assess(fourInfants, ChildAge.list(0), NOW).outcome())
                .isEqualTo(AssessmentOutcome.RATIO_EXCEEDED);
        assertThat(strict.assess(ChildAge.list(0, 0, 0), ChildAge.list(0), NOW).outcome())
                .isEqualTo(AssessmentOutcome.ACCEPTED);
    }

    @Test
    void theOrganisationsCapIsEnforced() {
        ChildcareCapacity capped = new OrganisationRules(CarerRatios.japaneseNurseryStandard2024(), OptionalInt.of(3))
                .capacityOf(TWO_CARERS, OptionalInt.empty());
        assertThat(capped.assess(ChildAge.list(4, 4), ChildAge.list(4), NOW).outcome())
                .isEqualTo(AssessmentOutcome.ACCEPTED);
        assertThat(capped.assess(ChildAge.list(4, 4, 4), ChildAge.list(4), NOW).outcome())
                .isEqualTo(AssessmentOutcome.CAP_EXCEEDED);
    }

    @Test
    void aStricterTableOrLowerCapReportsTheShortfallWithoutDroppingAnyone() {
        List<ChildAge> confirmed = ChildAge.list(0, 0, 0, 0, 0, 0);
        ChildcareCapacity stricter =
                new OrganisationRules(STRICT, OptionalInt.of(4)).capacityOf(TWO_CARERS, OptionalInt.empty());
        CarerRecount recount = stricter.recountForCarers(confirmed, TWO_CARERS.carersAvailable());
        assertThat(recount.confirmedChildren()).isEqualTo(6);
        assertThat(recount.carersNeeded()).isEqualTo(3);
        assertThat(recount.carersShort()).isEqualTo(1);
        assertThat(stricter.childrenOverCap(confirmed)).isEqualTo(2);
        assertThat(stricter.assess(confirmed, ChildAge.list(5), NOW).accepted()).isFalse();
        assertThat(OrganisationRules.standard()
                        .capacityOf(TWO_CARERS, OptionalInt.empty())
                        .childrenOverCap(confirmed))
                .isZero();
    }

    @Test
    void aCapBelowOneIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OrganisationRules(CarerRatios.japaneseNurseryStandard2024(), OptionalInt.of(0)));
    }
}
