package io.ibasho.event.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * What the event service holds about her (issue #18): only which of her registrations are confirmed for which session
 * (table attendee_confirmation, for releasing a hidden address or a meeting link). Exported on her request, deleted
 * when she erases her account.
 */
@ApplicationScoped
public class HerData {

    public record Confirmation(UUID registrationId, UUID sessionId, boolean confirmed) {}

    public record Export(String service, List<Confirmation> attendeeConfirmations) {}

    @WithSession
    public Uni<Export> export(String attendeeId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select registration_id, session_id, confirmed from attendee_confirmation "
                                        + "where attendee_id = :who order by session_id",
                                Object[].class)
                        .setParameter("who", attendeeId)
                        .getResultList())
                .map(rows -> new Export(
                        "event",
                        rows.stream()
                                .map(row -> new Confirmation((UUID) row[0], (UUID) row[1], (Boolean) row[2]))
                                .toList()));
    }

    /**
     * Deletes her confirmations, by account and by registration (a confirmation may arrive keyed only by a
     * registration id she had). Runs inside the consumer's transaction; idempotent.
     *
     * @return how many rows went
     */
    public Uni<Integer> erase(String attendeeId, List<UUID> registrationIds) {
        // a list parameter (expanded by Hibernate), only when there is one: "in ()" is no SQL
        return Panache.getSession().flatMap(s -> {
            var delete = s.createNativeQuery("delete from attendee_confirmation where attendee_id = :who"
                            + (registrationIds.isEmpty() ? "" : " or registration_id in (:ids)"))
                    .setParameter("who", attendeeId);
            if (!registrationIds.isEmpty()) {
                delete.setParameter("ids", registrationIds);
            }
            return delete.executeUpdate();
        });
    }
}
