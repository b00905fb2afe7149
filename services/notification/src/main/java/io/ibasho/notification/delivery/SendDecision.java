package io.ibasho.notification.delivery;

import java.time.Instant;

/** Whether a message to her goes out now or waits for her quiet hours to end. */
public sealed interface SendDecision {
    SendDecision NOW = new SendNow();

    record SendNow() implements SendDecision {}

    record DeferUntil(Instant at) implements SendDecision {}
}
