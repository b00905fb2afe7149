package io.ibasho.plumbing.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrequentPollsTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void pollsMoreOftenThanOnceASecondOnASafeDuplicatedContext() throws InterruptedException {
        FrequentPolls polls = new FrequentPolls(vertx);
        CountDownLatch fiveRuns = new CountDownLatch(5);
        AtomicBoolean everyRunSafe = new AtomicBoolean(true);
        polls.every("test", Duration.ofMillis(20), Duration.ofMillis(1), () -> {
            var context = vertx.getOrCreateContext();
            everyRunSafe.compareAndSet(
                    true,
                    VertxContext.isOnDuplicatedContext() && VertxContextSafetyToggle.isExplicitlyMarkedAsSafe(context));
            fiveRuns.countDown();
            return Uni.createFrom().voidItem();
        });
        // Quarkus' scheduler would need five seconds for five runs: it checks its triggers once a second
        assertThat(fiveRuns.await(3, TimeUnit.SECONDS)).isTrue();
        assertThat(everyRunSafe).isTrue();
    }

    @Test
    void aRunStillGoingIsNotStartedAgainAndAFailedRunDoesNotStopThePoll() throws InterruptedException {
        FrequentPolls polls = new FrequentPolls(vertx);
        AtomicInteger slowRuns = new AtomicInteger();
        polls.every("never ends", Duration.ofMillis(10), Duration.ofMillis(1), () -> {
            slowRuns.incrementAndGet();
            return Uni.createFrom().nothing();
        });
        CountDownLatch runsAfterFailures = new CountDownLatch(3);
        polls.every("fails", Duration.ofMillis(10), Duration.ofMillis(1), () -> {
            runsAfterFailures.countDown();
            return Uni.createFrom().failure(new IllegalStateException("a database hiccup"));
        });
        assertThat(runsAfterFailures.await(3, TimeUnit.SECONDS)).isTrue();
        assertThat(slowRuns).hasValue(1);
    }

    @Test
    void aWakeUpRunsAtOnceAndOneDuringARunStartsOneMoreRightAfterIt() throws InterruptedException {
        FrequentPolls polls = new FrequentPolls(vertx);
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch letFirstEnd = new CountDownLatch(1);
        CountDownLatch secondRun = new CountDownLatch(1);
        // an hour between ticks: every run here is a wake-up
        FrequentPolls.Poll poll = polls.every("woken", Duration.ofHours(1), Duration.ofHours(1), () -> {
            if (runs.incrementAndGet() == 1) {
                firstStarted.countDown();
                return Uni.createFrom()
                        .voidItem()
                        .invoke(() -> {
                            try {
                                letFirstEnd.await(5, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        })
                        .runSubscriptionOn(java.util.concurrent.ForkJoinPool.commonPool());
            }
            secondRun.countDown();
            return Uni.createFrom().voidItem();
        });
        poll.now();
        assertThat(firstStarted.await(3, TimeUnit.SECONDS)).isTrue();
        // two wake-ups while the first run is going (it may have looked before what woke us): one more run, not two
        poll.now();
        poll.now();
        letFirstEnd.countDown();
        assertThat(secondRun.await(3, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200); // a third run would come at once; none may
        assertThat(runs).hasValue(2);
    }

    @Test
    void heldTicksRunNothingWhileAWakeUpStillRuns() throws InterruptedException {
        FrequentPolls polls = new FrequentPolls(vertx);
        AtomicInteger runs = new AtomicInteger();
        FrequentPolls.Poll poll = polls.every("held", Duration.ofMillis(10), Duration.ofMillis(1), () -> {
            runs.incrementAndGet();
            return Uni.createFrom().voidItem();
        });
        while (runs.get() < 2) {
            Thread.sleep(5);
        }
        polls.holdTicks(Duration.ofSeconds(5));
        int held = runs.get();
        Thread.sleep(200); // twenty ticks
        assertThat(runs).as("no tick ran while held").hasValue(held);

        poll.now();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (runs.get() == held && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(runs).as("a wake-up runs while ticks are held").hasValue(held + 1);

        polls.resumeTicks();
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (runs.get() < held + 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(runs.get()).as("ticks run again").isGreaterThanOrEqualTo(held + 3);
    }
}
