package io.ibasho.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventTypesTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyTypeHasAVersionedSchemaThatNamesItself() throws Exception {
        Set<String> seen = new HashSet<>();
        for (String type : EventTypes.ALL) {
            assertTrue(seen.add(type), "duplicate type " + type);
            assertTrue(type.matches("io\\.ibasho\\.[a-z]+\\.[A-Za-z]+\\.v\\d+"), type);
            try (InputStream in = EventTypes.class.getResourceAsStream(EventTypes.schemaOf(type))) {
                assertNotNull(in, "no schema for " + type);
                JsonNode schema = json.readTree(in);
                assertEquals(EventTypes.schemaOf(type), schema.path("$id").asText());
                assertEquals("object", schema.path("type").asText());
                assertFalse(schema.path("required").isEmpty(), type + " requires nothing");
            }
        }
    }

    @Test
    void noSchemaHasAPropertyForPersonalData() throws Exception {
        for (String type : EventTypes.ALL) {
            try (InputStream in = EventTypes.class.getResourceAsStream(EventTypes.schemaOf(type))) {
                JsonNode properties = json.readTree(in).path("properties");
                properties
                        .fieldNames()
                        .forEachRemaining(name -> assertFalse(
                                Set.of("nickname", "email", "phone", "name", "address", "meetingLink", "notes")
                                        .contains(name),
                                type + " carries " + name));
            }
        }
    }

    @Test
    void deadLetterTopicsArePerConsumer() {
        assertEquals("event-lifecycle.registration.dlq", Topics.deadLetterOf(Topics.EVENT_LIFECYCLE, "registration"));
    }
}
