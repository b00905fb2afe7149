package io.ibasho.notification.service;

import java.time.OffsetDateTime;
import java.util.UUID;

public record InboxView(UUID id, String kind, UUID sessionId, String text, OffsetDateTime createdAt, boolean read) {}
