package io.ibasho.registration.support;

import io.ibasho.testsupport.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the service wrote, read where it is written, so a test can assert "exactly this many" without waiting for
 * something that never comes: the outbox in registration's database (the events it decided to publish) and a topic
 * read up to its current end.
 */
public final class LotteryRecords {
    private LotteryRecords() {}

    private static Connection db() throws SQLException {
        return DriverManager.getConnection(TestServers.get().postgres().jdbcUrl("registration"), "postgres", "");
    }

    /** Events of this type the service has written to its outbox for the session (published or not yet). */
    public static long outboxEvents(UUID sessionId, String type) {
        try (Connection db = db();
                var query =
                        db.prepareStatement("select count(*) from outbox_message where message_key = ? and type = ?")) {
            query.setString(1, sessionId.toString());
            query.setString(2, type);
            var rows = query.executeQuery();
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The data of every event of this type written to the outbox under this key (a session id), as JSON, in the order
     * written.
     */
    public static java.util.List<com.fasterxml.jackson.databind.JsonNode> outboxData(UUID key, String type) {
        try (Connection db = db();
                var query = db.prepareStatement(
                        "select payload from outbox_message where message_key = ? and type = ? order by created_at")) {
            query.setString(1, key.toString());
            query.setString(2, type);
            var rows = query.executeQuery();
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            java.util.List<com.fasterxml.jackson.databind.JsonNode> found = new java.util.ArrayList<>();
            while (rows.next()) {
                var event = mapper.readTree(rows.getString(1));
                found.add(event.has("data") ? event.get("data") : event);
            }
            return found;
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registrations of the session still in this status, e.g. APPLIED after a draw (which must leave none). */
    public static long registrations(UUID sessionId, String status) {
        try (Connection db = db();
                var query =
                        db.prepareStatement("select count(*) from registration where session_id = ? and status = ?")) {
            query.setObject(1, sessionId);
            query.setString(2, status);
            var rows = query.executeQuery();
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the consumer has handled (and recorded) this CloudEvent id. */
    public static boolean processed(String eventId, String consumer) {
        try (Connection db = db();
                var query = db.prepareStatement(
                        "select count(*) from processed_message where event_id = ? and consumer = ?")) {
            query.setString(1, eventId);
            query.setString(2, consumer);
            var rows = query.executeQuery();
            rows.next();
            return rows.getLong(1) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The secret seed as stored: what an insider with database access could read before the draw. */
    public static String storedSeed(UUID sessionId) {
        try (Connection db = db();
                var query = db.prepareStatement("select seed_hex from lottery_seed where session_id = ?")) {
            query.setObject(1, sessionId);
            var rows = query.executeQuery();
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until {@code count} records of a topic match (or the timeout passes), reading from the beginning. The
     * consumer is assigned every partition instead of joining a group, so it starts reading at once: a group join
     * costs seconds per call, and the allocation test reads once per childcare question.
     */
    public static List<ConsumerRecord<String, String>> awaitRecords(
            String topic, Predicate<ConsumerRecord<String, String>> wanted, int count, Duration timeout) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties())) {
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
                partitions = partitions(consumer, topic);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (found.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    if (wanted.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    /** The records of a topic matching {@code wanted}, from the beginning up to the end the broker has now. */
    public static List<ConsumerRecord<String, String>> recordsSoFar(
            String topic, Predicate<ConsumerRecord<String, String>> wanted) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties())) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            if (partitions.isEmpty()) {
                return found;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                    if (wanted.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    /** No consumer group: the partitions are assigned, so nothing waits for a group to form. */
    private static Properties properties() {
        Properties properties = new Properties();
        properties.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestServers.get().kafka().bootstrapServers());
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return properties;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic) {
        return consumer.listTopics(Duration.ofSeconds(10)).getOrDefault(topic, List.of()).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
    }
}
