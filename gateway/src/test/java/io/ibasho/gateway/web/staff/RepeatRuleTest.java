package io.ibasho.gateway.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.gateway.web.Language;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RepeatRuleTest {
    @Test
    void monthlyRepeatsOnTheSameWeekAndWeekdayAsTheFirstDate() {
        LocalDate secondTuesday = LocalDate.of(2026, 12, 8);

        assertThat(RepeatRule.rrule("monthly", secondTuesday)).isEqualTo("FREQ=MONTHLY;BYDAY=2TU");
        assertThat(RepeatRule.words("monthly", secondTuesday, Language.JA)).isEqualTo("毎月第2火曜日");
        assertThat(RepeatRule.words("monthly", secondTuesday, Language.EN)).isEqualTo("Every 2nd Tuesday of the month");
    }

    @Test
    void aDateInTheFifthWeekMeansTheLastSuchWeekdayBecauseNotEveryMonthHasAFifth() {
        LocalDate fifthThursday = LocalDate.of(2026, 12, 31);

        assertThat(RepeatRule.rrule("monthly", fifthThursday)).isEqualTo("FREQ=MONTHLY;BYDAY=-1TH");
        assertThat(RepeatRule.words("monthly", fifthThursday, Language.JA)).isEqualTo("毎月最終木曜日");
    }

    @Test
    void weeklyRepeatsOnTheWeekday() {
        assertThat(RepeatRule.rrule("weekly", LocalDate.of(2026, 12, 5))).isEqualTo("FREQ=WEEKLY;BYDAY=SA");
        assertThat(RepeatRule.words("weekly", LocalDate.of(2026, 12, 5), Language.EN))
                .isEqualTo("Every Saturday");
    }

    @Test
    void aRuleIsWordedFromItselfNotFromAFirstDateThatNeedNotFallOnIt() {
        assertThat(RepeatRule.words("FREQ=MONTHLY;BYDAY=2TU", Language.JA)).isEqualTo("毎月第2火曜日");
        assertThat(RepeatRule.words("FREQ=MONTHLY;BYDAY=-1SA", Language.EN))
                .isEqualTo("Every last Saturday of the month");
        assertThat(RepeatRule.words("FREQ=WEEKLY;BYDAY=TH", Language.JA)).isEqualTo("毎週木曜日");
        assertThat(RepeatRule.words("FREQ=MONTHLY;BYDAY=TU", Language.JA)).isNull();
        assertThat(RepeatRule.words("FREQ=DAILY", Language.JA)).isNull();
        // the demo's series: first start on a Monday, the rule on the 2nd Tuesday
        io.vertx.core.json.JsonObject demo = new io.vertx.core.json.JsonObject()
                .put("rrule", "FREQ=MONTHLY;BYDAY=2TU")
                .put("firstStart", "2026-12-07T10:00:00+09:00");
        assertThat(SeriesPages.ruleWords(demo, Language.JA)).isEqualTo("毎月第2火曜日");
    }
}
