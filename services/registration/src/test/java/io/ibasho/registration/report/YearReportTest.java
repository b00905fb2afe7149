package io.ibasho.registration.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Small counts are hidden, and so is whatever would let a reader work them out. Plain Java, no Quarkus. */
class YearReportTest {
    private static SessionFigures cafe(int month, String venue, int attended, int noShows, int dropIns) {
        return new SessionFigures(
                month,
                venue,
                venue + "会館",
                venue,
                "cafe",
                10,
                attended + noShows,
                attended,
                noShows,
                dropIns,
                0,
                0,
                0,
                0,
                0,
                0,
                0);
    }

    @Test
    void satisfactionOfTwoAmongTenAnswersIsHiddenWithWhatWouldRevealIt() {
        SessionFigures surveyed =
                new SessionFigures(4, "a", "a会館", "a", "cafe", 10, 10, 10, 0, 0, 0, 0, 0, 0, 10, 8, 9);
        YearReport report = YearReport.of(2026, List.of(surveyed));

        assertThat(report.total().year().get("surveyAnswers")).isEqualTo(10);
        // 8 satisfied means 2 were not: with the answers shown, 8 would reveal those two
        assertThat(report.total().year().get("satisfied")).isNull();
        assertThat(report.total().year().get("comeAgain")).isNull();
    }

    private static YearReport.Line line(YearReport report, String venue) {
        return report.lines().stream()
                .filter(l -> venue.equals(l.venueId()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void oneAndTwoPeopleAreHiddenAndThreeAreShown() {
        for (int people : new int[] {1, 2, 3}) {
            YearReport report = YearReport.of(2026, List.of(cafe(4, "a", people, 0, 0)));

            Integer shown = line(report, "a").months().get("attended").get(3);
            if (people < 3) {
                assertThat(shown).as("%d attended", people).isNull();
                assertThat(report.total().year().get("attended"))
                        .as("%d attended", people)
                        .isNull();
                assertThat(report.total().year().get("participants")).isNull();
                assertThat(report.total().year().get("bookings")).isNull();
            } else {
                assertThat(shown).isEqualTo(3);
                assertThat(report.total().year().get("attended")).isEqualTo(3);
            }
            // sessions and seats count no one: always shown
            assertThat(report.total().year().get("sessions")).isEqualTo(1);
            assertThat(report.total().year().get("seats")).isEqualTo(10);
        }
    }

    @Test
    void aMonthOfTwoCannotBeWorkedOutFromTheYearAndTheOtherMonths() {
        YearReport report =
                YearReport.of(2026, List.of(cafe(4, "a", 2, 0, 0), cafe(5, "a", 7, 0, 0), cafe(6, "a", 9, 0, 0)));

        List<Integer> months = line(report, "a").months().get("attended");
        assertThat(months.get(3)).isNull();
        // the year (18) is shown, so another month must be hidden too: the smallest, May
        assertThat(months.get(4)).isNull();
        assertThat(months.get(5)).isEqualTo(9);
        assertThat(line(report, "a").year().get("attended")).isEqualTo(18);
        assertNoHiddenCellCanBeSolved(report);
    }

    @Test
    void aVenueOfOneCannotBeWorkedOutFromTheMonthsTotal() {
        YearReport report =
                YearReport.of(2026, List.of(cafe(4, "a", 1, 0, 0), cafe(4, "b", 8, 0, 0), cafe(4, "c", 12, 0, 0)));

        assertThat(line(report, "a").months().get("attended").get(3)).isNull();
        assertThat(line(report, "b").months().get("attended").get(3)).isNull();
        assertThat(line(report, "c").months().get("attended").get(3)).isEqualTo(12);
        assertThat(report.total().months().get("attended").get(3)).isEqualTo(21);
        assertNoHiddenCellCanBeSolved(report);
    }

    @Test
    void noShowsOfOneCannotBeWorkedOutFromBookingsMinusAttended() {
        YearReport report = YearReport.of(2026, List.of(cafe(4, "a", 9, 1, 0), cafe(5, "a", 9, 5, 4)));

        YearReport.Line a = line(report, "a");
        assertThat(a.months().get("noShows").get(3)).isNull();
        boolean bookingsOrAttendedHidden = a.months().get("bookings").get(3) == null
                || a.months().get("attended").get(3) == null;
        assertThat(bookingsOrAttendedHidden).isTrue();
        assertNoHiddenCellCanBeSolved(report);
    }

    @Test
    void twoHiddenCellsThatAddUpToTwoDoNotStandAlone() {
        YearReport report =
                YearReport.of(2026, List.of(cafe(4, "a", 1, 0, 0), cafe(5, "a", 1, 0, 0), cafe(6, "a", 20, 0, 0)));

        // hidden April and May would add up to the year minus June = 2: both must be 1. June or the year goes too.
        YearReport.Line a = line(report, "a");
        assertThat(a.months().get("attended").get(5) == null || a.year().get("attended") == null)
                .isTrue();
    }

    /**
     * A reader's attack on the venue-by-month table of each figure: for every line and every month's column, if exactly
     * one term of "total = sum of the parts" is hidden while the total is shown, it can be solved.
     */
    private static void assertNoHiddenCellCanBeSolved(YearReport report) {
        for (Figure figure : Figure.ALL) {
            List<YearReport.Line> all = new ArrayList<>(report.lines());
            all.add(report.total());
            for (YearReport.Line line : all) {
                List<Integer> months = line.months().get(figure.key());
                long hidden = months.stream().filter(Objects::isNull).count();
                if (line.year().get(figure.key()) != null) {
                    assertThat(hidden).as(figure + " " + line.venueId()).isNotEqualTo(1);
                }
            }
            for (int m = 0; m < YearReport.MONTHS; m++) {
                int month = m;
                long hidden = report.lines().stream()
                        .filter(l -> l.months().get(figure.key()).get(month) == null)
                        .count();
                if (report.total().months().get(figure.key()).get(m) != null) {
                    assertThat(hidden).as(figure + " month " + (m + 1)).isNotEqualTo(1);
                }
            }
        }
    }
}
