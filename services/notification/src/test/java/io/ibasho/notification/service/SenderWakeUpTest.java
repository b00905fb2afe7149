package io.ibasho.notification.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ibasho.notification.repository.DeliveryQueue;
import io.ibasho.notification.support.Db;
import io.ibasho.plumbing.time.CommitWakeUp;
import io.ibasho.plumbing.time.FrequentPolls;
import io.ibasho.testsupport.IbashoServers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The senders are woken by the commit that queued a delivery (CommitWakeUp, ADR 0032), not by their poll: here a poll
 * that would next run in an hour runs within seconds of such a commit, and not for a transaction rolled back.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class SenderWakeUpTest {
    private static final Duration AN_HOUR = Duration.ofHours(1);

    @Inject
    FrequentPolls polls;

    @Inject
    CommitWakeUp wakeUp;

    @Test
    void aCommitWakesThePollsOfItsChannelAndARollbackWakesNone() throws Throwable {
        String channel = "ibasho_test_" + UUID.randomUUID().toString().replace("-", "");
        awaitListening(channel);
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        wakeUp.listen(channel, polls.every("first", AN_HOUR, AN_HOUR, counting(first)));
        wakeUp.listen(channel, polls.every("second", AN_HOUR, AN_HOUR, counting(second)));

        assertThatThrownBy(() -> inTransaction(() -> CommitWakeUp.signal(channel)
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("rolled back")))))
                .hasMessageContaining("rolled back");
        inTransaction(() -> CommitWakeUp.signal(channel));

        // notifications arrive in commit order: had the rolled-back one been delivered, it would count first
        await().atMost(Duration.ofSeconds(10)).until(() -> first.get() >= 1 && second.get() >= 1);
        Thread.sleep(300); // nothing more on its way
        assertThat(first).hasValue(1);
        assertThat(second).hasValue(1);
    }

    @Test
    void queueingAnEmailWakesTheEmailSenderButAnInAppMessageAloneDoesNot() throws Throwable {
        awaitListening(DeliveryQueue.EMAIL_QUEUED);
        AtomicInteger emailWakeUps = new AtomicInteger();
        wakeUp.listen(
                DeliveryQueue.EMAIL_QUEUED, polls.every("e-mail watcher", AN_HOUR, AN_HOUR, counting(emailWakeUps)));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

        // she confirmed an e-mail address; the other recipient has no preference at all (in-app only)
        Db.update(
                "insert into recipient_preference (recipient_id, language, email_enabled, full_detail, email_address,"
                        + " email_verified_at, updated_at) values (?, 'ja', true, false, ?, now(), now())"
                        + " on conflict (recipient_id) do nothing",
                "wake-up-test",
                "wake-up-test@example.jp");
        UUID inAppOnly = UUID.randomUUID();
        inTransaction(() -> DeliveryQueue.fileAndQueue(row(inAppOnly, "wake-up-in-app"), true, false, now)
                .replaceWithVoid());
        UUID withEmail = UUID.randomUUID();
        inTransaction(() -> DeliveryQueue.fileAndQueue(row(withEmail, "wake-up-test"), true, false, now)
                .replaceWithVoid());

        await().atMost(Duration.ofSeconds(10)).until(() -> emailWakeUps.get() >= 1);
        Thread.sleep(300);
        assertThat(emailWakeUps).hasValue(1);
        assertThat(Db.count("select count(*) from email_delivery where inbox_message_id = ?", inAppOnly))
                .isZero();
        assertThat(Db.count("select count(*) from email_delivery where inbox_message_id = ?", withEmail))
                .isEqualTo(1);
    }

    /**
     * Inside {@link CommitWakeUp#collecting} (a consumer's batch, a booking: ADR 0090) a signal sends no NOTIFY, which
     * would serialise the commit with every other notifying commit of the cluster: the channels wake this
     * application's polls once, when the work has ended, and nobody else (here a second listening connection, as
     * another replica's, hears nothing). A queued e-mail wakes the e-mail sender; an in-app message alone does not.
     */
    @Test
    void collectedSignalsWakeThisApplicationOnceWhenTheWorkEndsWithoutANotify() throws Throwable {
        String channel = "ibasho_test_" + UUID.randomUUID().toString().replace("-", "");
        AtomicInteger woken = new AtomicInteger();
        AtomicInteger emailWakeUps = new AtomicInteger();
        wakeUp.listen(channel, polls.every("collected", AN_HOUR, AN_HOUR, counting(woken)));
        wakeUp.listen(
                DeliveryQueue.EMAIL_QUEUED, polls.every("e-mail watcher", AN_HOUR, AN_HOUR, counting(emailWakeUps)));
        Db.update(
                "insert into recipient_preference (recipient_id, language, email_enabled, full_detail, email_address,"
                        + " email_verified_at, updated_at) values (?, 'ja', true, false, ?, now(), now())"
                        + " on conflict (recipient_id) do nothing",
                "collected-test",
                "collected-test@example.jp");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID inAppOnly = UUID.randomUUID();
        UUID withEmail = UUID.randomUUID();
        try (Connection otherReplica = Db.connect()) {
            try (Statement listen = otherReplica.createStatement()) {
                listen.execute("listen " + channel);
                listen.execute("listen " + DeliveryQueue.EMAIL_QUEUED);
            }
            AtomicInteger wokenDuringTheWork = new AtomicInteger(-1);
            VertxContextSupport.subscribeAndAwait(() ->
                    CommitWakeUp.collecting(() -> Panache.withTransaction(() -> CommitWakeUp.signal(channel)
                                    .chain(() -> CommitWakeUp.signal(channel))
                                    .chain(() -> DeliveryQueue.fileAndQueue(
                                            row(inAppOnly, "collected-in-app"), true, false, now))
                                    .invoke(() -> wokenDuringTheWork.set(woken.get() + emailWakeUps.get())))
                            .chain(() -> Panache.withTransaction(() ->
                                    DeliveryQueue.fileAndQueue(row(withEmail, "collected-test"), true, false, now)))));

            assertThat(wokenDuringTheWork)
                    .as("nothing woken before the work ended")
                    .hasValue(0);
            await().atMost(Duration.ofSeconds(10)).until(() -> woken.get() >= 1 && emailWakeUps.get() >= 1);
            Thread.sleep(300); // nothing more on its way
            assertThat(woken).hasValue(1);
            assertThat(emailWakeUps).hasValue(1);
            assertThat(heardBy(otherReplica))
                    .as("NOTIFYs of the collected work")
                    .isZero();
            // the same signal outside collecting is a NOTIFY, which the other connection hears
            inTransaction(() -> CommitWakeUp.signal(channel));
            await().atMost(Duration.ofSeconds(10)).until(() -> heardBy(otherReplica) == 1);
        }
        assertThat(Db.count("select count(*) from email_delivery where inbox_message_id = ?", withEmail))
                .isEqualTo(1);
        assertThat(Db.count("select count(*) from email_delivery where inbox_message_id = ?", inAppOnly))
                .isZero();
    }

    /** The NOTIFYs a listening JDBC connection received since it was last asked. */
    private static int heardBy(Connection listening) throws SQLException {
        try (Statement poll = listening.createStatement()) {
            poll.execute("select 1"); // reads what was sent to this connection meanwhile
        }
        PGNotification[] heard = listening.unwrap(PGConnection.class).getNotifications(500);
        return heard == null ? 0 : heard.length;
    }

    private static DeliveryQueue.InboxRow row(UUID id, String recipient) {
        return new DeliveryQueue.InboxRow(
                id,
                recipient,
                "BOOKING_CONFIRMED",
                null,
                null,
                "wake-up:" + id,
                "in-app",
                null,
                null,
                null,
                null,
                null);
    }

    private static Supplier<Uni<Void>> counting(AtomicInteger runs) {
        return () -> {
            runs.incrementAndGet();
            return Uni.createFrom().voidItem();
        };
    }

    // LISTEN is sent on the subscriber's own connection once it is up: wait until a signal gets through, then let the
    // probes still on their way arrive before the polls under test join the channel
    private void awaitListening(String channel) throws Throwable {
        AtomicInteger probe = new AtomicInteger();
        wakeUp.listen(channel, polls.every("probe", AN_HOUR, AN_HOUR, counting(probe)));
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    inTransaction(() -> CommitWakeUp.signal(channel));
                    return probe.get() > 0;
                });
        Thread.sleep(500);
    }

    private static void inTransaction(Supplier<Uni<Void>> work) throws Exception {
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
