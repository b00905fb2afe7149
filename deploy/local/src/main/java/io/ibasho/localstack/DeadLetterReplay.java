package io.ibasho.localstack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./ibasho replay-dead-letters <topic>.<consumer>.dlq}: sends every dead letter not replayed yet back to its
 * topic, with its key (the session id, so it lands on its session's partition again) and its CloudEvent unchanged. It
 * is safe to run again and again: the replay's own consumer group remembers how far it got, and the consuming service
 * handles each CloudEvent id once (processed_message), so a letter handled meanwhile changes nothing. Fix the cause
 * first (a poison message fails again and returns to the DLQ).
 */
final class DeadLetterReplay {
    private DeadLetterReplay() {}

    static int replay(String bootstrapServers, String deadLetterTopic, PrintStream out) {
        if (!deadLetterTopic.endsWith(".dlq") || deadLetterTopic.split("\\.").length < 3) {
            throw new StackException(
                    "a dead-letter topic is <topic>.<consumer>.dlq, e.g. event-lifecycle.registration.dlq");
        }
        String topic = deadLetterTopic.substring(0, deadLetterTopic.indexOf('.'));
        Properties consumerProperties = new Properties();
        consumerProperties.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "ibasho-dead-letter-replay",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName()));
        Properties producerProperties = new Properties();
        producerProperties.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName()));
        int replayed = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties);
                KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties)) {
            consumer.subscribe(List.of(deadLetterTopic));
            int emptyPolls = 0;
            while (emptyPolls < 3) {
                var records = consumer.poll(Duration.ofSeconds(2));
                if (records.isEmpty()) {
                    emptyPolls++;
                    continue;
                }
                emptyPolls = 0;
                for (ConsumerRecord<String, String> letter : records) {
                    // never the message in the output: only where it goes
                    producer.send(new ProducerRecord<>(topic, letter.key(), letter.value()))
                            .get();
                    replayed++;
                }
                // committed only after every letter of the batch is on its topic: a crash replays, never loses
                consumer.commitSync();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while replaying " + deadLetterTopic);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new StackException("could not send a dead letter back to " + topic + ": " + e.getCause());
        }
        out.println("replayed " + replayed + " dead letter(s) from " + deadLetterTopic + " to " + topic);
        return replayed;
    }
}
