package io.ibasho.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic of the real test broker from the beginning, to assert what a service published.
 *
 * <p>The reader assigns itself every partition instead of joining a consumer group: a group join (find coordinator,
 * join, sync) cost up to seconds per call and these tests call it hundreds of times; the records read are the same.
 */
public final class KafkaTopicReader {
    private static final Duration POLL = Duration.ofMillis(100);

    private KafkaTopicReader() {}

    public static List<ConsumerRecord<String, String>> awaitRecords(
            String bootstrapServers,
            String topic,
            Predicate<ConsumerRecord<String, String>> wanted,
            int count,
            Duration timeout) {
        return read(bootstrapServers, topic, wanted, found -> found.size() >= count, timeout);
    }

    public static List<ConsumerRecord<String, String>> awaitRecords(
            String topic, Predicate<ConsumerRecord<String, String>> wanted, int count, Duration timeout) {
        return awaitRecords(TestServers.get().kafka().bootstrapServers(), topic, wanted, count, timeout);
    }

    /**
     * Every wanted record up to and including the first one that {@code last} accepts (a marker the test published
     * after the records it counts), waiting no longer than {@code timeout} for that marker. A service answers the
     * messages of one key in order and its relay publishes in creation order, so once the marker's answer is on the
     * topic, so is every answer before it: counting then needs no fixed wait for records that must not come.
     */
    public static List<ConsumerRecord<String, String>> recordsUntil(
            String topic,
            Predicate<ConsumerRecord<String, String>> wanted,
            Predicate<ConsumerRecord<String, String>> last,
            Duration timeout) {
        return recordsUntil(TestServers.get().kafka().bootstrapServers(), topic, wanted, last, timeout);
    }

    /** {@link #recordsUntil(String, Predicate, Predicate, Duration)} on a given broker (the end-to-end stack's own). */
    public static List<ConsumerRecord<String, String>> recordsUntil(
            String bootstrapServers,
            String topic,
            Predicate<ConsumerRecord<String, String>> wanted,
            Predicate<ConsumerRecord<String, String>> last,
            Duration timeout) {
        boolean[] seenLast = new boolean[1];
        List<ConsumerRecord<String, String>> found = read(
                bootstrapServers,
                topic,
                record -> {
                    if (seenLast[0]) {
                        return false;
                    }
                    if (last.test(record)) {
                        seenLast[0] = true;
                    }
                    return wanted.test(record);
                },
                ignored -> seenLast[0],
                timeout);
        if (!seenLast[0]) {
            throw new AssertionError("the marker record did not reach " + topic + " within " + timeout);
        }
        return found;
    }

    private static List<ConsumerRecord<String, String>> read(
            String bootstrapServers,
            String topic,
            Predicate<ConsumerRecord<String, String>> wanted,
            Predicate<List<ConsumerRecord<String, String>>> done,
            Duration timeout) {
        TopicLog log = LOGS.computeIfAbsent(bootstrapServers + " " + topic, key -> new TopicLog(bootstrapServers));
        synchronized (log) {
            return log.read(topic, wanted, done, Instant.now().plus(timeout));
        }
    }

    /**
     * Every read is from the topic's beginning. A new consumer per read (a connection, metadata, offsets, and the
     * whole topic fetched and decoded again) cost more with every record a module published, and the tests read
     * hundreds of times. So each topic keeps one consumer for the JVM's life and the records it has read, in the order
     * it read them: a read first goes through those, then polls for more. What a read returns is what a new consumer
     * would: every wanted record from the beginning, until {@code done}.
     */
    private static final Map<String, TopicLog> LOGS = new ConcurrentHashMap<>();

    private static final class TopicLog {
        private final KafkaConsumer<String, String> consumer;
        private final List<ConsumerRecord<String, String>> records = new ArrayList<>();
        private boolean assigned;

        TopicLog(String bootstrapServers) {
            Properties properties = new Properties();
            properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            this.consumer = new KafkaConsumer<>(properties);
        }

        List<ConsumerRecord<String, String>> read(
                String topic,
                Predicate<ConsumerRecord<String, String>> wanted,
                Predicate<List<ConsumerRecord<String, String>>> done,
                Instant deadline) {
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            for (ConsumerRecord<String, String> record : records) {
                if (wanted.test(record)) {
                    found.add(record);
                }
            }
            if (!assigned) {
                List<TopicPartition> partitions = partitionsOf(consumer, topic, deadline);
                if (partitions.isEmpty()) {
                    return found; // the topic was never created: nothing was published to it in time
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                assigned = true;
            }
            while (!done.test(found) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    records.add(record);
                    if (wanted.test(record)) {
                        found.add(record);
                    }
                }
            }
            return found;
        }
    }

    /** The topic's partitions, waiting until the deadline for a topic that a service has yet to create. */
    private static List<TopicPartition> partitionsOf(
            KafkaConsumer<String, String> consumer, String topic, Instant deadline) {
        while (true) {
            List<PartitionInfo> infos =
                    consumer.listTopics(Duration.ofSeconds(10)).get(topic);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList();
            }
            if (!Instant.now().isBefore(deadline)) {
                return List.of();
            }
            try {
                Thread.sleep(
                        POLL.toMillis()); // bounded by the caller's timeout: the topic appears with its first record
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
    }
}
