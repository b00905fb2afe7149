package io.ibasho.notification.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The signing secrets of one partner endpoint with their validity windows.
 *
 * <p>Rotation keeps the old secret valid for an overlap period next to the new one, and the signer signs with
 * every secret valid at that moment. A partner can therefore switch its verifier to the new secret whenever it
 * suits it during the overlap without a single delivery failing verification.
 */
public record EndpointSecrets(List<ValiditySpan> secrets) {

    /** One secret and when it may sign: from {@code validFrom} (inclusive) until {@code validUntil} (exclusive, null = no end yet). */
    public record ValiditySpan(WebhookSecret secret, Instant validFrom, Instant validUntil) {
        public ValiditySpan {
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(validFrom, "validFrom");
            if (validUntil != null && !validUntil.isAfter(validFrom)) {
                throw new IllegalArgumentException("validUntil must be after validFrom");
            }
        }

        public boolean isValidAt(Instant instant) {
            return !instant.isBefore(validFrom) && (validUntil == null || instant.isBefore(validUntil));
        }
    }

    public EndpointSecrets {
        secrets = List.copyOf(secrets);
    }

    public static EndpointSecrets initial(WebhookSecret secret, Instant now) {
        return new EndpointSecrets(List.of(new ValiditySpan(secret, now, null)));
    }

    /**
     * Adds {@code next} valid from {@code now}, ends every open-ended secret at {@code now + overlap}, and drops the
     * secrets that have already expired.
     */
    public EndpointSecrets rotate(WebhookSecret next, Instant now, Duration overlap) {
        if (overlap.isNegative() || overlap.isZero()) {
            throw new IllegalArgumentException(
                    "overlap must be positive, or partners would reject deliveries mid-rotation");
        }
        Instant retireAt = now.plus(overlap);
        List<ValiditySpan> rotated = new ArrayList<>();
        for (ValiditySpan span : secrets) {
            if (span.validUntil() != null && !span.validUntil().isAfter(now)) {
                continue;
            }
            boolean endsLater = span.validUntil() == null || span.validUntil().isAfter(retireAt);
            rotated.add(endsLater ? new ValiditySpan(span.secret(), span.validFrom(), retireAt) : span);
        }
        rotated.add(new ValiditySpan(next, now, null));
        return new EndpointSecrets(rotated);
    }

    public List<WebhookSecret> validAt(Instant instant) {
        return secrets.stream()
                .filter(span -> span.isValidAt(instant))
                .map(ValiditySpan::secret)
                .toList();
    }
}
