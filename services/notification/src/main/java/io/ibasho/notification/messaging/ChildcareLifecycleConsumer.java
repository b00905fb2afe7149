package io.ibasho.notification.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.notification.RegistrationCopy;
import io.ibasho.notification.message.MessageKind;
import io.ibasho.notification.service.Notifier;
import io.ibasho.notification.service.Notifier.Notice;
import io.ibasho.plumbing.inbox.InboundEvent;
import io.ibasho.plumbing.inbox.InboundEventReader;
import io.ibasho.plumbing.inbox.NotYetKnown;
import io.ibasho.plumbing.inbox.ProcessedMessage;
import io.ibasho.plumbing.inbox.TransientFailures;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code childcare-lifecycle}: childcare reserved or refused for her registration, or for a drop-in session on its
 * own. A reply for a registration never seen is retried, then dead-lettered, never dropped. The event id is recorded in the same transaction as everything the event causes, so each is handled exactly
 * once per (event, recipient, channel); unreadable messages fail to the consumer's dead-letter topic.
 */
@ApplicationScoped
public class ChildcareLifecycleConsumer {
    /** The name under which notification records the events it handled, the same for its three topics. */
    static final String CONSUMER = "notification";

    private final InboundEventReader events;
    private final Notifier notifier;

    public ChildcareLifecycleConsumer(InboundEventReader events, Notifier notifier) {
        this.events = events;
        this.notifier = notifier;
    }

    @Incoming(Topics.CHILDCARE_LIFECYCLE)
    public Uni<Void> consume(String message) {
        // in a transaction of its own; a transient failure is retried with backoff, only poison is
        // dead-lettered (issue #14)
        return TransientFailures.inTransactionWithRetry(() -> events.read(message)
                .flatMap(event -> ProcessedMessage.once(event, CONSUMER, () -> childcareEvent(event))));
    }

    private Uni<Void> childcareEvent(InboundEvent event) {
        String type = event.type();
        if (event.is(EventTypes.DROP_IN_CHILDCARE_RESERVED) || event.is(EventTypes.DROP_IN_CHILDCARE_CANCELLED)) {
            return dropInChildcareEvent(event);
        }
        MessageKind kind = switch (type) {
            case EventTypes.CHILDCARE_RESERVED -> MessageKind.CHILDCARE_RESERVED;
            case EventTypes.CHILDCARE_REJECTED -> MessageKind.CHILDCARE_REJECTED;
            default -> null; // ChildcareReleased follows her own cancellation, which she was already told about
        };
        if (kind == null) {
            return Uni.createFrom().voidItem();
        }
        JsonNode data = event.data();
        UUID registrationId = UUID.fromString(data.path("registrationId").asText());
        return RegistrationCopy.<RegistrationCopy>findById(registrationId).flatMap(registration -> {
            if (registration == null) {
                // Its registration event is on another topic and may come a moment later: retried, and only
                // dead-lettered (to be replayed) if it never comes.
                return Uni.createFrom().failure(new NotYetKnown("the registration of a childcare reply"));
            }
            return notifier.notify(Notice.of(
                            kind, registration.attendeeId, registration.sessionId, registrationId, event.id()))
                    .replaceWithVoid();
        });
    }

    /**
     * Childcare reserved alone at a drop-in session has no registration: the event names her. She is told it is
     * reserved, and that the session was cancelled; her own cancellation in the app needs no message.
     */
    private Uni<Void> dropInChildcareEvent(InboundEvent event) {
        JsonNode data = event.data();
        MessageKind kind = event.is(EventTypes.DROP_IN_CHILDCARE_RESERVED)
                ? MessageKind.CHILDCARE_RESERVED
                : "SESSION_CANCELLED".equals(data.path("cause").asText()) ? MessageKind.SESSION_CANCELLED : null;
        if (kind == null) {
            return Uni.createFrom().voidItem();
        }
        return notifier.notify(Notice.of(
                        kind,
                        event.text("attendeeId"),
                        UUID.fromString(event.text("sessionId")),
                        UUID.fromString(event.text("reservationId")),
                        event.id()))
                .replaceWithVoid();
    }
}
