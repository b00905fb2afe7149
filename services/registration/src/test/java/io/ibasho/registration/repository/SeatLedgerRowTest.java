package io.ibasho.registration.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.localstack.PostgresServer;
import io.ibasho.registration.SessionCopy;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.OnVertx;
import io.ibasho.testsupport.QueryPlans;
import io.ibasho.testsupport.TestServers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The first-come booking's statement reads the session past the ORM (ADR 0069): what it returns must be the session as
 * the ORM loads it, field for field, and it must read every column the table has.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class SeatLedgerRowTest {
    @Inject
    Vertx vertx;

    @Test
    void theStatementReadsEveryColumnOfSessionCopy() throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection connection = database();
                PreparedStatement select = connection.prepareStatement(
                        "select column_name from information_schema.columns where table_name = 'session_copy'");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                columns.add(rows.getString(1));
            }
        }
        assertThat(SeatLedger.SESSION_COLUMNS).containsExactlyInAnyOrderElementsOf(columns);
    }

    @Test
    void aRefusalReadsTheSessionAsTheOrmLoadsIt() throws Exception {
        UUID full = UUID.randomUUID();
        execute(
                "insert into session_copy (id, organisation_id, kind, venue_id, venue_name_ja, venue_name_en, "
                        + "allocation, status, starts_at, ends_at, capacity, confirmed_seats, capacity_floor, "
                        + "drop_in_count, application_opens_at, childcare_offered, application_closes_at, "
                        + "lottery_settings, parts, sequence, updated_at) values (?, 'hinata', 'workshop', 'v-1', "
                        + "'ひなたの家', 'Hinata House', 'FIRST_COME', 'PUBLISHED', "
                        + "'2026-12-24 10:00:00.123456+09', '2026-12-24 12:00:00+09', 2, 2, 1, 3, "
                        + "'2026-12-01 09:00:00+00', true, '2026-12-20 18:00:00+09', '{\"tiers\":[]}', "
                        + "'[{\"partId\":\"p1\",\"label\":\"1部\"}]', 7, '2026-12-05 14:00:00.5+00')",
                full);
        execute(
                "insert into registration (id, session_id, attendee_id, nickname, status, created_at, updated_at) "
                        + "values (gen_random_uuid(), ?, 'her', 'Hana', 'CONFIRMED', now(), now())",
                full);

        SeatLedger.FirstLook look = onVertx(() -> Panache.withTransaction(() -> SeatLedger.firstLook(full, "her")));
        assertThat(look.seatFree()).isFalse();
        assertThat(look.herActive()).isEqualTo(1);
        assertSameFields(look.session(), ormLoad(full));

        SeatLedger.SeatOrWhy seat = onVertx(() -> Panache.withTransaction(() -> SeatLedger.takeOrSayWhy(full, "her")));

        assertThat(seat.taken()).isFalse();
        assertThat(seat.herActive()).isEqualTo(1);
        assertSameFields(seat.session(), ormLoad(full));
        assertThat(onVertx(() -> Panache.withTransaction(() -> SeatLedger.takeOrSayWhy(full, "someone else")))
                        .herActive())
                .isZero();
    }

    @Test
    void aTakenSeatReadsTheSessionAsTheOrmLoadsIt() throws Exception {
        UUID open = UUID.randomUUID();
        execute(
                "insert into session_copy (id, organisation_id, kind, allocation, status, starts_at, ends_at, "
                        + "capacity, sequence, updated_at) values (?, 'minato', 'cafe', 'FIRST_COME', 'PUBLISHED', "
                        + "'2026-12-24 10:00:00+00', '2026-12-24 12:00:00+00', null, 0, now())",
                open);

        SeatLedger.SeatOrWhy seat = onVertx(() -> Panache.withTransaction(() -> SeatLedger.takeOrSayWhy(open, "her")));

        assertThat(seat.taken()).isTrue();
        assertThat(seat.eventSequence()).isPositive();
        assertThat(seat.session().confirmedSeats).isEqualTo(1);
        assertSameFields(seat.session(), ormLoad(open));
    }

    /**
     * As a native query each refusal stored one more plan of the same SQL in Hibernate's plan cache (never found
     * again: ADR 0058), and the next lookup walked them all; past the ORM it stores none.
     */
    @Test
    void refusalsAddNoQueryPlans() throws Exception {
        UUID full = UUID.randomUUID();
        execute(
                "insert into session_copy (id, organisation_id, kind, allocation, status, starts_at, ends_at, "
                        + "capacity, confirmed_seats, sequence, updated_at) values (?, 'hinata', 'workshop', "
                        + "'FIRST_COME', 'PUBLISHED', now() + interval '7 days', now() + interval '8 days', 1, 1, 0, "
                        + "now())",
                full);
        int before = QueryPlans.cached();
        for (int attempt = 0; attempt < 100; attempt++) {
            assertThat(onVertx(() -> Panache.withTransaction(() -> SeatLedger.takeOrSayWhy(full, "her")))
                            .taken())
                    .isFalse();
        }
        // its polls store none (ADR 0071), its consumers may add a few; a hundred refusals added a hundred before
        assertThat(QueryPlans.cached() - before).isLessThan(20);
    }

    @Test
    void noSuchSessionIsNoRow() {
        SeatLedger.SeatOrWhy seat =
                onVertx(() -> Panache.withTransaction(() -> SeatLedger.takeOrSayWhy(UUID.randomUUID(), "her")));
        assertThat(seat.session()).isNull();
        assertThat(seat.taken()).isFalse();
    }

    private SessionCopy ormLoad(UUID id) {
        return onVertx(() -> Panache.withSession(() -> SessionCopy.<SessionCopy>findById(id)));
    }

    private static void assertSameFields(SessionCopy read, SessionCopy loaded) throws IllegalAccessException {
        assertThat(loaded).isNotNull();
        int compared = 0;
        // declared fields: the build's entity enhancement leaves them public in the source only
        for (Field field : SessionCopy.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || field.getName().startsWith("$$_hibernate")) {
                continue;
            }
            field.setAccessible(true);
            assertThat(field.get(read)).as(field.getName()).isEqualTo(field.get(loaded));
            compared++;
        }
        assertThat(compared).isEqualTo(SeatLedger.SESSION_COLUMNS.size());
    }

    private <T> T onVertx(Supplier<Uni<T>> work) {
        return OnVertx.await(vertx, work);
    }

    private static void execute(String sql, UUID id) throws SQLException {
        try (Connection connection = database();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            statement.executeUpdate();
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(
                TestServers.get().postgres().jdbcUrl("registration"), PostgresServer.USER, "");
    }
}
