package io.ibasho.notification.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;

/**
 * Her data in this service, counted for her export and deleted on her erasure (docs/adr/0014). Static helpers on the
 * caller's reactive session and transaction.
 */
public final class ErasureStore {
    private ErasureStore() {}

    /** How many rows of hers were deleted, per kind. */
    public record Erased(
            int messages,
            int emailDeliveries,
            int settings,
            int registrationCopies,
            int codeRequests,
            int talkRequests,
            int lineLinks,
            int lineDeliveries,
            int consents) {}

    /** How many e-mails were queued or sent to her. */
    public static Uni<Long> emailDeliveries(String attendeeId) {
        return count("select count(*) from email_delivery where recipient_id = :who", attendeeId);
    }

    /** How many LINE pushes were queued or sent to her. */
    public static Uni<Long> lineDeliveries(String attendeeId) {
        return count("select count(*) from line_delivery where recipient_id = :who", attendeeId);
    }

    /**
     * Deletes everything of hers, by account and by the registrations the erasure event names; idempotent (a second
     * run deletes nothing). One statement after another: one reactive session never runs two at once.
     */
    public static Uni<Erased> erase(String attendeeId, List<UUID> registrationIds) {
        String who = attendeeId;
        return delete("delete from line_delivery where recipient_id = :who", who)
                .flatMap(lineDeliveries -> delete("delete from line_link where recipient_id = :who", who)
                        .flatMap(lineLinks -> delete("delete from email_delivery where recipient_id = :who", who)
                                .flatMap(deliveries -> delete(
                                                "delete from inbox_message where recipient_id = :who", who)
                                        .flatMap(messages -> delete(
                                                        "delete from recipient_preference where recipient_id = :who",
                                                        who)
                                                .flatMap(settings -> delete(
                                                                "delete from code_request where requester = :who", who)
                                                        .flatMap(codes -> deleteCopies(who, registrationIds)
                                                                .flatMap(copies -> delete(
                                                                                "delete from talk_request where requester = :who",
                                                                                who)
                                                                        .flatMap(talks -> delete(
                                                                                        "delete from consent_record where recipient_id = :who",
                                                                                        who)
                                                                                .map(consents -> new Erased(
                                                                                        messages,
                                                                                        deliveries,
                                                                                        settings,
                                                                                        copies,
                                                                                        codes,
                                                                                        talks,
                                                                                        lineLinks,
                                                                                        lineDeliveries,
                                                                                        consents))))))))));
    }

    /** Her copies by account and by registration: a list parameter only when there is one ("in ()" is no SQL). */
    private static Uni<Integer> deleteCopies(String who, List<UUID> registrationIds) {
        return Panache.getSession().flatMap(s -> {
            var delete = s.createNativeQuery("delete from registration_copy where attendee_id = :who"
                            + (registrationIds.isEmpty() ? "" : " or registration_id in (:ids)"))
                    .setParameter("who", who);
            if (!registrationIds.isEmpty()) {
                delete.setParameter("ids", registrationIds);
            }
            return delete.executeUpdate();
        });
    }

    private static Uni<Integer> delete(String sql, String who) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(sql).setParameter("who", who).executeUpdate());
    }

    private static Uni<Long> count(String sql, String who) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(sql, Long.class)
                        .setParameter("who", who)
                        .getSingleResult());
    }
}
