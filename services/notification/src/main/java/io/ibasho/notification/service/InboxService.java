package io.ibasho.notification.service;

import io.ibasho.notification.InboxMessage;
import io.ibasho.notification.SessionCopy;
import io.ibasho.notification.message.Language;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Her inbox, worded in her language when she reads it. Nobody else's messages are ever loaded. */
@ApplicationScoped
public class InboxService {
    private final MessageWording wording;

    public InboxService(MessageWording wording) {
        this.wording = wording;
    }

    @WithSession
    public Uni<List<InboxView>> inboxOf(String recipientId, Language language) {
        return InboxMessage.<InboxMessage>list("recipientId = ?1 order by createdAt desc", recipientId)
                .flatMap(messages -> {
                    List<UUID> sessionIds = messages.stream()
                            .map(m -> m.sessionId)
                            .filter(Objects::nonNull)
                            .distinct()
                            .toList();
                    Uni<List<SessionCopy>> sessions = sessionIds.isEmpty()
                            ? Uni.createFrom().item(List.of())
                            : SessionCopy.list("id in ?1", sessionIds);
                    return sessions.map(known -> {
                        Map<UUID, SessionCopy> byId = new HashMap<>();
                        known.forEach(s -> byId.put(s.id, s));
                        return messages.stream()
                                .map(m -> new InboxView(
                                        m.id,
                                        m.kind,
                                        m.sessionId,
                                        wording.inAppText(m, byId.get(m.sessionId), language),
                                        m.createdAt,
                                        m.readAt != null,
                                        m.courseId))
                                .toList();
                    });
                });
    }
}
