package io.ibasho.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class KafkaClusterIdTest {
    @Test
    void aClusterIdNeverStartsWithADashWhichTheStorageToolWouldReadAsAnOption() {
        // one draw in 64 starts with "-": 20,000 draws meet about 300 of them
        for (int i = 0; i < 20_000; i++) {
            String id = KafkaBroker.randomClusterId();
            assertFalse(id.startsWith("-"), id);
            assertEquals(22, id.length(), id); // 16 bytes, base64url without padding, as Kafka's own ids
        }
    }
}
