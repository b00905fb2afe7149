package io.ibasho.registration.lottery;

import java.util.UUID;

/**
 * A place on the reserve list (補欠). Freed seats are offered in position order.
 *
 * @param position                   1 = offered first
 * @param applicant                  the applicant and her drawn rank
 * @param childcareUnavailableAtDraw she was reached during the draw but childcare could not be reserved;
 *                                   she keeps her drawn rank, and childcare is asked again before an offer
 */
public record ReservePlace(int position, RankedApplicant applicant, boolean childcareUnavailableAtDraw) {

    public UUID applicationId() {
        return applicant.applicationId();
    }
}
