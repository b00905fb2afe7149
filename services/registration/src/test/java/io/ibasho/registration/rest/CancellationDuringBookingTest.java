package io.ibasho.registration.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ibasho.plumbing.code.DoorCodes;
import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.RegistrationDatabase;
import io.ibasho.registration.support.Sessions;
import io.ibasho.registration.support.TestAttendees;
import io.ibasho.testsupport.IbashoServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A session cancelled while a booking of it is in flight: the booking holds the session's row from its seat to its
 * commit (ADR 0047, 0088), and the cancellation read the registrations before it waited for that row. The booking
 * that commits in between must be cancelled with the others and told so; it stayed confirmed in a cancelled session
 * before (she would have gone to a session that does not take place).
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class CancellationDuringBookingTest {
    @Test
    void aBookingThatCommitsWhileTheSessionIsCancelledIsCancelledToo() throws Exception {
        String first = TestAttendees.create("cancel-flight", 1).get(0);
        UUID sessionId = Sessions.published(5);
        Api.bookOnceKnown(first, sessionId).then().statusCode(201);

        UUID inFlight = UUID.randomUUID();
        try (Connection booking = RegistrationDatabase.connect()) {
            // the booking's own statements, as BookingRows writes them, not yet committed: it holds the session's row
            booking.setAutoCommit(false);
            execute(
                    booking,
                    "update session_copy set confirmed_seats = confirmed_seats + 1 where id = ? "
                            + "and (capacity is null or confirmed_seats < capacity)",
                    sessionId);
            execute(
                    booking,
                    "insert into registration (id, session_id, attendee_id, nickname, status, created_at, updated_at, "
                            + "booking_code, version) values (?, ?, 'in-flight', 'Hana', 'CONFIRMED', now(), now(), ?, 0)",
                    inFlight,
                    sessionId,
                    DoorCodes.next());

            Sessions.cancelled(sessionId, 1);
            // the cancellation has read the registrations and now waits for the row the booking holds
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> RegistrationDatabase.count(
                                    "select count(*) from pg_stat_activity where datname = 'registration' "
                                            + "and wait_event_type = 'Lock'")
                            > 0);
            booking.commit();
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> RegistrationDatabase.count(
                                "select count(*) from session_copy where id = ? and status = 'CANCELLED'", sessionId)
                        == 1);
        assertThat(RegistrationDatabase.count(
                        "select count(*) from registration where session_id = ? and status = 'CONFIRMED'", sessionId))
                .isZero();
        assertThat(RegistrationDatabase.count(
                        "select count(*) from registration where session_id = ? and status = 'CANCELLED'", sessionId))
                .isEqualTo(2);
        assertThat(RegistrationDatabase.count("select confirmed_seats from session_copy where id = ?", sessionId))
                .isZero();
        // she is told: her RegistrationCancelled is in the outbox with the first woman's
        assertThat(RegistrationDatabase.count(
                        "select count(*) from outbox_message where message_key = ? and type like '%RegistrationCancelled%'",
                        sessionId.toString()))
                .isEqualTo(2);
        assertThat(RegistrationDatabase.count(
                        "select count(*) from outbox_message where type like '%RegistrationCancelled%' and payload like ?",
                        "%" + inFlight + "%"))
                .isEqualTo(1);
    }

    private static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
