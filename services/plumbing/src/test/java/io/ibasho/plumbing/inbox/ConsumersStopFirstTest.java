package io.ibasho.plumbing.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.reactive.messaging.kafka.KafkaConnector;
import org.junit.jupiter.api.Test;

class ConsumersStopFirstTest {
    @Test
    void findsTheConnectorsOwnListOfConsumers() {
        // a connector version that keeps its consumers elsewhere would stop them one at a time after the database
        // closed (ADR 0063): this fails first, at the upgrade
        assertThat(ConsumersStopFirst.sourcesOf(new KafkaConnector()))
                .isNotNull()
                .isEmpty();
    }
}
