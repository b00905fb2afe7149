package io.ibasho.notification.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.notification.EmailDelivery;
import io.ibasho.notification.support.Db;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.OnVertx;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The e-mail sender claims its rows past the ORM and writes each attempt back itself (ADR 0070): the claimed row must be
 * the row as the ORM loads it, field for field, with every column of the table, and what the attempt writes must be
 * what the ORM then loads.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class EmailDeliveryRowTest {
    /** Far ahead, so that the running sender never finds the row due; the claim is asked as of a later time. */
    private static final OffsetDateTime LATER = OffsetDateTime.of(2100, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    @Inject
    Vertx vertx;

    @Test
    void theClaimReadsEveryColumnOfEmailDelivery() {
        assertThat(DueDeliveries.EMAIL_COLUMNS)
                .containsExactlyInAnyOrderElementsOf(Db.strings(
                        "select column_name from information_schema.columns where table_name = 'email_delivery'"));
    }

    @Test
    void aClaimedEmailIsTheRowAsTheOrmLoadsItAndItsAttemptIsWritten() throws Exception {
        UUID delivery = queued(
                2,
                "'2099-12-24 10:00:00.123456+09'",
                "'2099-12-20 09:00:00+00'",
                "'SmtpException'",
                "'2099-12-19 08:00:00.5+00'");

        EmailDelivery claimed = claimed(delivery);
        assertThat(claimed).isNotNull();
        assertThat(claimed.attempts).isEqualTo(2);
        assertThat(claimed.lastError).isEqualTo("SmtpException");
        assertSameFields(claimed, ormLoad(delivery));

        claimed.status = EmailDelivery.SENT;
        claimed.attempts = 3;
        claimed.nextAttemptAt = LATER.plusDays(1);
        claimed.lastError = null;
        claimed.sentAt = OffsetDateTime.of(2099, 12, 25, 1, 2, 3, 456_000, ZoneOffset.UTC);
        onVertx(() -> Panache.withTransaction(() -> DueDeliveries.recordEmailAttempts(List.of(claimed))));
        assertSameFields(claimed, ormLoad(delivery));
    }

    @Test
    void aBatchsAttemptsAreWrittenEachRowItsOwnAndNoOtherRowTouched() throws Exception {
        UUID sent = queued(0, "null");
        UUID retried = queued(1, "'2099-12-20 09:00:00+00'");
        UUID untouched = queued(0, "null");
        EmailDelivery untouchedBefore = ormLoad(untouched);

        EmailDelivery first = claimed(sent);
        EmailDelivery second = claimed(retried);
        first.status = EmailDelivery.SENT;
        first.attempts = 1;
        first.firstAttemptAt = OffsetDateTime.of(2099, 12, 25, 1, 0, 0, 0, ZoneOffset.UTC);
        first.sentAt = OffsetDateTime.of(2099, 12, 25, 1, 0, 0, 250_000_000, ZoneOffset.UTC);
        second.attempts = 2;
        second.lastError = "SMTPException";
        second.nextAttemptAt = LATER.plusMinutes(5);
        onVertx(() -> Panache.withTransaction(() -> DueDeliveries.recordEmailAttempts(List.of(first, second))));

        assertSameFields(first, ormLoad(sent));
        assertSameFields(second, ormLoad(retried));
        assertThat(ormLoad(retried).sentAt).isNull();
        assertThat(ormLoad(sent).lastError).isNull();
        assertSameFields(untouchedBefore, ormLoad(untouched));
    }

    /** A queued e-mail of its own message, due before {@link #LATER}. */
    private static UUID queued(int attempts, String firstAttemptSql) {
        return queued(attempts, "'2099-12-24 10:00:00+09'", firstAttemptSql, "null", "'2099-12-19 08:00:00+00'");
    }

    /** A queued e-mail of its own message; the columns given as SQL literals. */
    private static UUID queued(
            int attempts, String nextAttemptSql, String firstAttemptSql, String lastErrorSql, String createdSql) {
        UUID message = UUID.randomUUID();
        UUID delivery = UUID.randomUUID();
        Db.update(
                "insert into inbox_message (id, recipient_id, kind, source_event_id, channel, created_at)"
                        + " values (?, 'row-test', 'REMINDER', ?, 'in-app', now())",
                message,
                "row-test-" + delivery);
        Db.update(
                "insert into email_delivery (id, inbox_message_id, recipient_id, source_event_id, channel, status,"
                        + " attempts, next_attempt_at, first_attempt_at, last_error, sent_at, created_at)"
                        + " values (?, ?, 'row-test', ?, 'email', 'PENDING', ?, "
                        + String.join(", ", nextAttemptSql, firstAttemptSql, lastErrorSql, "null", createdSql) + ")",
                delivery,
                message,
                "row-test-" + delivery,
                attempts);
        return delivery;
    }

    private EmailDelivery claimed(UUID id) {
        List<EmailDelivery> due =
                onVertx(() -> Panache.withTransaction(() -> DueDeliveries.claimEmails(10_000, LATER)));
        return due.stream().filter(d -> d.id.equals(id)).findFirst().orElse(null);
    }

    private EmailDelivery ormLoad(UUID id) {
        return onVertx(() -> Panache.withSession(() -> EmailDelivery.<EmailDelivery>findById(id)));
    }

    private static void assertSameFields(EmailDelivery read, EmailDelivery loaded) throws IllegalAccessException {
        assertThat(loaded).isNotNull();
        List<String> compared = new ArrayList<>();
        // declared fields of the entity and its mapped superclass: the build's enhancement adds its own
        for (Class<?> type = EmailDelivery.class;
                type != Object.class && !type.getName().startsWith("io.quarkus");
                type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getName().startsWith("$$_hibernate")) {
                    continue;
                }
                field.setAccessible(true);
                // timestamps included: the same instant with the same offset as the ORM hands over
                assertThat(field.get(read)).as(field.getName()).isEqualTo(field.get(loaded));
                compared.add(field.getName());
            }
        }
        assertThat(compared).hasSize(DueDeliveries.EMAIL_COLUMNS.size());
    }

    private <T> T onVertx(Supplier<Uni<T>> work) {
        return OnVertx.await(vertx, work);
    }
}
