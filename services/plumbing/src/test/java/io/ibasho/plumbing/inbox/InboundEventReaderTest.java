package io.ibasho.plumbing.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InboundEventReaderTest {
    private final InboundEventReader reader = new InboundEventReader(new ObjectMapper());

    @Test
    void readsTheEnvelopeAndLeavesDataToTheConsumer() {
        UUID session = UUID.randomUUID();
        InboundEvent event = reader.parse("""
                {"specversion":"1.0","id":"e-1","type":"EventPublished","time":"2026-05-01T10:00:00+09:00",
                 "data":{"sessionId":"%s","capacity":10}}""".formatted(session));

        assertThat(event.id()).isEqualTo("e-1");
        assertThat(event.is("EventPublished")).isTrue();
        assertThat(event.timeOrNull()).isEqualTo(Instant.parse("2026-05-01T01:00:00Z"));
        assertThat(event.uuid("sessionId")).isEqualTo(session);
        assertThat(event.data().path("capacity").asInt()).isEqualTo(10);
    }

    @Test
    void refusesWhatIsNoCloudEventWithoutRepeatingIt() {
        assertThatThrownBy(() -> reader.parse("not json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a CloudEvent JSON message");
        assertThatThrownBy(() -> reader.parse("[1]")).hasMessage("not a CloudEvent JSON message");
        assertThatThrownBy(() -> reader.parse("{\"type\":\"X\"}")).hasMessage("CloudEvent without id");
        assertThatThrownBy(() -> reader.parse("{\"id\":\"e-2\"}")).hasMessage("CloudEvent without type");
    }

    @Test
    void namesABadFieldButNotItsValue() {
        InboundEvent event = reader.parse(
                "{\"id\":\"e-3\",\"type\":\"X\",\"time\":\"yesterday\",\"data\":{\"attendeeId\":\"secret\"}}");

        assertThatThrownBy(() -> event.uuid("attendeeId")).hasMessage("attendeeId is not a UUID");
        assertThatThrownBy(event::timeOrNull).hasMessage("time is not an RFC 3339 timestamp");
        assertThat(reader.parse("{\"id\":\"e-4\",\"type\":\"X\"}").timeOrNull()).isNull();
    }

    @Test
    void aFailedReadIsAFailedUniSoTheMessageGoesToTheDeadLetterTopic() {
        assertThatThrownBy(() -> reader.read("{}").await().indefinitely()).hasMessage("CloudEvent without id");
    }
}
