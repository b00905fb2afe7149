package io.ibasho.registration.mapping;

import io.ibasho.registration.Registration;
import io.ibasho.registration.mapping.RegistrationEvents.RegistrationState;

/** Lottery payloads beyond RegistrationEvents': ids and states only, never the nickname or the booking code. */
public final class LotteryEvents {
    /** SeatOffered.reason for a lottery winner who must confirm by the deadline. */
    public static final String LOTTERY_WIN = "LOTTERY_WIN";

    private LotteryEvents() {}

    /** A winner who must confirm: SeatOffered with {@code reason = LOTTERY_WIN} and the deadline. */
    public static RegistrationState winOffered(Registration r) {
        return new RegistrationState(
                r.id.toString(),
                r.sessionId.toString(),
                r.attendeeId,
                r.status.name(),
                null,
                LOTTERY_WIN,
                r.offerExpiresAt,
                null,
                null,
                null);
    }
}
