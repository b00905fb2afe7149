package io.ibasho.notification.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.ibasho.plumbing.inbox.InboundEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** This service's copy of SubjectErased: only the fields it reads. Errors name the field, never its value. */
record ErasedSubject(String attendeeId, List<UUID> registrationIds) {
    static ErasedSubject of(InboundEvent event) {
        String attendeeId = event.data().path("attendeeId").asText("");
        if (attendeeId.isBlank()) {
            throw new IllegalArgumentException("attendeeId is missing");
        }
        List<UUID> ids = new ArrayList<>();
        for (JsonNode id : event.data().path("registrationIds")) {
            try {
                ids.add(UUID.fromString(id.asText()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("registrationIds holds a value that is not a UUID");
            }
        }
        return new ErasedSubject(attendeeId, ids);
    }
}
