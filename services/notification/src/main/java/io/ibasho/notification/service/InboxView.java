package io.ibasho.notification.service;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One inbox message; {@code courseId} is set (and {@code sessionId} absent) on a course's message. */
public record InboxView(
        UUID id, String kind, UUID sessionId, String text, OffsetDateTime createdAt, boolean read, UUID courseId) {}
