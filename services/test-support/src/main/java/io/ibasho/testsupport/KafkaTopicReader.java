package io.ibasho.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic of the real test broker from the beginning, to assert what a service published. */
public final class KafkaTopicReader {
    private KafkaTopicReader() {}

    public static List<ConsumerRecord<String, String>> awaitRecords(
            String bootstrapServers,
            String topic,
            Predicate<ConsumerRecord<String, String>> wanted,
            int count,
            Duration timeout) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (found.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                    if (wanted.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    public static List<ConsumerRecord<String, String>> awaitRecords(
            String topic, Predicate<ConsumerRecord<String, String>> wanted, int count, Duration timeout) {
        return awaitRecords(TestServers.get().kafka().bootstrapServers(), topic, wanted, count, timeout);
    }
}
