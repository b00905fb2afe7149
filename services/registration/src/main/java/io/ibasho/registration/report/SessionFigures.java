package io.ibasho.registration.report;

/**
 * What one held session adds to the report: counts only, no one in them.
 *
 * @param month the month it was held in (Asia/Tokyo), 1-12
 * @param venueId null for a session without a venue (online)
 * @param seats seats offered (0 when no booking is taken)
 * @param unmarked bookings whose attendance nobody recorded: never shown, but bookings = attended + no-shows + these,
 *     so suppression must know them
 */
public record SessionFigures(
        int month,
        String venueId,
        String venueNameJa,
        String venueNameEn,
        String kind,
        int seats,
        int bookings,
        int attended,
        int noShows,
        int dropIns,
        int applications,
        int children0to2,
        int children3to5,
        int children6up,
        int surveyAnswers,
        int satisfied,
        int comeAgain) {

    int unmarked() {
        return Math.max(0, bookings - attended - noShows);
    }

    int value(Figure figure) {
        return switch (figure) {
            case SESSIONS -> 1;
            case SEATS -> seats;
            case BOOKINGS -> bookings;
            case ATTENDED -> attended;
            case NO_SHOWS -> noShows;
            case DROP_INS -> dropIns;
            case PARTICIPANTS -> attended + dropIns;
            case APPLICATIONS -> applications;
            case CHILDREN_0_2 -> children0to2;
            case CHILDREN_3_5 -> children3to5;
            case CHILDREN_6_UP -> children6up;
            case SURVEY_ANSWERS -> surveyAnswers;
            case SATISFIED -> satisfied;
            case COME_AGAIN -> comeAgain;
        };
    }
}
