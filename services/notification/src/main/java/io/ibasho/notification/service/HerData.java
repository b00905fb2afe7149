package io.ibasho.notification.service;

import io.ibasho.notification.ConsentRecord;
import io.ibasho.notification.InboxMessage;
import io.ibasho.notification.LineLink;
import io.ibasho.notification.RecipientPreference;
import io.ibasho.notification.TalkRequest;
import io.ibasho.notification.repository.ErasureStore;
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
            boolean languageChosen,
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
                        .flatMap(messages -> ErasureStore.emailDeliveries(attendeeId)
                                .flatMap(deliveries -> TalkRequest.<TalkRequest>list(
                                                "requester = ?1 order by createdAt desc", attendeeId)
                                        .flatMap(talks -> line(attendeeId)
                                                .map(line -> new Export(
                                                        "notification",
                                                        preference == null
                                                                ? null
                                                                : new Settings(
                                                                        preference.language,
                                                                        preference.languageChosen,
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
        return LineLink.<LineLink>findById(attendeeId)
                .flatMap(link -> ErasureStore.lineDeliveries(attendeeId)
                        .map(count -> link == null || !link.linked()
                                ? (count == 0 ? null : new Line(null, null, count))
                                : new Line(link.lineUserId, link.linkedAt, count)));
    }

    /** Inside the consumer's transaction; idempotent (a second run deletes nothing). */
    public Uni<Erased> erase(String attendeeId, List<UUID> registrationIds) {
        return ErasureStore.erase(attendeeId, registrationIds)
                .map(gone -> new Erased(
                        gone.messages(),
                        gone.emailDeliveries(),
                        gone.settings(),
                        gone.registrationCopies(),
                        gone.codeRequests(),
                        gone.talkRequests(),
                        gone.lineLinks(),
                        gone.lineDeliveries(),
                        gone.consents()));
    }
}
