package io.ibasho.registration.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "ibasho.registration")
public interface RegistrationConfig {
    Idempotency idempotency();

    Waitlist waitlist();

    Cancellation cancellation();

    Lottery lottery();

    Retention retention();

    /**
     * How long personal rows outlive the session. Registrations hold a nickname, the account id and children's ages:
     * where a woman was, which is what an abuser wants to know, so they go soon after the session and only totals stay.
     */
    interface Retention {
        /** Long enough for follow-up (a lost item, a question about the day), short enough to hold little. */
        @WithDefault("P30D")
        Duration afterSession();

        /** The roster-read audit names staff accounts and reasons, not the women; kept a year for accountability. */
        @WithDefault("P365D")
        Duration rosterAudit();

        /** How often the deletion runs (read by the @Scheduled job); "off" disables it. */
        @WithDefault("1h")
        String purgeInterval();

        /** Sessions handled per run, so that one run stays a short transaction; the rest wait for the next run. */
        @WithDefault("50")
        int sessionsPerRun();
    }

    interface Lottery {
        /**
         * How often lotteries whose applications have closed are looked for and drawn (read by the @Scheduled job);
         * "off" disables the timer (tests run the job themselves).
         */
        @WithDefault("30s")
        String drawCheck();
    }

    interface Idempotency {
        /** How long a stored answer is replayed for a retried Idempotency-Key (the IETF draft suggests 24 h). */
        @WithDefault("PT24H")
        Duration retention();
    }

    interface Waitlist {
        /**
         * How long a freed seat is held for the next person on the waitlist. Close to the start it is shorter: at most
         * half the time left, so the seat can still pass on to somebody who can come.
         */
        @WithDefault("PT24H")
        Duration offerHold();

        /** How often lapsed offers are looked for; also the worst-case delay before the next person gets the seat. */
        @WithDefault("30s")
        Duration expiryCheck();
    }

    interface Cancellation {
        /** She can cancel her own booking until this long before the start; later, the organiser can. */
        @WithDefault("PT2H")
        Duration attendeeCutOff();
    }
}
