package io.ibasho.childcarebooking.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;

/** An organisation's own carer-ratio settings row (table organisation_ratios). */
public final class OrganisationRatioRows {
    private OrganisationRatioRows() {}

    /**
     * Creates the organisation's row if it is missing (two organisers saving at once must not fail on the primary
     * key); the caller then locks it.
     */
    public static Uni<Void> ensure(String organisationId, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("insert into organisation_ratios (organisation_id,"
                                + " updated_at) values (:organisation, :now) on conflict do nothing")
                        .setParameter("organisation", organisationId)
                        .setParameter("now", now)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
