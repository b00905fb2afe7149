package io.ibasho.registration.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An organisation's year: one line per venue and kind of session, twelve months and the year, and the organisation's
 * total line; every figure that counts people already passed through {@link SmallCountSuppression}. A hidden cell is
 * {@code null}.
 */
public record YearReport(int year, List<Line> lines, Line total) {
    public static final int MONTHS = 12;

    /**
     * @param months per figure key, twelve cells (January first); null where hidden
     * @param year per figure key, the year's cell; null where hidden
     */
    public record Line(
            String venueId,
            String venueNameJa,
            String venueNameEn,
            String kind,
            Map<String, List<Integer>> months,
            Map<String, Integer> year) {}

    private record LineKey(String venueId, String kind) {}

    /** Adds the sessions up and hides what could point to someone. */
    public static YearReport of(int year, List<SessionFigures> sessions) {
        Map<LineKey, List<SessionFigures>> byLine = new LinkedHashMap<>();
        sessions.stream()
                .sorted(Comparator.comparing((SessionFigures s) -> Objects.toString(s.venueNameJa(), "\uffff"))
                        .thenComparing(s -> Objects.toString(s.venueId(), ""))
                        .thenComparing(SessionFigures::kind))
                .forEach(s -> byLine.computeIfAbsent(new LineKey(s.venueId(), s.kind()), k -> new ArrayList<>())
                        .add(s));
        List<List<SessionFigures>> lines = new ArrayList<>(byLine.values());
        int totalLine = lines.size();
        int yearColumn = MONTHS;
        int[][][] values = new int[Figure.ALL.size()][lines.size() + 1][MONTHS + 1];
        int[][] unmarked = new int[lines.size() + 1][MONTHS + 1];
        for (int l = 0; l < lines.size(); l++) {
            for (SessionFigures s : lines.get(l)) {
                int m = s.month() - 1;
                for (Figure figure : Figure.ALL) {
                    int v = s.value(figure);
                    values[figure.ordinal()][l][m] += v;
                    values[figure.ordinal()][l][yearColumn] += v;
                    values[figure.ordinal()][totalLine][m] += v;
                    values[figure.ordinal()][totalLine][yearColumn] += v;
                }
                unmarked[l][m] += s.unmarked();
                unmarked[l][yearColumn] += s.unmarked();
                unmarked[totalLine][m] += s.unmarked();
                unmarked[totalLine][yearColumn] += s.unmarked();
            }
        }

        SmallCountSuppression suppression = new SmallCountSuppression(values);
        for (Figure figure : Figure.ALL) {
            if (!figure.countsPeople()) {
                continue;
            }
            int f = figure.ordinal();
            for (int l = 0; l <= totalLine; l++) {
                List<SmallCountSuppression.Cell> months = new ArrayList<>();
                for (int m = 0; m < MONTHS; m++) {
                    months.add(new SmallCountSuppression.Cell(f, l, m));
                }
                suppression.add(new SmallCountSuppression.Equation(
                        months, new SmallCountSuppression.Cell(f, l, yearColumn), 0));
            }
            for (int c = 0; c <= yearColumn; c++) {
                List<SmallCountSuppression.Cell> venues = new ArrayList<>();
                for (int l = 0; l < totalLine; l++) {
                    venues.add(new SmallCountSuppression.Cell(f, l, c));
                }
                suppression.add(
                        new SmallCountSuppression.Equation(venues, new SmallCountSuppression.Cell(f, totalLine, c), 0));
            }
        }
        for (int l = 0; l <= totalLine; l++) {
            for (int c = 0; c <= yearColumn; c++) {
                suppression.add(new SmallCountSuppression.Equation(
                        List.of(cell(Figure.ATTENDED, l, c), cell(Figure.NO_SHOWS, l, c)),
                        cell(Figure.BOOKINGS, l, c),
                        unmarked[l][c]));
                suppression.add(new SmallCountSuppression.Equation(
                        List.of(cell(Figure.ATTENDED, l, c), cell(Figure.DROP_INS, l, c)),
                        cell(Figure.PARTICIPANTS, l, c),
                        0));
                // the answers that were not "satisfied" / not "come again" are never shown, but follow by subtraction
                int answers = values[Figure.SURVEY_ANSWERS.ordinal()][l][c];
                suppression.add(new SmallCountSuppression.Equation(
                        List.of(cell(Figure.SATISFIED, l, c)),
                        cell(Figure.SURVEY_ANSWERS, l, c),
                        answers - values[Figure.SATISFIED.ordinal()][l][c]));
                suppression.add(new SmallCountSuppression.Equation(
                        List.of(cell(Figure.COME_AGAIN, l, c)),
                        cell(Figure.SURVEY_ANSWERS, l, c),
                        answers - values[Figure.COME_AGAIN.ordinal()][l][c]));
            }
        }
        boolean[][][] hidden = suppression.apply();

        List<Line> shown = new ArrayList<>();
        for (int l = 0; l < lines.size(); l++) {
            SessionFigures first = lines.get(l).get(0);
            shown.add(line(first.venueId(), first.venueNameJa(), first.venueNameEn(), first.kind(), values, hidden, l));
        }
        return new YearReport(year, shown, line(null, null, null, null, values, hidden, totalLine));
    }

    private static SmallCountSuppression.Cell cell(Figure figure, int line, int column) {
        return new SmallCountSuppression.Cell(figure.ordinal(), line, column);
    }

    private static Line line(
            String venueId,
            String venueNameJa,
            String venueNameEn,
            String kind,
            int[][][] values,
            boolean[][][] hidden,
            int l) {
        Map<String, List<Integer>> months = new LinkedHashMap<>();
        Map<String, Integer> year = new LinkedHashMap<>();
        for (Figure figure : Figure.ALL) {
            int f = figure.ordinal();
            Integer[] cells = new Integer[MONTHS];
            for (int m = 0; m < MONTHS; m++) {
                cells[m] = hidden[f][l][m] ? null : values[f][l][m];
            }
            months.put(figure.key(), Arrays.asList(cells));
            year.put(figure.key(), hidden[f][l][MONTHS] ? null : values[f][l][MONTHS]);
        }
        return new Line(venueId, venueNameJa, venueNameEn, kind, months, year);
    }
}
