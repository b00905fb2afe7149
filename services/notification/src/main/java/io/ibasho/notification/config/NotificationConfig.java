package io.ibasho.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Everything the notification service can be tuned with, under {@code ibasho.notification.*}. */
@ConfigMapping(prefix = "ibasho.notification")
public interface NotificationConfig {

    /** Her inbox in the app: the only link an e-mail carries unless she opted into detail. */
    URI inboxUrl();

    /** Where partners fetch a session's public details, e.g. {@code https://ibasho.example/api/events/sessions}. */
    String sessionDetailsBaseUrl();

    /** The address mails are sent from; the display name is always the neutral "Ibasho". */
    String senderAddress();

    /**
     * The app's page of a session, e.g. {@code https://ibasho.example/sessions}; the page is this + "/" + session id.
     * The meeting-link notice points there: the link itself is shown only by the app, to her, after login.
     */
    String sessionPageBaseUrl();

    /** Her courses in the app, e.g. {@code https://ibasho.example/app/courses}: every course message links there. */
    String coursePageUrl();

    Delivery delivery();

    EmailVerification emailVerification();

    Reminders reminders();

    Webhooks webhooks();

    MeetingLink meetingLink();

    Digest digest();

    Retention retention();

    Line line();

    interface Delivery {
        /** Waits between attempts (see RetrySchedule for the standard table); short in %test. */
        @WithDefault("5s,5m,30m,2h,5h,10h,10h,14h,14h,14h")
        List<Duration> retryDelays();

        @WithDefault("P3D")
        Duration maxAge();

        @WithDefault("20")
        int batchSize();

        /**
         * How often the senders look for due e-mails, LINE pushes and webhooks besides being woken by the commit that
         * queued one: the safety net, and the lateness of a retry at most.
         */
        @WithDefault("2s")
        Duration pollInterval();
    }

    interface EmailVerification {
        @WithDefault("15m")
        Duration codeValidity();

        /** Wrong codes allowed for one pending address before it is voided and verifying is locked. */
        @WithDefault("5")
        int maxAttempts();

        /** After max-attempts wrong codes, no code can be requested or verified for this long. */
        @WithDefault("15m")
        Duration lockDuration();

        /** Codes one account may ask for within request-window (each mails a stranger's address otherwise). */
        @WithDefault("5")
        int maxRequests();

        @WithDefault("1h")
        Duration requestWindow();

        /**
         * How recent her sign-in (the token's {@code auth_time}) must be to send a code to a new address: a phone left
         * signed in must not be enough to move her messages to someone else's address (threat T6).
         */
        @WithDefault("10m")
        Duration maxSignInAge();
    }

    interface Reminders {
        /**
         * The hour of the day before the session at which its reminder goes out, the same for every session, so the
         * message's time says nothing about the start (threat T4). Her quiet hours move it later.
         */
        @WithDefault("10:00")
        java.time.LocalTime sendAt();

        /** The time zone of {@link #sendAt()} and of "the day before". */
        @WithDefault("Asia/Tokyo")
        java.time.ZoneId zone();

        /** How often the reminder job looks for sessions entering the lead time (read by its @Scheduled). */
        @WithDefault("5m")
        String pollInterval();
    }

    interface Webhooks {
        /** Only for dev and test: lets endpoints on loopback or private addresses, and plain http, be registered. */
        @WithDefault("false")
        boolean allowPrivate();

        /**
         * The key that seals the endpoints' signing secrets in the database (AES-256-GCM): 32 random bytes, base64
         * ({@code openssl rand -base64 32}). No default: production takes it from a Secret, never from the database or
         * this repository; dev and test have fixed throwaway keys, and the local stack generates one per installation.
         */
        String secretKey();

        /** How long the old secret keeps signing next to the new one after a rotation. */
        @WithDefault("24h")
        Duration rotationOverlap();

        /**
         * How long one attempt to one endpoint may take (connecting, and each wait for data); a partner that hangs
         * costs at most this, and only its own deliveries.
         */
        @WithDefault("10s")
        Duration requestTimeout();

        /**
         * How many endpoints a batch posts to side by side. Each endpoint gets one attempt at a time, in order; after
         * a failure its other deliveries of the batch wait for its next retry instead of each hanging in turn.
         */
        @WithDefault("8")
        int parallelEndpoints();
    }

    interface MeetingLink {
        /**
         * How long before the start of an online session her "your link is ready in the app" notice goes out. Keep it
         * equal to the event service's release time of the link, so the page shows it when she opens it.
         */
        @WithDefault("60m")
        Duration lead();
    }

    interface Digest {
        /** When the weekly partner digest goes out (Quartz-style cron, read by its @Scheduled). */
        @WithDefault("0 0 9-18 ? * MON,TUE")
        String cron();

        /** The digest's time zone: its week, its cron and the times it lists. */
        @WithDefault("Asia/Tokyo")
        String zone();

        /** How many weeks ahead the digest lists sessions. */
        @WithDefault("4")
        int weeksAhead();
    }

    interface Retention {
        /** When the deletion job runs (read by its @Scheduled). */
        @WithDefault("0 30 3 * * ?")
        String cron();

        @WithDefault("90d")
        Duration inbox();

        @WithDefault("30d")
        Duration emailDeliveries();

        @WithDefault("30d")
        Duration webhookDeliveries();

        /** Pending codes and the addresses they were sent to, counted from their expiry; also code-request counts. */
        @WithDefault("1d")
        Duration codes();

        /** Who-registered-for-what copies, counted from the session's end (or last change if the session is unknown). */
        @WithDefault("30d")
        Duration registrationCopies();

        /** Requests to talk (with her contact and note), counted from when they were closed. */
        @WithDefault("30d")
        Duration talkRequests();

        /** Requests to talk that nobody closed (still sent or acknowledged), counted from when she sent them. */
        @WithDefault("90d")
        Duration unclosedTalkRequests();

        /** Who of the staff read or changed which request to talk (names no woman); kept for accountability. */
        @WithDefault("365d")
        Duration talkRequestAudit();
    }

    /**
     * LINE as a safe channel (docs/notifications.md, docs/adr/0024). Off unless both the channel access token and the
     * channel secret are set: then the app does not offer LINE and nothing is pushed.
     */
    interface Line {
        /** The Messaging API's base; a local fake in tests. */
        @WithDefault("https://api.line.me")
        URI apiBaseUrl();

        /** The channel access token of the organisation's official account (Bearer on every push). */
        java.util.Optional<String> channelAccessToken();

        /** The channel secret: LINE signs its webhooks with it (X-Line-Signature). */
        java.util.Optional<String> channelSecret();

        /** The official account's add-friend link (e.g. https://line.me/R/ti/p/@...), shown in her linking steps. */
        java.util.Optional<String> friendUrl();

        /** How long her one-time link code can be sent. */
        @WithDefault("15m")
        Duration codeValidity();

        /** No answer from LINE within this is a failed attempt (retried with the same retry key). */
        @WithDefault("10s")
        Duration requestTimeout();
    }
}
