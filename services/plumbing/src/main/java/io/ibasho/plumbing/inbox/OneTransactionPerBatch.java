package io.ibasho.plumbing.inbox;

import io.ibasho.plumbing.time.CommitWakeUp;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * A Kafka consumer's batch (one poll of its partitions, {@code batch=true}) handled in <em>one</em> transaction
 * instead of one per record (ADR 0084): one pool connection, one BEGIN and one COMMIT for the batch.
 *
 * <p>What a record-at-a-time consumer promised still holds. Exactly once: each record's work records its event id in
 * the same transaction as its effects, so a redelivered batch changes nothing. Order: records of a partition are
 * handled one after another in offset order, and a record sees what the records before it wrote (the ORM session is
 * flushed and cleared after each). A record that cannot be read goes to the dead-letter topic alone (nacked by itself, through the
 * channel's failure strategy). When the batch's transaction fails, nothing of it was written, and the records are
 * handled again one at a time, each in a transaction of its own with {@link TransientFailures#inTransactionWithRetry}:
 * a transient failure is retried, and a record that still fails is dead-lettered alone, as before this class.
 *
 * <p>What the batch's transactions signal ({@link CommitWakeUp#signal}) wakes this application's polls once the batch has
 * ended, with no NOTIFY per commit (ADR 0090).
 *
 * <p>The batch is acknowledged when every record was handled or dead-lettered (the Kafka connector commits the latest
 * offset of each partition of the batch). Methods using this take {@link KafkaRecordBatch} and acknowledge manually.
 */
public final class OneTransactionPerBatch {
    private static final Logger LOG = Logger.getLogger(OneTransactionPerBatch.class);

    private OneTransactionPerBatch() {}

    /**
     * @param read      reads a message; an exception marks it unreadable (dead-lettered alone, never retried)
     * @param needsWork false for a record this consumer only acknowledges (no transaction is opened for it)
     * @param work      a record's work, run in the caller's transaction: it must record the event id itself
     */
    public static <E> Uni<Void> handle(
            KafkaRecordBatch<?, String> batch,
            Function<String, E> read,
            Predicate<E> needsWork,
            Function<E, Uni<Void>> work) {
        // the senders and relays the batch gives work are woken once it has ended, without a NOTIFY per commit
        return CommitWakeUp.collecting(() -> handleCollecting(batch, read, needsWork, work));
    }

    private static <E> Uni<Void> handleCollecting(
            KafkaRecordBatch<?, String> batch,
            Function<String, E> read,
            Predicate<E> needsWork,
            Function<E, Uni<Void>> work) {
        List<Read<E>> records = new ArrayList<>(batch.getRecords().size());
        for (KafkaRecord<?, String> record : batch.getRecords()) {
            records.add(Read.of(record, read));
        }
        List<E> toWork = records.stream()
                .filter(r -> r.failure() == null && needsWork.test(r.event()))
                .map(Read::event)
                .toList();
        Uni<Boolean> together = toWork.isEmpty()
                ? Uni.createFrom().item(true)
                : Panache.withTransaction(() -> inOrder(
                                toWork, event -> work.apply(event).call(OneTransactionPerBatch::flushAndForget)))
                        .replaceWith(true)
                        .onFailure()
                        .recoverWithItem(failure -> {
                            LOG.infof(
                                    "a batch of %d records failed (%s): handled again one record at a time",
                                    toWork.size(), failure.getClass().getSimpleName());
                            return false;
                        });
        return together.chain(handled -> inOrder(records, r -> {
                    if (r.failure() != null) {
                        return deadLetter(r.record(), r.failure());
                    }
                    if (handled || !needsWork.test(r.event())) {
                        return Uni.createFrom().voidItem();
                    }
                    return TransientFailures.inTransactionWithRetry(() -> work.apply(r.event()))
                            .onFailure()
                            .recoverWithUni(failure -> deadLetter(r.record(), failure));
                }))
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    /**
     * What a record wrote through the ORM reaches the database before the next record's statements (some run past the
     * ORM, which would not flush it), and no entity it loaded is handed to the next one: each record sees the
     * database, as in a transaction of its own.
     */
    private static Uni<Void> flushAndForget() {
        return Panache.getSession().chain(session -> session.flush().invoke(session::clear));
    }

    /** One after another, never side by side, and without a deep stack for a long batch. */
    private static <T> Uni<Void> inOrder(List<T> items, Function<T, Uni<Void>> each) {
        return Multi.createFrom()
                .iterable(items)
                .onItem()
                .<Void>transformToUniAndConcatenate(each::apply)
                .onItem()
                .ignoreAsUni();
    }

    /** Through the channel's failure strategy (its dead-letter topic), which acknowledges the record once sent. */
    private static Uni<Void> deadLetter(KafkaRecord<?, String> record, Throwable failure) {
        return Uni.createFrom().completionStage(() -> record.nack(failure));
    }

    private record Read<E>(KafkaRecord<?, String> record, E event, RuntimeException failure) {
        static <E> Read<E> of(KafkaRecord<?, String> record, Function<String, E> read) {
            try {
                return new Read<>(record, read.apply(record.getPayload()), null);
            } catch (RuntimeException e) {
                return new Read<>(record, null, e);
            }
        }
    }
}
