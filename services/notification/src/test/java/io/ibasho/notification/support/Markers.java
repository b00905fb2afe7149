package io.ibasho.notification.support;

import static org.awaitility.Awaitility.await;

import io.ibasho.notification.service.EmailSender;
import io.ibasho.notification.service.WebhookSender;
import io.quarkus.vertx.VertxContextSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Checks that something did not happen without waiting a fixed time for it. The test's producer sends in order, one
 * key always lands on one partition, and the service handles a partition's records one after another: once a marker
 * sent after the records, on the same topic and key, is in {@code processed_message}, every record before it was
 * handled. A sender's run is not waited for either: the test calls the job itself, as its scheduler would.
 */
public final class Markers {
    /** A type no consumer acts on: it is only recorded as processed. */
    public static final String TYPE = "io.ibasho.test.Marker.v1";

    private Markers() {}

    /** Sends a marker after everything sent so far on each topic and key, and waits until the service handled them. */
    public static void awaitHandled(Map<String, ? extends Iterable<UUID>> keysByTopic) {
        List<String> markers = new ArrayList<>();
        keysByTopic.forEach((topic, keys) -> {
            Set<UUID> distinct = new LinkedHashSet<>();
            keys.forEach(distinct::add);
            for (UUID key : distinct) {
                String id = "marker-" + UUID.randomUUID();
                // sessionId and sequence 0: the session consumer reads both before it looks at the type
                Events.send(
                        topic,
                        key,
                        Events.envelope(
                                id, "/ibasho/test", TYPE, key, "{\"sessionId\":\"" + key + "\",\"sequence\":0}"));
                markers.add(id);
            }
        });
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> markers.stream()
                        .allMatch(
                                id -> Db.count("select count(*) from processed_message where event_id = ?", id) == 1));
    }

    /**
     * Runs the e-mail sender now, twice: whatever was due is sent, and a second run finds nothing more to send. Then
     * waits for the sender's own pass, if it holds rows this one skipped (see {@link #runUntil}), to commit.
     */
    public static void runEmailSender(EmailSender sender) {
        run(sender::sendDue);
        run(sender::sendDue);
        awaitNoOtherHolds("email_delivery");
    }

    /** Runs the webhook sender now, twice, as {@link #runEmailSender} does. */
    public static void runWebhookSender(WebhookSender sender) {
        run(sender::sendDue);
        run(sender::sendDue);
        awaitNoOtherHolds("webhook_delivery");
    }

    /** Until no other transaction of this database holds a lock on the table (a sender's pass ends in milliseconds). */
    private static void awaitNoOtherHolds(String table) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> Db.count("""
                                select count(*) from pg_locks l join pg_class c on c.oid = l.relation
                                where c.relname = ? and l.pid <> pg_backend_pid()
                                  and l.database = (select oid from pg_database where datname = current_database())""", table) == 0);
    }

    /**
     * Runs a sender until what the test expects holds. The sender's own pass, woken by the same commit, may hold the
     * due rows ({@code for update skip locked}) when this one looks: this one then finds nothing, and the other
     * commits the same outcome a moment later.
     */
    public static void runUntil(
            Supplier<io.smallrye.mutiny.Uni<Void>> job, java.util.concurrent.Callable<Boolean> done) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    run(job);
                    return done.call();
                });
    }

    public static void run(Supplier<io.smallrye.mutiny.Uni<Void>> job) {
        try {
            VertxContextSupport.subscribeAndAwait(job);
        } catch (Throwable e) {
            throw new IllegalStateException("the job failed: " + e.getMessage(), e);
        }
    }
}
