package io.ibasho.registration.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ibasho.contracts.EventTypes;
import io.ibasho.plumbing.outbox.Outbox;
import io.ibasho.plumbing.outbox.OutboxMessage;
import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.mapping.SessionParts;
import io.ibasho.registration.repository.EventSequence;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Registration's door to the plumbing kit's {@link Outbox}: it names, on every RegistrationConfirmed, the session's
 * parts. Must be called inside the transaction that changes the state.
 */
@ApplicationScoped
public class RegistrationOutbox {
    private final ObjectMapper json;
    private final Outbox outbox;

    public RegistrationOutbox(ObjectMapper json, Outbox outbox) {
        this.json = json;
        this.outbox = outbox;
    }

    public Uni<Void> append(String type, UUID sessionId, Object data) {
        return EventSequence.next().flatMap(sequence -> {
            ObjectNode payload = json.valueToTree(data);
            payload.put("sequence", sequence);
            if (EventTypes.REGISTRATION_CONFIRMED.equals(type)) {
                // Every path that confirms a seat (booking, accepted offer, childcare's answer, lottery win) comes
                // through here, so the session's parts are named in one place: one booking is for all parts together.
                return SessionCopy.<SessionCopy>findById(sessionId)
                        .flatMap(session ->
                                outbox.append(type, sessionId, withPartIds(payload, SessionParts.ids(session))));
            }
            return outbox.append(type, sessionId, payload);
        });
    }

    /**
     * The outbox row of a RegistrationConfirmed, not yet written, for the first-come booking's own SQL
     * ({@link io.ibasho.registration.repository.BookingRows}): the same payload as {@link #append} writes, with the
     * event sequence number drawn by the statement that took the seat and the parts of the session it returned.
     */
    public OutboxMessage confirmed(long sequence, SessionCopy session, Object data) {
        ObjectNode payload = json.valueToTree(data);
        payload.put("sequence", sequence);
        return outbox.prepare(
                EventTypes.REGISTRATION_CONFIRMED, session.id, withPartIds(payload, SessionParts.ids(session)));
    }

    private static ObjectNode withPartIds(ObjectNode payload, List<String> partIds) {
        ArrayNode ids = payload.putArray("partIds");
        partIds.forEach(ids::add);
        return payload;
    }
}
