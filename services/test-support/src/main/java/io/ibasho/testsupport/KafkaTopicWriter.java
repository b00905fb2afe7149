package io.ibasho.testsupport;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes a record to the real test broker, as another service would, to drive a consumer under test. */
public final class KafkaTopicWriter {
    // One producer for the test JVM: a producer per record paid a metadata round trip and a close every time.
    private static KafkaProducer<String, String> producer;

    private KafkaTopicWriter() {}

    /** Sends and waits for the broker's acknowledgement, so records sent one after another keep their order. */
    public static void send(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties properties = new Properties();
            properties.put(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    TestServers.get().kafka().bootstrapServers());
            properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            KafkaProducer<String, String> created = new KafkaProducer<>(properties);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(() -> created.close(Duration.ofSeconds(5)), "test-kafka-writer-close"));
            producer = created;
        }
        return producer;
    }
}
