package io.ibasho.event.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.testsupport.IbashoServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Kafka client settings every service shares come from the plumbing jar (META-INF/microprofile-config.properties),
 * not from each service's own file: this is the map SmallRye hands to every channel's consumer and producer.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class KafkaClientDefaultsTest {
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaClients;

    @Test
    void everyKafkaClientRetriesABrokerEverySecondAndWaitsTwoSecondsOnAnEmptyFetch() {
        assertThat(String.valueOf(kafkaClients.get("reconnect.backoff.max.ms"))).isEqualTo("1000");
        assertThat(String.valueOf(kafkaClients.get("fetch.max.wait.ms"))).isEqualTo("2000");
    }
}
