package io.ibasho.registration.mapping;

import io.ibasho.registration.Registration;

/** Payloads carry ids and states: never the nickname. */
public final class RegistrationEvents {
    private RegistrationEvents() {
    }

    public record RegistrationState(String registrationId, String sessionId, String attendeeId, String status) {
    }

    public static RegistrationState confirmed(Registration registration) {
        return new RegistrationState(registration.id.toString(), registration.sessionId.toString(), registration.attendeeId,
                registration.status.name());
    }
}
