package io.ibasho.notification.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the notification service can be tuned with, under {@code ibasho.notification.*}. */
@ConfigMapping(prefix = "ibasho.notification")
public interface NotificationConfig {

    /** Her inbox in the app: the only link an e-mail carries unless she opted into detail. */
    URI inboxUrl();

    /** Where partners fetch a session's public details, e.g. {@code https://ibasho.example/api/events/sessions}. */
    String sessionDetailsBaseUrl();

    /** The address mails are sent from; the display name is always the neutral "Ibasho". */
    String senderAddress();

    Delivery delivery();

    EmailVerification emailVerification();

    Reminders reminders();

    Webhooks webhooks();

    interface Delivery {
        /** Waits between attempts (see RetrySchedule for the standard table); short in %test. */
        @WithDefault("5s,5m,30m,2h,5h,10h,10h,14h,14h,14h")
        List<Duration> retryDelays();

        @WithDefault("P3D")
        Duration maxAge();

        @WithDefault("20")
        int batchSize();

        /** How often the senders look for due e-mails and webhooks (read by their @Scheduled). */
        @WithDefault("5s")
        String pollInterval();
    }

    interface EmailVerification {
        @WithDefault("15m")
        Duration codeValidity();

        /** Wrong codes allowed for one pending address before she must ask for a new code. */
        @WithDefault("5")
        int maxAttempts();
    }

    interface Reminders {
        /** How long before the start the day-before reminder goes out. */
        @WithDefault("24h")
        Duration lead();

        /** How often the reminder job looks for sessions entering the lead time (read by its @Scheduled). */
        @WithDefault("5m")
        String pollInterval();
    }

    interface Webhooks {
        /** Only for dev and test: lets endpoints on loopback or private addresses, and plain http, be registered. */
        @WithDefault("false")
        boolean allowPrivate();

        /** How long the old secret keeps signing next to the new one after a rotation. */
        @WithDefault("24h")
        Duration rotationOverlap();

        @WithDefault("10s")
        Duration requestTimeout();
    }
}
