package io.ibasho.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** When a look at the schedule is a new visit, and what "since your last visit" then starts from. */
class PartnerVisitTest {
    private static final OffsetDateTime MONDAY = OffsetDateTime.of(2026, 12, 7, 9, 0, 0, 0, ZoneOffset.UTC);

    private static PartnerVisit visitStartedAt(OffsetDateTime start) {
        PartnerVisit visit = new PartnerVisit();
        visit.visitStartedAt = start;
        return visit;
    }

    @Test
    void aLookWithinHalfAnHourOfTheVisitsStartIsTheSameVisit() {
        PartnerVisit visit = visitStartedAt(MONDAY);
        visit.previousVisitStartedAt = MONDAY.minusDays(7);
        visit.seenAt(MONDAY.plusMinutes(29));
        assertThat(visit.visitStartedAt).isEqualTo(MONDAY);
        assertThat(visit.previousVisitStartedAt).isEqualTo(MONDAY.minusDays(7));
    }

    @Test
    void aLaterLookIsANewVisitThatStartsFromTheLastOne() {
        PartnerVisit visit = visitStartedAt(MONDAY);
        visit.seenAt(MONDAY.plusMinutes(30));
        assertThat(visit.previousVisitStartedAt).isEqualTo(MONDAY);
        assertThat(visit.visitStartedAt).isEqualTo(MONDAY.plusMinutes(30));
        visit.seenAt(MONDAY.plusDays(3));
        assertThat(visit.previousVisitStartedAt).isEqualTo(MONDAY.plusMinutes(30));
    }
}
