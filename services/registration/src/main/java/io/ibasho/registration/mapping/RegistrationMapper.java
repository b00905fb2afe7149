package io.ibasho.registration.mapping;

import io.ibasho.registration.Registration;
import io.ibasho.registration.rest.RegistrationView;

public final class RegistrationMapper {
    private RegistrationMapper() {
    }

    public static RegistrationView toView(Registration registration) {
        return new RegistrationView(registration.id, registration.sessionId, registration.nickname,
                registration.status.name().toLowerCase(), registration.createdAt);
    }
}
