package io.ibasho.notification.service;

import io.ibasho.notification.ConsentRecord;
import io.ibasho.notification.InboxMessage;
import io.ibasho.notification.LineLink;
import io.ibasho.notification.RecipientPreference;
import io.ibasho.notification.TalkRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What the notification service holds about her (issue #18): her settings (language, e-mail address, quiet hours),
 * the messages in her inbox, what was mailed, and her consent records. Exported on her request; on her erasure every row keyed by her
 * account, and the copies of her registrations, are deleted (messages are not counted in any total).
 */
@ApplicationScoped
public class HerData {

    public record Settings(
            String language,
            boolean emailEnabled,
            boolean fullDetail,
            String emailAddress,
            OffsetDateTime emailVerifiedAt,
            String pendingEmail,
            LocalTime quietStart,
            LocalTime quietEnd,
            String quietZone,
            OffsetDateTime updatedAt) {}

    public record Message(
            UUID id,
            String kind,
            UUID sessionId,
            UUID registrationId,
            String channel,
            OffsetDateTime createdAt,
            OffsetDateTime readAt) {}

    /** Her linked LINE account (the userId LINE gave us), if any, and how many pushes went or wait to go there. */
    public record Line(String lineUserId, OffsetDateTime linkedAt, long deliveries) {}

    /** A request to talk as she sent it (docs/consultation.md). */
    public record TalkRequestExport(
            UUID id,
            String organisationId,
            String channel,
            String callbackPhone,
            String timeWindow,
            String days,
            String note,
            String status,
            OffsetDateTime createdAt,
            OffsetDateTime acknowledgedAt,
            OffsetDateTime closedAt) {}

    /** What she agreed to, in the words and language she was shown (ConsentWording), and when; withdrawn or not. */
    public record Consent(
            String purpose,
            String language,
            String wordingVersion,
            String wording,
            OffsetDateTime givenAt,
            OffsetDateTime withdrawnAt) {}

    public record Export(
            String service,
            Settings settings,
            List<Message> messages,
            long emailDeliveries,
            List<TalkRequestExport> talkRequests,
            Line line,
            List<Consent> consents) {}

    /** What went: counts per kind, never content. */
    public record Erased(
            int messages,
            int emailDeliveries,
            int settings,
            int registrationCopies,
            int codeRequests,
            int talkRequests,
            int lineLinks,
            int lineDeliveries,
            int consentRecords) {}

    @WithSession
    public Uni<Export> export(String attendeeId) {
        return withoutConsents(attendeeId)
                .flatMap(export -> ConsentRecord.<ConsentRecord>list("recipientId = ?1 order by givenAt", attendeeId)
                        .map(records -> new Export(
                                export.service(),
                                export.settings(),
                                export.messages(),
                                export.emailDeliveries(),
                                export.talkRequests(),
                                export.line(),
                                records.stream()
                                        .map(r -> new Consent(
                                                r.purpose,
                                                r.language,
                                                r.wordingVersion,
                                                ConsentWording.text(r.purpose, r.wordingVersion, r.language),
                                                r.givenAt,
                                                r.withdrawnAt))
                                        .toList())));
    }

    private Uni<Export> withoutConsents(String attendeeId) {
        return RecipientPreference.<RecipientPreference>findById(attendeeId)
                .flatMap(preference -> InboxMessage.<InboxMessage>list(
                                "recipientId = ?1 order by createdAt desc", attendeeId)
                        .flatMap(messages -> Panache.getSession()
                                .flatMap(s -> s.createNativeQuery(
                                                "select count(*) from email_delivery where recipient_id = :who",
                                                Long.class)
                                        .setParameter("who", attendeeId)
                                        .getSingleResult())
                                .flatMap(deliveries -> TalkRequest.<TalkRequest>list(
                                                "requester = ?1 order by createdAt desc", attendeeId)
                                        .flatMap(talks -> line(attendeeId)
                                                .map(line -> new Export(
                                                        "notification",
                                                        preference == null
                                                                ? null
                                                                : new Settings(
                                                                        preference.language,
                                                                        preference.emailEnabled,
                                                                        preference.fullDetail,
                                                                        preference.emailAddress,
                                                                        preference.emailVerifiedAt,
                                                                        preference.pendingEmail,
                                                                        preference.quietStart,
                                                                        preference.quietEnd,
                                                                        preference.quietZone,
                                                                        preference.updatedAt),
                                                        messages.stream()
                                                                .map(m -> new Message(
                                                                        m.id,
                                                                        m.kind,
                                                                        m.sessionId,
                                                                        m.registrationId,
                                                                        m.channel,
                                                                        m.createdAt,
                                                                        m.readAt))
                                                                .toList(),
                                                        deliveries,
                                                        talks.stream()
                                                                .map(t -> new TalkRequestExport(
                                                                        t.id,
                                                                        t.organisationId,
                                                                        t.channel,
                                                                        t.callbackPhone,
                                                                        t.timeWindow,
                                                                        t.days,
                                                                        t.note,
                                                                        t.status,
                                                                        t.createdAt,
                                                                        t.acknowledgedAt,
                                                                        t.closedAt))
                                                                .toList(),
                                                        line,
                                                        List.of()))))));
    }

    private static Uni<Line> line(String attendeeId) {
        return LineLink.<LineLink>findById(attendeeId).flatMap(link -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select count(*) from line_delivery where recipient_id = :who", Long.class)
                        .setParameter("who", attendeeId)
                        .getSingleResult())
                .map(count -> link == null || !link.linked()
                        ? (count == 0 ? null : new Line(null, null, count))
                        : new Line(link.lineUserId, link.linkedAt, count)));
    }

    /** Inside the consumer's transaction; idempotent (a second run deletes nothing). */
    public Uni<Erased> erase(String attendeeId, List<UUID> registrationIds) {
        return Panache.getSession().flatMap(s -> delete(
                        s, "delete from line_delivery where recipient_id = :who", attendeeId)
                .flatMap(lineDeliveries -> delete(s, "delete from line_link where recipient_id = :who", attendeeId)
                        .flatMap(
                                lineLinks -> eraseTheRest(s, attendeeId, registrationIds, lineLinks, lineDeliveries))));
    }

    private Uni<Erased> eraseTheRest(
            org.hibernate.reactive.mutiny.Mutiny.Session s,
            String attendeeId,
            List<UUID> registrationIds,
            int lineLinks,
            int lineDeliveries) {
        return delete(s, "delete from email_delivery where recipient_id = :who", attendeeId)
                .flatMap(deliveries -> delete(s, "delete from inbox_message where recipient_id = :who", attendeeId)
                        .flatMap(messages -> delete(
                                        s, "delete from recipient_preference where recipient_id = :who", attendeeId)
                                .flatMap(settings -> delete(
                                                s, "delete from code_request where requester = :who", attendeeId)
                                        .flatMap(codes -> deleteCopies(s, attendeeId, registrationIds)
                                                .flatMap(copies -> delete(
                                                                s,
                                                                "delete from talk_request where requester = :who",
                                                                attendeeId)
                                                        .flatMap(talks -> delete(
                                                                        s,
                                                                        "delete from consent_record where"
                                                                                + " recipient_id = :who",
                                                                        attendeeId)
                                                                .map(consents -> new Erased(
                                                                        messages,
                                                                        deliveries,
                                                                        settings,
                                                                        copies,
                                                                        codes,
                                                                        talks,
                                                                        lineLinks,
                                                                        lineDeliveries,
                                                                        consents))))))));
    }

    /** Her copies by account and by registration: a list parameter only when there is one ("in ()" is no SQL). */
    private static Uni<Integer> deleteCopies(
            org.hibernate.reactive.mutiny.Mutiny.Session s, String who, List<UUID> registrationIds) {
        var delete = s.createNativeQuery("delete from registration_copy where attendee_id = :who"
                        + (registrationIds.isEmpty() ? "" : " or registration_id in (:ids)"))
                .setParameter("who", who);
        if (!registrationIds.isEmpty()) {
            delete.setParameter("ids", registrationIds);
        }
        return delete.executeUpdate();
    }

    private static Uni<Integer> delete(org.hibernate.reactive.mutiny.Mutiny.Session s, String sql, String who) {
        return s.createNativeQuery(sql).setParameter("who", who).executeUpdate();
    }
}
