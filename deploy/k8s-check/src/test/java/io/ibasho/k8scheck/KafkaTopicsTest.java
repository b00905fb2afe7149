package io.ibasho.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Strimzi topics and users follow the services' own messaging configuration: every topic a service reads, writes
 * or dead-letters to is declared (auto-creation is off), and each service's KafkaUser may do exactly what it needs.
 */
class KafkaTopicsTest {
    static final List<String> SERVICES = HouseRulesTest.SERVICES;
    static final Pattern CHANNEL = Pattern.compile(
            "mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(topic|group\\.id|dead-letter-queue\\.topic)");

    record Messaging(Set<String> reads, Set<String> writes, Set<String> groups) {}

    static Messaging messagingOf(String service) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(
                Project.root().resolve("services/" + service + "/src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        Messaging messaging = new Messaging(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
        for (String key : properties.stringPropertyNames()) {
            Matcher m = CHANNEL.matcher(key);
            if (!m.matches()) {
                continue;
            }
            String value = properties.getProperty(key).trim();
            switch (m.group(3)) {
                case "topic" -> (m.group(1).equals("incoming") ? messaging.reads() : messaging.writes()).add(value);
                case "group.id" -> messaging.groups().add(value);
                default -> messaging.writes().add(value);
            }
        }
        return messaging;
    }

    @Test
    void everyTopicTheServicesUseIsDeclaredWithPartitionsAndRetention() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String service : SERVICES) {
            Messaging messaging = messagingOf(service);
            used.addAll(messaging.reads());
            used.addAll(messaging.writes());
        }
        Manifests prod = Manifests.overlay("prod");
        Set<String> declared = new TreeSet<>();
        prod.ofKind("KafkaTopic").forEach(topic -> {
            declared.add(topic.path("spec").path("topicName").asText(Manifests.name(topic)));
            JsonNode spec = topic.path("spec");
            assertThat(spec.path("partitions").asInt()).as(Manifests.id(topic)).isPositive();
            assertThat(spec.path("replicas").asInt()).as(Manifests.id(topic)).isEqualTo(3);
            assertThat(spec.path("config").path("retention.ms").asLong())
                    .as(Manifests.id(topic) + " retention")
                    .isBetween(86_400_000L, 30 * 86_400_000L);
        });
        assertThat(declared).isEqualTo(used);
        assertThat(prod.named("Kafka", "ibasho-kafka")
                        .path("spec")
                        .path("kafka")
                        .path("config")
                        .path("auto.create.topics.enable")
                        .asBoolean(true))
                .as("auto.create.topics.enable")
                .isFalse();
        // Keyed by session id: the lifecycle topics have room for several consumers per group.
        for (String lifecycle : List.of("event-lifecycle", "registration-lifecycle", "childcare-lifecycle")) {
            assertThat(prod.named("KafkaTopic", lifecycle)
                            .path("spec")
                            .path("partitions")
                            .asInt())
                    .isGreaterThanOrEqualTo(6);
        }
    }

    @Test
    void eachServicesKafkaUserMayDoExactlyWhatItsConfigurationNeeds() throws IOException {
        Manifests prod = Manifests.overlay("prod");
        for (String service : SERVICES) {
            Messaging messaging = messagingOf(service);
            Set<String> read = new HashSet<>();
            Set<String> write = new HashSet<>();
            Set<String> groups = new HashSet<>();
            for (JsonNode acl : prod.named("KafkaUser", service)
                    .path("spec")
                    .path("authorization")
                    .path("acls")) {
                String type = acl.path("resource").path("type").asText();
                String name = acl.path("resource").path("name").asText();
                assertThat(acl.path("resource").path("patternType").asText()).isEqualTo("literal");
                for (JsonNode operation : acl.path("operations")) {
                    switch (type + ":" + operation.asText()) {
                        case "topic:Read" -> read.add(name);
                        case "topic:Write" -> write.add(name);
                        case "group:Read" -> groups.add(name);
                        case "topic:Describe" -> {}
                        default -> throw new AssertionError(service + ": unexpected ACL " + acl);
                    }
                }
            }
            assertThat(read).as(service + " reads").isEqualTo(messaging.reads());
            assertThat(write).as(service + " writes").isEqualTo(messaging.writes());
            assertThat(groups).as(service + " groups").isEqualTo(messaging.groups());
            // The Deployment's JAAS line comes from the Secret that Strimzi makes for this user.
            String jaasSecret = null;
            for (JsonNode env : prod.named("Deployment", service)
                    .path("spec")
                    .path("template")
                    .path("spec")
                    .path("containers")
                    .get(0)
                    .path("env")) {
                if (env.path("name").asText().equals("KAFKA_SASL_JAAS_CONFIG")) {
                    jaasSecret = env.path("valueFrom")
                            .path("secretKeyRef")
                            .path("name")
                            .asText();
                }
            }
            assertThat(jaasSecret).as(service + " JAAS secret").isEqualTo(service);
        }
    }
}
