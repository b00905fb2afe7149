package io.ibasho.childcarebooking.rest;

import io.ibasho.plumbing.refusal.Refusal;

/** The answer to a staff token that names no organisation: nothing of any organisation can be shown to it. */
final class NoOrganisation {
    private NoOrganisation() {}

    static Refusal problem() {
        return Refusal.forbidden(
                "no-organisation",
                "This account belongs to no organisation (no org claim); ask an" + " administrator to assign one.");
    }
}
