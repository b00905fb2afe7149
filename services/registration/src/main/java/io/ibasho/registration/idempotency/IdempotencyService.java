package io.ibasho.registration.idempotency;

import io.ibasho.plumbing.refusal.Refusal;
import io.ibasho.registration.config.RegistrationConfig;
import io.ibasho.registration.repository.IdempotencyLocks;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.function.Supplier;

/**
 * Idempotency-Key semantics of the IETF draft, in ONE transaction with the change itself:
 * <ol>
 * <li>a transaction-scoped advisory lock on (person, key): a second request with the key while the first still runs
 * cannot take it and gets 409 at once, instead of waiting or doing the work twice;</li>
 * <li>a stored answer with the same fingerprint is replayed (status and body); another fingerprint is 422;</li>
 * <li>otherwise the work runs and its answer is stored in the same transaction, so "booked" and "answer stored"
 * commit or roll back together. A failed request stores nothing: a retry with the same key runs again.</li>
 * </ol>
 */
@ApplicationScoped
public class IdempotencyService {
    private final RegistrationConfig config;
    private final Clock clock;

    public IdempotencyService(RegistrationConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<StoredAnswer> once(String attendeeId, String key, String fingerprint, Supplier<Uni<StoredAnswer>> work) {
        if (key == null) {
            return work.get();
        }
        return IdempotencyLocks.tryTake(attendeeId, key).flatMap(locked -> {
            if (!locked) {
                return Uni.createFrom()
                        .failure(Refusal.conflict(
                                "idempotency-key-in-use",
                                "A request with this Idempotency-Key is still being processed; retry in a moment."));
            }
            return IdempotencyRecord.<IdempotencyRecord>find("attendeeId = ?1 and idempotencyKey = ?2", attendeeId, key)
                    .firstResult()
                    .flatMap(stored -> {
                        OffsetDateTime now = OffsetDateTime.now(clock);
                        if (stored != null
                                && stored.createdAt.isAfter(
                                        now.minus(config.idempotency().retention()))) {
                            if (!stored.fingerprint.equals(fingerprint)) {
                                return Uni.createFrom()
                                        .failure(
                                                Refusal.invalid(
                                                        "idempotency-key-reused",
                                                        "This Idempotency-Key was already used for a different request; use a new key."));
                            }
                            return Uni.createFrom()
                                    .item(new StoredAnswer(stored.statusCode, stored.body, stored.location, true));
                        }
                        // an expired record is overwritten, as if the key were new
                        return work.get().call(answer -> store(stored, attendeeId, key, fingerprint, answer, now));
                    });
        });
    }

    private static Uni<?> store(
            IdempotencyRecord expired,
            String attendeeId,
            String key,
            String fingerprint,
            StoredAnswer answer,
            OffsetDateTime now) {
        IdempotencyRecord record = expired != null ? expired : new IdempotencyRecord();
        record.attendeeId = attendeeId;
        record.idempotencyKey = key;
        record.fingerprint = fingerprint;
        record.statusCode = answer.status();
        record.body = answer.body();
        record.location = answer.location();
        record.createdAt = now;
        return expired != null ? Uni.createFrom().voidItem() : record.persist();
    }

    @Scheduled(every = "1h", delayed = "1m")
    @WithTransaction
    public Uni<Void> deleteExpired() {
        return IdempotencyRecord.delete(
                        "createdAt < ?1",
                        OffsetDateTime.now(clock).minus(config.idempotency().retention()))
                .replaceWithVoid();
    }
}
