package io.ibasho.childcarebooking.service;

import static io.ibasho.childcarebooking.Fixtures.published;
import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.childcarebooking.ChildcareDecision;
import io.ibasho.childcarebooking.Fixtures.Session;
import io.ibasho.testsupport.IbashoServers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Kafka consumer decides one message at a time, so the saga test alone could pass without any locking. Here 20
 * transactions really run at the same time against PostgreSQL, as they would with several replicas. (Checked: with
 * the session row lock removed, 12 of the 20 were reserved.)
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "childcare_booking"))
class ConcurrentReservationTest {

    @Inject
    ChildcareReservationService reservations;

    @Test
    void concurrentTransactionsNeverReserveMoreThanTheCarersAllow() throws Exception {
        Session session = published(Session.of("hinata", 2));
        int racers = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<ChildcareDecision>> decisions = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                ChildcareRequest request = new ChildcareRequest(
                        UUID.randomUUID(), UUID.randomUUID(), session.id(), "attendee-" + i, List.of(0), Instant.now());
                Callable<ChildcareDecision> decide = () -> {
                    start.await();
                    return awaitOnVertx(() -> reservations.decide(request));
                };
                decisions.add(pool.submit(decide));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<ChildcareDecision> decision : decisions) {
                outcomes.add(decision.get(120, TimeUnit.SECONDS).outcome);
            }

            assertThat(outcomes).filteredOn(ChildcareDecision.RESERVED::equals).hasSize(6);
            assertThat(outcomes).filteredOn("RATIO_EXCEEDED"::equals).hasSize(14);
            List<?> reserved = awaitOnVertx(
                    () -> Panache.withSession(() -> ChildcareReservationService.reservedChildren(session.id())));
            assertThat(reserved).hasSize(6);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Each call on its own Vert.x context: its own Hibernate Reactive session, connection and transaction. */
    static <T> T awaitOnVertx(java.util.function.Supplier<Uni<T>> work) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
