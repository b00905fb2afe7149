package io.ibasho.notification.service;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.ibasho.notification.InboxMessage;
import io.ibasho.notification.SessionCopy;
import io.ibasho.notification.message.Language;
import io.ibasho.notification.message.MessageDetail;
import io.ibasho.notification.message.MessageKind;
import io.ibasho.notification.message.MessageTemplates;
import io.ibasho.notification.message.TemplateRef;
import io.ibasho.notification.rest.InboxView;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.qute.Engine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Her inbox, worded in her language when she reads it. Nobody else's messages are ever loaded. */
@ApplicationScoped
public class InboxService {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final Engine qute;

    public InboxService(Engine qute) {
        this.qute = qute;
    }

    @WithSession
    public Uni<List<InboxView>> inboxOf(String recipientId, Language language) {
        return InboxMessage.<InboxMessage>list("recipientId = ?1 order by createdAt desc", recipientId)
                .flatMap(messages -> {
                    List<UUID> sessionIds = messages.stream().map(m -> m.sessionId).filter(java.util.Objects::nonNull).distinct().toList();
                    Uni<List<SessionCopy>> sessions = sessionIds.isEmpty() ? Uni.createFrom().item(List.of())
                            : SessionCopy.list("id in ?1", sessionIds);
                    return sessions.map(known -> {
                        Map<UUID, SessionCopy> byId = new java.util.HashMap<>();
                        known.forEach(s -> byId.put(s.id, s));
                        return messages.stream().map(m -> view(m, byId.get(m.sessionId), language)).toList();
                    });
                });
    }

    private InboxView view(InboxMessage message, SessionCopy session, Language language) {
        MessageKind kind = MessageKind.valueOf(message.kind);
        Map<MessageDetail, String> details = new EnumMap<>(MessageDetail.class);
        String unknown = language == Language.EN ? "(to be announced)" : "（未定）";
        for (MessageDetail detail : kind.details()) {
            details.put(detail, switch (detail) {
                case TITLE -> session == null ? unknown
                        : language == Language.EN && session.titleEn != null ? session.titleEn : session.titleJa;
                case STARTS_AT -> session == null ? unknown : formatTime(session.startsAt.atZoneSameInstant(TOKYO), language);
                case POSITION -> message.position == null ? unknown : message.position.toString();
                case DEADLINE -> message.deadline == null ? unknown : formatTime(message.deadline.atZoneSameInstant(TOKYO), language);
                case REASON -> message.reason == null || message.reason.isBlank() ? unknown : message.reason;
                default -> unknown; // venue, organisation and meeting link are added with the event service's details
            });
        }
        TemplateRef ref = MessageTemplates.inApp(kind, language, details);
        String text = qute.getTemplate(ref.id()).data(ref.data()).render();
        return new InboxView(message.id, kind.name(), message.sessionId, text, message.createdAt, message.readAt != null);
    }

    private static String formatTime(java.time.ZonedDateTime time, Language language) {
        return language == Language.EN
                ? time.format(DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH))
                : time.format(DateTimeFormatter.ofPattern("yyyy年M月d日(E) HH:mm", Locale.JAPANESE));
    }
}
