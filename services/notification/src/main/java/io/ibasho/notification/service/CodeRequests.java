package io.ibasho.notification.service;

import io.ibasho.notification.config.NotificationConfig;
import io.ibasho.notification.repository.CodeRequestLog;
import io.ibasho.plumbing.refusal.Refusal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The rate limit on verification codes, per account: each code mails an address the requester typed, so without a
 * limit the service could be made to mail a stranger over and over. Counted in the caller's transaction.
 */
@ApplicationScoped
public class CodeRequests {
    private final NotificationConfig config;

    private final Clock clock;

    public CodeRequests(NotificationConfig config, Clock clock) {
        this.clock = clock;
        this.config = config;
    }

    /** Records one request, or fails with 429 and Retry-After if the account has used up its window. */
    public Uni<Void> admit(String requester) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Duration window = config.emailVerification().requestWindow();
        return CodeRequestLog.since(requester, now.minus(window)).flatMap(recent -> {
            if (recent.size() >= config.emailVerification().maxRequests()) {
                Duration wait = Duration.between(
                        now,
                        recent.get(recent.size() - config.emailVerification().maxRequests())
                                .plus(window));
                return Uni.createFrom()
                        .failure(tooMany(wait, "Too many codes asked for; please wait before asking again."));
            }
            return CodeRequestLog.record(requester, now);
        });
    }

    /** Fails with 429 while verifying is locked after too many wrong codes. */
    public Uni<Void> checkNotLocked(OffsetDateTime lockedUntil) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (lockedUntil != null && lockedUntil.isAfter(now)) {
            return Uni.createFrom()
                    .failure(tooMany(
                            Duration.between(now, lockedUntil),
                            "Too many wrong codes; please wait before trying again."));
        }
        return Uni.createFrom().voidItem();
    }

    public static Refusal tooMany(Duration wait, String detail) {
        return Refusal.tooManyRequests("too-many-attempts", detail, wait);
    }
}
