package io.ibasho.plumbing.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ibasho.contracts.CloudEvent;
import io.ibasho.plumbing.telemetry.TraceParent;
import io.ibasho.plumbing.time.CommitWakeUp;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Appends an integration event to the outbox. Must be called inside the transaction that changes the state, so the
 * event exists if and only if the change was committed (the step quarkus-super-heroes leaves out); {@link OutboxRelay}
 * publishes it. The CloudEvent source is {@code /ibasho/<application name>}, the topic the one of the channel
 * {@code outbox}.
 */
@ApplicationScoped
@IfBuildProperty(name = "ibasho.outbox.enabled", stringValue = "true")
public class Outbox {
    /**
     * The channel whose NOTIFY wakes the relay: a caller that writes {@link #prepare}d rows with its own SQL sends
     * {@code pg_notify} on it in the same transaction (in the same statement, if it likes).
     */
    public static final String WAKE_UP_CHANNEL = OutboxRelay.WAKE_UP_CHANNEL;

    private final ObjectMapper json;
    private final Clock clock;
    private final String source;
    private final String topic;

    public Outbox(
            ObjectMapper json,
            Clock clock,
            @ConfigProperty(name = "quarkus.application.name") String application,
            @ConfigProperty(name = "mp.messaging.outgoing." + OutboxRelay.CHANNEL + ".topic") String topic) {
        this.json = json;
        this.clock = clock;
        this.source = "/ibasho/" + application;
        this.topic = topic;
    }

    /** @param subject the aggregate id: the Kafka key and the CloudEvent subject, so its events stay in order */
    public Uni<Void> append(String type, UUID subject, Object data) {
        OutboxMessage message;
        try {
            message = prepare(type, subject, data);
        } catch (IllegalStateException e) {
            return Uni.createFrom().failure(e);
        }
        // delivered by PostgreSQL only if and when this transaction commits: the relay publishes at once
        return message.persist().chain(() -> CommitWakeUp.signal(WAKE_UP_CHANNEL));
    }

    /**
     * The outbox row of an event, not yet written: for a hot path that writes it with its own SQL in the transaction
     * that changes the state (then it also signals {@link #WAKE_UP_CHANNEL}); everybody else calls {@link #append}.
     *
     * @throws IllegalStateException when the payload cannot be serialised
     */
    public OutboxMessage prepare(String type, UUID subject, Object data) {
        OutboxMessage message = new OutboxMessage();
        message.id = UUID.randomUUID();
        message.topic = topic;
        message.messageKey = subject.toString();
        message.type = type;
        message.createdAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        message.traceparent = TraceParent.ofCurrent();
        try {
            message.payload = json.writeValueAsString(
                    CloudEvent.of(message.id.toString(), source, type, message.createdAt, message.messageKey, data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event payload not serialisable: " + type, e);
        }
        return message;
    }
}
