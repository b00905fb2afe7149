package io.ibasho.registration.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Hides counts of people that could point to someone (docs/privacy.md, "Reports"): a count of 1 or 2 is hidden
 * (primary suppression), and so is any further cell that would let a reader work a hidden one out from a total or from
 * another figure (secondary suppression).
 *
 * <p>The report is a set of equations {@code total = sum of members} (a venue's year = its months; a month's total =
 * its venues; bookings = attended + no-shows + unmarked; participants = attended + drop-ins). An equation that holds a
 * hidden cell is safe when at least two of its terms are unknown and, while its total is shown, the hidden members add
 * up to 3 or more; otherwise the smallest shown member (one above 0 first) is hidden too, or the total when no member
 * is left. Hiding only ever grows, so repeating this over all equations until nothing changes ends.
 */
public final class SmallCountSuppression {
    /** Counts below this are hidden. */
    public static final int THRESHOLD = 3;

    /** A cell of the report grid: figure, line (the last is the organisation's total) and column (the last: year). */
    record Cell(int figure, int line, int column) {}

    /**
     * @param members the cells that add up to {@code total}
     * @param unseen a part of the sum that is never shown (unmarked bookings), 0 when none
     */
    record Equation(List<Cell> members, Cell total, int unseen) {}

    private final int[][][] values;
    private final boolean[][][] hidden;
    private final List<Equation> equations = new ArrayList<>();

    SmallCountSuppression(int[][][] values) {
        this.values = values;
        this.hidden = new boolean[values.length][][];
        for (int f = 0; f < values.length; f++) {
            hidden[f] = new boolean[values[f].length][];
            for (int l = 0; l < values[f].length; l++) {
                hidden[f][l] = new boolean[values[f][l].length];
            }
        }
    }

    void add(Equation equation) {
        equations.add(equation);
    }

    /** Hides small counts of the figures that count people, then whatever would reveal them. */
    boolean[][][] apply() {
        for (Figure figure : Figure.ALL) {
            if (!figure.countsPeople()) {
                continue;
            }
            int f = figure.ordinal();
            for (int l = 0; l < values[f].length; l++) {
                for (int c = 0; c < values[f][l].length; c++) {
                    hidden[f][l][c] = values[f][l][c] > 0 && values[f][l][c] < THRESHOLD;
                }
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Equation equation : equations) {
                changed |= protect(equation);
            }
        }
        return hidden;
    }

    private boolean isHidden(Cell cell) {
        return hidden[cell.figure()][cell.line()][cell.column()];
    }

    private int value(Cell cell) {
        return values[cell.figure()][cell.line()][cell.column()];
    }

    /** @return whether a further cell was hidden */
    private boolean protect(Equation equation) {
        int unknown = 0;
        int hiddenMemberSum = 0;
        for (Cell member : equation.members()) {
            if (isHidden(member)) {
                unknown++;
                hiddenMemberSum += value(member);
            }
        }
        // a never-shown part of 1 or 2 (two bookings nobody marked, two answers not satisfied) is a small count too
        boolean smallUnseen = equation.unseen() > 0 && equation.unseen() < THRESHOLD;
        boolean anyHidden = unknown > 0 || isHidden(equation.total()) || smallUnseen;
        if (!anyHidden) {
            return false;
        }
        if (equation.unseen() > 0) {
            unknown++;
            hiddenMemberSum += equation.unseen();
        }
        boolean totalShown = !isHidden(equation.total());
        if (!totalShown) {
            unknown++;
        }
        if (unknown >= 2 && (!totalShown || hiddenMemberSum >= THRESHOLD)) {
            return false;
        }
        Cell next = smallestShownMember(equation, true);
        if (next == null && totalShown) {
            next = equation.total();
        }
        if (next == null) {
            next = smallestShownMember(equation, false);
        }
        if (next == null) {
            return false; // every term is hidden already
        }
        hidden[next.figure()][next.line()][next.column()] = true;
        return true;
    }

    private Cell smallestShownMember(Equation equation, boolean aboveZero) {
        Cell smallest = null;
        for (Cell member : equation.members()) {
            if (!isHidden(member)
                    && (!aboveZero || value(member) > 0)
                    && (smallest == null || value(member) < value(smallest))) {
                smallest = member;
            }
        }
        return smallest;
    }
}
