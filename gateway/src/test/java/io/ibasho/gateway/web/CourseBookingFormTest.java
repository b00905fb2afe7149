package io.ibasho.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.gateway.web.CourseBookingForm.DateChildcare;
import io.ibasho.gateway.web.CourseBookingForm.DateOffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The course form's checks: nothing she typed is dropped in silence, and each date keeps its own childcare ages. */
class CourseBookingFormTest {
    private static final DateOffer TODDLERS = new DateOffer("d1", true, 1, 6);
    private static final DateOffer ANY_AGE = new DateOffer("d2", true, 0, 17);
    private static final DateOffer NONE = new DateOffer("d3", false, 0, 17);
    private static final List<DateOffer> DATES = List.of(TODDLERS, ANY_AGE, NONE);

    private static CourseBookingForm.Checked check(
            String nickname, Set<String> ticked, Map<String, List<String>> ages, Language language) {
        return CourseBookingForm.check(nickname, ticked, ages, DATES, language);
    }

    @Test
    void anAgeOnADateSheDidNotTickIsAskedAboutBesideThatDateNotBookedWithoutChildcare() {
        CourseBookingForm.Checked checked = check("あおい", Set.of(), Map.of("d1", List.of("3", "")), Language.JA);
        assertThat(checked.errors())
                .containsOnlyKeys("childcare-d1")
                .containsEntry("childcare-d1", "この回に託児を希望するときはチェックを入れてください。希望しないときは年齢を消してください。");
        assertThat(checked.childcare()).isEmpty();
    }

    @Test
    void aTickWithNoAgeAndAnEmptyNicknameAreEachSaidBesideTheirField() {
        CourseBookingForm.Checked checked = check("  ", Set.of("d2"), Map.of("d2", List.of("", "")), Language.EN);
        assertThat(checked.errors()).containsOnlyKeys("nickname", "childcare-d2");
        assertThat(checked.errors().get("nickname")).isEqualTo("Enter a nickname: it need not be your real name.");
        assertThat(checked.errors().get("childcare-d2"))
                .isEqualTo("Enter your child's age for the date you want childcare on.");
    }

    @Test
    void anAgeThatCannotBeReadIsSaidNotDropped() {
        for (String typed : List.of("2.5", "-1", "three", "1e1")) {
            CourseBookingForm.Checked checked = check("あおい", Set.of("d2"), Map.of("d2", List.of(typed)), Language.JA);
            assertThat(checked.errors()).as(typed).containsEntry("childcare-d2", "年齢を数字で入れてください（例: 3）。");
        }
    }

    @Test
    void fullWidthDigitsAndAnAgeWithItsUnitAreRead() {
        CourseBookingForm.Checked checked =
                check("あおい", Set.of("d1", "d2"), Map.of("d1", List.of("３", "５歳"), "d2", List.of(" 12 ")), Language.JA);
        assertThat(checked.errors()).isEmpty();
        assertThat(checked.nickname()).isEqualTo("あおい");
        assertThat(checked.childcare())
                .containsExactly(new DateChildcare("d1", List.of(3, 5)), new DateChildcare("d2", List.of(12)));
    }

    @Test
    void eachDateChecksItsOwnChildcareAges() {
        CourseBookingForm.Checked checked =
                check("あおい", Set.of("d1", "d2"), Map.of("d1", List.of("0"), "d2", List.of("0")), Language.JA);
        assertThat(checked.errors()).containsOnlyKeys("childcare-d1");
        assertThat(checked.errors().get("childcare-d1")).isEqualTo("この回の託児は1〜6歳のお子さんが対象です。");
        assertThat(check("あおい", Set.of("d1"), Map.of("d1", List.of("7")), Language.EN)
                        .errors()
                        .get("childcare-d1"))
                .isEqualTo("Childcare on this date is for children aged 1 to 6.");
    }

    @Test
    void aDateWithoutChildcareIsNeverAskedFor() {
        CourseBookingForm.Checked checked = check("あおい", Set.of("d3"), Map.of("d3", List.of("4")), Language.JA);
        assertThat(checked.errors()).isEmpty();
        assertThat(checked.childcare()).isEmpty();
    }
}
