package io.ibasho.registration.service;

import io.ibasho.registration.Registration;
import io.ibasho.registration.repository.LotteryDrawStore;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.UUID;

/**
 * How a session's draw names the applications it drew: by her lottery reference, so that the published draw never
 * carries the registration id that is in her URLs (ADR 0085). A draw made before V29 named them by registration id;
 * its allocation goes on with those ids, because its drawn order was computed from them.
 */
record DrawnApplications(boolean byRegistrationId) {

    static Uni<DrawnApplications> of(UUID sessionId) {
        return LotteryDrawStore.namesApplicantsByRegistrationId(sessionId).map(DrawnApplications::new);
    }

    /** The id the draw knows her application by. */
    UUID idOf(Registration application) {
        return byRegistrationId ? application.id : application.lotteryReference;
    }

    /** The session's applications the draw names by these ids, in any status. */
    PanacheQuery<Registration> find(UUID sessionId, Collection<UUID> drawIds) {
        return Registration.find(
                "sessionId = ?1 and " + (byRegistrationId ? "id" : "lotteryReference") + " in ?2 order by id",
                sessionId,
                drawIds);
    }
}
