package io.ibasho.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.notification.support.Db;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicWriter;
import io.ibasho.testsupport.OnVertx;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notification's registration-lifecycle consumer takes a poll's records as one batch in one transaction (ADR 0084).
 * Each test hands the consumer a batch as the Kafka connector builds it, with a commit handler and a failure handler
 * (the dead-letter topic's place) that record what they were given, and reads the database it wrote.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class BatchedConsumptionTest {
    private static final TopicPartition PARTITION = new TopicPartition(Topics.REGISTRATION_LIFECYCLE, 0);

    @Inject
    RegistrationLifecycleConsumer consumer;

    @Inject
    Vertx vertx;

    private final List<Long> committed = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> deadLettered = Collections.synchronizedList(new ArrayList<>());
    private UUID sessionId;

    @BeforeEach
    void aPublishedSession() {
        sessionId = UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(3);
        KafkaTopicWriter.send(Topics.EVENT_LIFECYCLE, sessionId.toString(), """
                {"specversion":"1.0","id":"%s","source":"/ibasho/event","type":"%s","subject":"%s","data":{"sessionId":"%s",
                 "organisationId":"hinata","titleJa":"ウィメンズカフェ","titleEn":"Women's Café","kind":"cafe","allocation":"FIRST_COME",
                 "status":"PUBLISHED","startsAt":"%s","endsAt":"%s","sequence":0}}
                """.formatted(
                UUID.randomUUID(), EventTypes.EVENT_PUBLISHED, sessionId, sessionId, start, start.plusHours(2)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count("select count(*) from session_copy where id = ?", sessionId) == 1);
    }

    @Test
    void aPoisonRecordInTheMiddleIsDeadLetteredAloneAndTheOthersAreHandledOnce() {
        UUID first = UUID.randomUUID();
        UUID last = UUID.randomUUID();
        String unreadable = "{ not a CloudEvent";
        // readable, but its registration id is no UUID: it fails inside the batch's transaction, not before it
        String failsInItsWork = registrationEvent(
                        UUID.randomUUID().toString(), EventTypes.REGISTRATION_CONFIRMED, UUID.randomUUID(), "")
                .replaceFirst("\"registrationId\":\"[^\"]*\"", "\"registrationId\":\"not-a-uuid\"");

        consume(List.of(confirmed(first), unreadable, failsInItsWork, confirmed(last)));

        assertThat(messagesFor(first)).isEqualTo(1);
        assertThat(messagesFor(last)).isEqualTo(1);
        assertThat(deadLettered).containsExactly(1L, 2L);
        assertThat(committed).contains(3L); // the batch acknowledged: its partition's latest offset
    }

    @Test
    void aRedeliveredBatchChangesNothing() {
        UUID booked = UUID.randomUUID();
        List<String> batch = List.of(confirmed(booked), confirmed(UUID.randomUUID()));

        consume(batch);
        consume(batch); // the connector's redelivery after a crash before the commit

        assertThat(messagesFor(booked)).isEqualTo(1);
        assertThat(Db.count("select count(*) from inbox_message where session_id = ?", sessionId))
                .isEqualTo(2);
        assertThat(deadLettered).isEmpty();
    }

    @Test
    void recordsOfAPartitionAreHandledInTheirOrderAndEachSeesTheOnesBefore() {
        UUID registration = UUID.randomUUID();

        // booked, then cancelled: handled the other way round, her copy would end confirmed
        consume(List.of(
                registrationEvent(UUID.randomUUID().toString(), EventTypes.REGISTRATION_CONFIRMED, registration, ""),
                registrationEvent(
                        UUID.randomUUID().toString(),
                        EventTypes.REGISTRATION_CANCELLED,
                        registration,
                        ",\"cancelledBy\":\"ATTENDEE\"")));

        assertThat(Db.string("select status from registration_copy where registration_id = ?", registration))
                .isEqualTo("CANCELLED");
        assertThat(Db.strings("select kind from inbox_message where registration_id = ? order by kind", registration))
                .containsExactly("BOOKING_CONFIRMED", "CANCELLED_BY_ATTENDEE");
        assertThat(deadLettered).isEmpty();
    }

    private long messagesFor(UUID registration) {
        return Db.count("select count(*) from inbox_message where registration_id = ?", registration);
    }

    private String confirmed(UUID registration) {
        return registrationEvent(UUID.randomUUID().toString(), EventTypes.REGISTRATION_CONFIRMED, registration, "");
    }

    private String registrationEvent(String eventId, String type, UUID registration, String more) {
        return """
                {"specversion":"1.0","id":"%s","source":"/ibasho/registration","type":"%s","subject":"%s",
                 "data":{"registrationId":"%s","sessionId":"%s","attendeeId":"batch-test-attendee"%s}}
                """.formatted(eventId, type, sessionId, registration, sessionId, more);
    }

    /** Builds the batch as the connector does from one poll of one partition, and waits for the consumer. */
    private void consume(List<String> messages) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (int offset = 0; offset < messages.size(); offset++) {
            records.add(new ConsumerRecord<>(
                    PARTITION.topic(), PARTITION.partition(), offset, sessionId.toString(), messages.get(offset)));
        }
        var batch = new IncomingKafkaRecordBatch<>(
                new ConsumerRecords<>(Map.of(PARTITION, records), Map.of()),
                Topics.REGISTRATION_LIFECYCLE,
                0,
                new KafkaCommitHandler() {
                    @Override
                    public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
                        committed.add(record.getOffset());
                        return Uni.createFrom().voidItem();
                    }
                },
                new KafkaFailureHandler() {
                    @Override
                    public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata m) {
                        deadLettered.add(record.getOffset());
                        return Uni.createFrom().voidItem();
                    }
                },
                false,
                false);
        OnVertx.await(vertx, () -> consumer.consume(batch).replaceWith(true));
    }
}
