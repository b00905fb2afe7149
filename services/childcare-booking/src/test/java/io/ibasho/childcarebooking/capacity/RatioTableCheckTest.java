package io.ibasho.childcarebooking.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.ibasho.childcarebooking.capacity.RatioTableCheck.BandInput;
import io.ibasho.childcarebooking.capacity.RatioTableCheck.Finding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RatioTableCheckTest {

    private static BandInput band(Integer youngest, Integer oldest, Integer perCarer) {
        return new BandInput(youngest, oldest, perCarer);
    }

    private static List<BandInput> standardTable() {
        return List.of(band(0, 0, 3), band(1, 2, 6), band(3, 3, 15), band(4, 17, 25));
    }

    @Test
    void theStandardTableAndAStricterOnePass() {
        assertThat(RatioTableCheck.findings(standardTable(), null)).isEmpty();
        assertThat(RatioTableCheck.findings(List.of(band(0, 0, 2), band(1, 1, 5), band(2, 17, 10)), 12))
                .isEmpty();
        assertThat(RatioTableCheck.toRatios(standardTable())).isEqualTo(CarerRatios.japaneseNurseryStandard2024());
    }

    @Test
    void bandsInAnyOrderAreKeptInAgeOrder() {
        List<BandInput> shuffled = List.of(band(4, 17, 25), band(0, 0, 3), band(3, 3, 15), band(1, 2, 6));
        assertThat(RatioTableCheck.findings(shuffled, null)).isEmpty();
        assertThat(RatioTableCheck.toRatios(shuffled)).isEqualTo(CarerRatios.japaneseNurseryStandard2024());
    }

    @Test
    void aGapNamesTheBandAfterItAndTheMissingAges() {
        List<Finding> findings = RatioTableCheck.findings(List.of(band(0, 0, 3), band(3, 17, 15)), null);
        assertThat(findings)
                .containsExactly(new Finding("bands[1]", "band 3-17: gap before it, no band covers ages 1-2"));
    }

    @Test
    void anOverlapNamesTheBandAndTheAgesCoveredTwice() {
        List<Finding> findings = RatioTableCheck.findings(List.of(band(0, 1, 3), band(1, 2, 6), band(3, 17, 25)), null);
        assertThat(findings)
                .containsExactly(
                        new Finding("bands[1]", "band 1-2: overlaps the band before it, which already covers age 1"));
    }

    @Test
    void tablesMustStartAtZeroAndReachSeventeen() {
        assertThat(RatioTableCheck.findings(List.of(band(1, 17, 6)), null))
                .containsExactly(new Finding("bands[0]", "band 1-17: gap before it, no band covers age 0"));
        assertThat(RatioTableCheck.findings(List.of(band(0, 5, 3)), null))
                .containsExactly(new Finding("bands", "no band covers ages 6-17: the bands must reach age 17"));
    }

    @Test
    void everyBadBandIsNamedAtOnce() {
        List<Finding> findings =
                RatioTableCheck.findings(List.of(band(0, 0, 0), band(1, 2, 6), band(3, 18, 15), band(null, 17, 25)), 0);
        assertThat(findings)
                .extracting(Finding::field)
                .containsExactlyInAnyOrder("maxChildrenPerSession", "bands[0]", "bands[2]", "bands[3]");
        assertThat(findings)
                .filteredOn(f -> f.field().equals("bands[0]"))
                .singleElement()
                .extracting(Finding::message)
                .asString()
                .contains("band 0")
                .contains("at least 1");
        assertThat(findings)
                .filteredOn(f -> f.field().equals("bands[2]"))
                .singleElement()
                .extracting(Finding::message)
                .asString()
                .contains("band 3-18");
        assertThat(findings)
                .filteredOn(f -> f.field().equals("bands[3]"))
                .singleElement()
                .extracting(Finding::message)
                .asString()
                .contains("required");
    }

    @Test
    void emptyMissingOrTooManyBandsAreRefused() {
        assertThat(RatioTableCheck.findings(List.of(), null))
                .extracting(Finding::field)
                .containsExactly("bands");
        assertThat(RatioTableCheck.findings(null, null))
                .extracting(Finding::field)
                .containsExactly("bands");
        List<BandInput> nineteen = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            nineteen.add(band(0, 0, 1));
        }
        assertThat(RatioTableCheck.findings(nineteen, null))
                .extracting(Finding::field)
                .containsExactly("bands");
        assertThat(RatioTableCheck.findings(Arrays.asList(band(0, 17, 3), null), null))
                .extracting(Finding::field)
                .contains("bands[1]");
    }

    @Test
    void theCapIsOptionalButAtLeastOne() {
        assertThat(RatioTableCheck.findings(standardTable(), 1)).isEmpty();
        assertThat(RatioTableCheck.findings(standardTable(), 0))
                .extracting(Finding::field)
                .containsExactly("maxChildrenPerSession");
        assertThat(RatioTableCheck.toCap(null)).isEqualTo(OptionalInt.empty());
        assertThat(RatioTableCheck.toCap(8)).isEqualTo(OptionalInt.of(8));
    }

    @Test
    void anInvalidTableCannotBecomeRatios() {
        assertThatIllegalArgumentException().isThrownBy(() -> RatioTableCheck.toRatios(List.of(band(0, 5, 3))));
    }
}
