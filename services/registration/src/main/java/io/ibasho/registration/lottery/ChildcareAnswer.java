package io.ibasho.registration.lottery;

import java.util.Objects;
import java.util.UUID;

/**
 * What the childcare service answered for one applicant during the draw. The answers are published
 * with the draw because they decide who of the applicants needing childcare won.
 *
 * @param applicationId the applicant who was asked about
 * @param reserved      childcare was reserved for her children
 */
public record ChildcareAnswer(UUID applicationId, boolean reserved) {

    public ChildcareAnswer {
        Objects.requireNonNull(applicationId, "applicationId");
    }
}
