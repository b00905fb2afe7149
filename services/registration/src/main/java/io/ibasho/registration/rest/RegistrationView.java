package io.ibasho.registration.rest;

import java.time.OffsetDateTime;
import java.util.UUID;

public record RegistrationView(UUID id, UUID sessionId, String nickname, String status, OffsetDateTime createdAt) {
}
