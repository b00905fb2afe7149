package io.ibasho.notification.delivery;

import java.time.Instant;

/** What to do after a failed delivery attempt. */
public sealed interface RetryDecision {

    record RetryAt(Instant at) implements RetryDecision {}

    /** No more attempts: park the delivery for a person to look at. */
    record DeadLetter(String reason) implements RetryDecision {}
}
