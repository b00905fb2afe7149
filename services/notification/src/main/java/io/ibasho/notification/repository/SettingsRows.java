package io.ibasho.notification.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;

/**
 * The settings rows of a recipient and of a partner group, created with their defaults when missing, so that two
 * requests at once do not both try to insert (a unique-key failure); the caller then locks the row.
 */
public final class SettingsRows {
    private SettingsRows() {}

    public static Uni<Void> ensureRecipient(
            String recipientId, String language, boolean emailEnabled, boolean fullDetail, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("insert into recipient_preference"
                                + " (recipient_id, language, email_enabled, full_detail, updated_at)"
                                + " values (:recipient, :language, :emailEnabled, :fullDetail, :now)"
                                + " on conflict do nothing")
                        .setParameter("recipient", recipientId)
                        .setParameter("language", language)
                        .setParameter("emailEnabled", emailEnabled)
                        .setParameter("fullDetail", fullDetail)
                        .setParameter("now", now)
                        .executeUpdate())
                .replaceWithVoid();
    }

    public static Uni<Void> ensurePartnerGroup(String group, String language, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "insert into partner_contact (partner_group, language, weekly_digest, updated_at)"
                                        + " values (:group, :language, false, :now) on conflict do nothing")
                        .setParameter("group", group)
                        .setParameter("language", language)
                        .setParameter("now", now)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
