package io.ibasho.registration.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.Sessions;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicWriter;
import io.ibasho.testsupport.TestServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue #14, dead letters on the first failure: a transient database error (here PostgreSQL's serialisation abort,
 * raised twice by a trigger for one message) is retried with backoff, and the message is handled, not dead-lettered.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class TransientFailureTest {

    private static Connection db() throws Exception {
        return DriverManager.getConnection(TestServers.get().postgres().jdbcUrl("registration"), "postgres", "");
    }

    @Test
    void aMessageThatMeetsTwoTransientDatabaseErrorsIsHandledNotDeadLettered() throws Exception {
        UUID sessionId = UUID.randomUUID();
        String message = Sessions.event(
                EventTypes.EVENT_PUBLISHED,
                sessionId,
                "hinata",
                "PUBLISHED",
                3,
                0,
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(7));
        String eventId = message.substring(message.indexOf("\"id\":\"") + 6, message.indexOf("\"id\":\"") + 42);
        String probe = "transient_probe_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection db = db();
                var statement = db.createStatement()) {
            // nextval is not rolled back with the failed transaction: the first two attempts fail, the third passes
            statement.execute("create sequence " + probe);
            statement.execute("create function " + probe + "() returns trigger language plpgsql as $$ begin "
                    + "if new.event_id = '" + eventId + "' and nextval('" + probe + "') <= 2 then "
                    + "raise exception 'simulated serialisation failure' using errcode = '40001'; end if; "
                    + "return new; end $$");
            statement.execute("create trigger " + probe + " before insert on processed_message for each row "
                    + "execute function " + probe + "()");
        }
        try {
            KafkaTopicWriter.send(Topics.EVENT_LIFECYCLE, sessionId.toString(), message);
            // the session arrives after all: booking it works
            Api.bookOnceKnown("hana", sessionId).then().statusCode(201);
            try (Connection db = db();
                    var query = db.prepareStatement("select last_value from " + probe)) {
                var rows = query.executeQuery();
                rows.next();
                assertThat(rows.getLong(1)).as("attempts").isEqualTo(3);
            }
        } finally {
            try (Connection db = db();
                    var statement = db.createStatement()) {
                statement.execute("drop trigger " + probe + " on processed_message");
                statement.execute("drop function " + probe + "()");
                statement.execute("drop sequence " + probe);
            }
        }
    }
}
