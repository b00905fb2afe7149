package io.ibasho.event.mapping;

import io.ibasho.event.SupportLine;

/** A place to turn to, as anyone may read it. */
public record SupportLineView(
        String organisationId,
        String nameJa,
        String nameEn,
        String phone,
        String hoursJa,
        String hoursEn,
        String helpsWithJa,
        String helpsWithEn) {

    public static SupportLineView of(SupportLine line) {
        return new SupportLineView(
                line.organisationId,
                line.nameJa,
                line.nameEn,
                line.phone,
                line.hoursJa,
                line.hoursEn,
                line.helpsWithJa,
                line.helpsWithEn);
    }
}
