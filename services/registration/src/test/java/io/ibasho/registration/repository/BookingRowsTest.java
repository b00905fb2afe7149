package io.ibasho.registration.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ibasho.plumbing.code.DoorCodes;
import io.ibasho.plumbing.outbox.Outbox;
import io.ibasho.plumbing.sql.SessionConnection;
import io.ibasho.registration.Registration;
import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.support.RegistrationDatabase;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.OnVertx;
import io.ibasho.testsupport.QueryPlans;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A first-come booking's rows, its event and the relay that publishes it run past Hibernate's query machinery (ADR
 * 0070): the rows written must be those the ORM would have written, the relay must still publish and stamp every
 * event, and none of it may store a query plan (each call stored one before: ADR 0058).
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class BookingRowsTest {
    private static final int BOOKINGS = 100;

    @Inject
    Vertx vertx;

    @Inject
    Outbox outbox;

    @Test
    void aHundredBookingsAreWrittenPublishedAndStoreNoQueryPlan() throws Exception {
        UUID session = roomySession();
        int plansBefore = plansOnceQuiet();

        for (int person = 0; person < BOOKINGS; person++) {
            String attendee = "booker-" + person;
            boolean written = onVertx(() -> Panache.withTransaction(() -> SeatLedger.takeOrSayWhy(session, attendee)
                    .flatMap(seat -> BookingRows.insertConfirmed(
                            confirmed(session, attendee),
                            outbox.prepare("RegistrationConfirmed", session, Map.of("attendeeId", attendee))))));
            assertThat(written).as(attendee).isTrue();
        }

        assertThat(RegistrationDatabase.count(
                        "select count(*) from registration where session_id = ? and status = 'CONFIRMED' "
                                + "and booking_code is not null and version = 0 and nickname = 'Hana'",
                        session))
                .isEqualTo(BOOKINGS);
        // the relay, woken by each commit, reads the rows and stamps them past the ORM
        awaitPublished(session);
        assertThat(RegistrationDatabase.count(
                        "select count(*) from outbox_message where message_key = ? and published_at is not null",
                        session.toString()))
                .isEqualTo(BOOKINGS);
        // one or more per booking before (101 measured); the service's own consumers may add a few meanwhile
        assertThat(QueryPlans.cached() - plansBefore).isLessThan(BOOKINGS / 4);
    }

    @Test
    void aSecondActiveBookingOfHersWritesNeitherRowNorEvent() throws Exception {
        UUID session = roomySession();
        String attendee = "twice";
        assertThat(onVertx(() -> Panache.withTransaction(() -> BookingRows.insertConfirmed(
                        confirmed(session, attendee),
                        outbox.prepare("RegistrationConfirmed", session, Map.of("attendeeId", attendee))))))
                .isTrue();

        assertThat(onVertx(() -> Panache.withTransaction(() -> BookingRows.insertConfirmed(
                        confirmed(session, attendee),
                        outbox.prepare("RegistrationConfirmed", session, Map.of("attendeeId", attendee))))))
                .isFalse();

        assertOneBookingAndItsEvent(session);
    }

    @Test
    void aSeatTakenWithItsBookingInOneStatementIsCountedWrittenAndPublished() throws Exception {
        UUID session = sessionOf(3, 1, "PUBLISHED");
        SessionCopy readWhenFree = firstLook(session, "late").session();
        for (int person = 0; person < 2; person++) {
            String attendee = "one-statement-" + person;
            assertThat(takeSeatAndInsert(
                            session, attendee, firstLook(session, attendee).session()))
                    .as(attendee)
                    .isEqualTo(BookingRows.SeatAndBooking.BOOKED);
        }

        assertThat(RegistrationDatabase.count("select confirmed_seats from session_copy where id = ?", session))
                .isEqualTo(3);
        assertThat(RegistrationDatabase.count(
                        "select count(*) from registration where session_id = ? and status = 'CONFIRMED' "
                                + "and booking_code is not null and version = 0 and nickname = 'Hana'",
                        session))
                .isEqualTo(2);
        // the full session: the read says so, and the statement (built from an older read) takes nothing
        assertThat(firstLook(session, "late").seatFree()).isFalse();
        assertThat(takeSeatAndInsert(session, "late", readWhenFree)).isEqualTo(BookingRows.SeatAndBooking.NOT_TAKEN);
        awaitPublished(session);
        assertThat(RegistrationDatabase.count(
                        "select count(*) from outbox_message where message_key = ? and published_at is not null",
                        session.toString()))
                .isEqualTo(2);
    }

    @Test
    void aSessionChangedSinceItWasReadGivesNoSeatAndWritesNothing() throws Exception {
        UUID changed = sessionOf(5, 0, "PUBLISHED");
        SessionCopy asRead = firstLook(changed, "her").session();
        // a newer copy from the event service (its sequence and updated_at move), e.g. a new start or parts
        execute(
                "update session_copy set sequence = sequence + 1, updated_at = updated_at + interval '1 second', "
                        + "starts_at = starts_at + interval '1 day' where id = ?",
                changed);
        assertThat(takeSeatAndInsert(changed, "her", asRead)).isEqualTo(BookingRows.SeatAndBooking.NOT_TAKEN);

        UUID cancelled = sessionOf(5, 0, "PUBLISHED");
        SessionCopy readOpen = firstLook(cancelled, "her").session();
        execute("update session_copy set status = 'CANCELLED' where id = ?", cancelled);
        assertThat(takeSeatAndInsert(cancelled, "her", readOpen)).isEqualTo(BookingRows.SeatAndBooking.NOT_TAKEN);

        for (UUID session : List.of(changed, cancelled)) {
            assertThat(RegistrationDatabase.count("select confirmed_seats from session_copy where id = ?", session))
                    .isZero();
            assertThat(RegistrationDatabase.count("select count(*) from registration where session_id = ?", session))
                    .isZero();
            assertThat(RegistrationDatabase.count(
                            "select count(*) from outbox_message where message_key = ?", session.toString()))
                    .isZero();
        }
    }

    @Test
    void herSecondBookingInOneStatementIsToldAndTakesNoSeatWritesNoRowNorEvent() throws Exception {
        UUID session = sessionOf(5, 0, "PUBLISHED");
        SessionCopy asRead = readThenBook(session, "twice");
        // a second request of hers that read the session before her first committed: in no transaction, the
        // statement commits as it ends, so it must abort (V30) rather than keep the seat its UPDATE took
        assertThat(takeSeatAndInsert(session, "twice", asRead))
                .isEqualTo(BookingRows.SeatAndBooking.ALREADY_REGISTERED);

        assertThat(RegistrationDatabase.count("select confirmed_seats from session_copy where id = ?", session))
                .isEqualTo(1);
        assertOneBookingAndItsEvent(session);
        assertThat(BookingRows.oneActiveRefused(new IllegalStateException("another failure")))
                .isFalse();
    }

    @Test
    void herSecondBookingInsideACallersTransactionRollsThatTransactionBack() throws Exception {
        UUID session = sessionOf(5, 0, "PUBLISHED");
        SessionCopy asRead = readThenBook(session, "twice");

        // an Idempotency-Key's transaction: what it wrote before the statement goes too, as the service refuses
        assertThatThrownBy(() -> onVertx(() -> Panache.withTransaction(() -> SessionConnection.update(
                                "update session_copy set drop_in_count = drop_in_count + 1 where id = $1", session)
                        .flatMap(ignored -> BookingRows.takeSeatAndInsertConfirmed(
                                confirmed(session, "twice"),
                                outbox.prepare("RegistrationConfirmed", session, Map.of("attendeeId", "twice")),
                                asRead))
                        .invoke(outcome -> {
                            if (outcome == BookingRows.SeatAndBooking.ALREADY_REGISTERED) {
                                throw new IllegalStateException("refused: already registered");
                            }
                        }))))
                .hasMessageContaining("refused: already registered");

        assertThat(RegistrationDatabase.count("select drop_in_count from session_copy where id = ?", session))
                .isZero();
        assertThat(RegistrationDatabase.count("select confirmed_seats from session_copy where id = ?", session))
                .isEqualTo(1);
        assertOneBookingAndItsEvent(session);
    }

    @Test
    void aFirstLookDrawsAnEventNumberOnlyWhenItSeesAFreeSeat() throws Exception {
        UUID free = sessionOf(1, 0, "PUBLISHED");
        UUID full = sessionOf(1, 1, "PUBLISHED");
        UUID draft = sessionOf(1, 0, "DRAFT");
        SeatLedger.FirstLook first = firstLook(free, "her");
        SeatLedger.FirstLook second = firstLook(free, "her");
        assertThat(first.eventSequence()).isPositive();
        assertThat(second.eventSequence()).isGreaterThan(first.eventSequence());
        assertThat(firstLook(full, "her").seatFree()).isFalse();
        assertThat(firstLook(draft, "her").seatFree()).isFalse();
        assertThat(firstLook(UUID.randomUUID(), "her").session()).isNull();
    }

    /** Her first booking, and the session as she read it before it: what a second request of hers still holds. */
    private SessionCopy readThenBook(UUID session, String attendee) {
        SessionCopy asRead = firstLook(session, attendee).session();
        assertThat(takeSeatAndInsert(session, attendee, asRead)).isEqualTo(BookingRows.SeatAndBooking.BOOKED);
        return asRead;
    }

    private static void assertOneBookingAndItsEvent(UUID session) throws SQLException {
        assertThat(RegistrationDatabase.count("select count(*) from registration where session_id = ?", session))
                .isEqualTo(1);
        assertThat(RegistrationDatabase.count(
                        "select count(*) from outbox_message where message_key = ?", session.toString()))
                .isEqualTo(1);
    }

    /** Until the relay has published every event of the session (20 s at most). */
    private static void awaitPublished(UUID session) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (RegistrationDatabase.count(
                                "select count(*) from outbox_message where message_key = ? and published_at is null",
                                session.toString())
                        > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    // as a booking without an Idempotency-Key runs them (ADR 0089): in a session without a transaction
    private SeatLedger.FirstLook firstLook(UUID session, String attendee) {
        return onVertx(() -> Panache.withSession(() -> SeatLedger.firstLook(session, attendee)));
    }

    private BookingRows.SeatAndBooking takeSeatAndInsert(UUID session, String attendee, SessionCopy asRead) {
        return onVertx(() -> Panache.withSession(() -> BookingRows.takeSeatAndInsertConfirmed(
                confirmed(session, attendee),
                outbox.prepare("RegistrationConfirmed", session, Map.of("attendeeId", attendee)),
                asRead)));
    }

    @Test
    void anIdempotencyKeysLockIsHeldForTheTransactionAndStoresNoQueryPlan() throws Exception {
        int plansBefore = plansOnceQuiet();
        for (int attempt = 0; attempt < BOOKINGS; attempt++) {
            String key = "key-" + attempt;
            // taken, and taken again by the same transaction (advisory locks are re-entrant), then freed by its end
            boolean both = onVertx(() -> Panache.withTransaction(() -> IdempotencyLocks.tryTake("her", key)
                    .flatMap(first -> IdempotencyLocks.tryTake("her", key).map(second -> first && second))));
            assertThat(both).isTrue();
        }
        assertThat(QueryPlans.cached() - plansBefore).isLessThan(BOOKINGS / 4);
    }

    @Test
    void theServicesPollsStoreNoQueryPlan() throws Exception {
        // the waitlist, childcare and course polls run every second in tests (every 30 s shipped) and are nearly always
        // empty; each run stored a plan per poll before (ADR 0071): five a second, so about 17 in this window
        int plansBefore = plansOnceQuiet();
        Thread.sleep(3500);
        assertThat(QueryPlans.cached() - plansBefore).isLessThan(3);
    }

    /**
     * The plans cached once the work earlier test classes left behind is done (the load test's outbox backlog and the
     * records it feeds back can run for seconds on a slow machine): nothing left unpublished, and no plan added for a
     * second; at most ten seconds, then the count as it is.
     */
    private static int plansOnceQuiet() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int plans = QueryPlans.cached();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            int now = QueryPlans.cached();
            if (now == plans && unpublished() == 0) {
                return now;
            }
            plans = now;
        }
        return plans;
    }

    private static long unpublished() throws SQLException {
        try (Connection connection = RegistrationDatabase.connect();
                PreparedStatement select =
                        connection.prepareStatement("select count(*) from outbox_message where published_at is null");
                ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Registration confirmed(UUID session, String attendee) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Registration registration = new Registration();
        registration.id = UUID.randomUUID();
        registration.sessionId = session;
        registration.attendeeId = attendee;
        registration.nickname = "Hana";
        registration.status = Registration.Status.CONFIRMED;
        registration.createdAt = now;
        registration.updatedAt = now;
        // the service's own codes: 16 bits of the id collided within a session's 100 bookings about once in 13 runs
        registration.bookingCode = DoorCodes.next();
        registration.version = 0L;
        return registration;
    }

    private static UUID roomySession() throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = RegistrationDatabase.connect();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into session_copy (id, organisation_id, kind, allocation, status, starts_at, ends_at, "
                                + "capacity, sequence, updated_at) values (?, 'minato', 'cafe', 'FIRST_COME', "
                                + "'PUBLISHED', now() + interval '7 days', now() + interval '8 days', null, 0, now())")) {
            insert.setObject(1, id);
            insert.executeUpdate();
        }
        return id;
    }

    private static UUID sessionOf(int capacity, int confirmedSeats, String status) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = RegistrationDatabase.connect();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into session_copy (id, organisation_id, kind, allocation, status, starts_at, ends_at, "
                                + "capacity, confirmed_seats, sequence, updated_at) values (?, 'minato', 'cafe', "
                                + "'FIRST_COME', ?, now() + interval '7 days', now() + interval '8 days', ?, ?, 3, "
                                + "now())")) {
            insert.setObject(1, id);
            insert.setString(2, status);
            insert.setInt(3, capacity);
            insert.setInt(4, confirmedSeats);
            insert.executeUpdate();
        }
        return id;
    }

    private static void execute(String sql, UUID parameter) throws SQLException {
        try (Connection connection = RegistrationDatabase.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            statement.executeUpdate();
        }
    }

    private <T> T onVertx(Supplier<Uni<T>> work) {
        return OnVertx.await(vertx, work);
    }
}
