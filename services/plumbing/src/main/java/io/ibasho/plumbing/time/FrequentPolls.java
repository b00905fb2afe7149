package io.ibasho.plumbing.time;

import io.ibasho.plumbing.sql.ApartFromRequests;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Polls that must run more often than once a second: the outbox relays and the message deliveries. Quarkus' scheduler
 * checks its triggers once a second, so an {@code every} below 1 s runs about once a second anyway, and each Kafka hop
 * of a booking waited up to a second for its relay. A Vert.x timer has millisecond resolution. Like
 * {@code @Scheduled(concurrentExecution = SKIP)}, a tick is skipped while the previous run is still going; each run gets
 * its own safe duplicated context, which Hibernate Reactive requires.
 */
@Singleton
public class FrequentPolls {
    private static final Logger LOG = Logger.getLogger(FrequentPolls.class);

    private final Vertx vertx;
    private final List<Long> timers = new CopyOnWriteArrayList<>();
    private final List<Poll> polls = new CopyOnWriteArrayList<>();
    private final AtomicBoolean ticksHeld = new AtomicBoolean();

    public FrequentPolls(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Runs {@code poll} every {@code interval}, the first time after {@code firstAfter}; call it from a
     * {@code StartupEvent} observer, so that nothing polls before the application (and its Kafka emitters) started.
     * The answer runs it at once on demand ({@link Poll#now()}), for a wake-up that comes before the next tick.
     */
    public Poll every(String name, Duration interval, Duration firstAfter, Supplier<Uni<Void>> poll) {
        Poll handle = new Poll(name, poll);
        polls.add(handle);
        long timer = vertx.setPeriodic(
                Math.max(1, firstAfter.toMillis()), Math.max(1, interval.toMillis()), id -> handle.tick());
        timers.add(timer);
        return handle;
    }

    /**
     * For a test that must see what only a wake-up ({@link Poll#now()}) does, in the application every other test of its
     * module shares (a configuration profile of its own would cost a second start of the application): from now on the
     * timers' ticks run nothing, and this returns once no run that a tick may have started is still going. Wake-ups
     * still run. {@link #resumeTicks()} undoes it. Nothing in the applications calls it.
     */
    public void holdTicks(Duration atMost) throws InterruptedException {
        ticksHeld.set(true);
        long deadline = System.nanoTime() + atMost.toNanos();
        while (polls.stream().anyMatch(p -> p.running.get())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("a poll was still running after " + atMost);
            }
            Thread.sleep(10); // only ever on a test's thread
        }
    }

    /** The timers' ticks run their polls again (after {@link #holdTicks}). */
    public void resumeTicks() {
        ticksHeld.set(false);
    }

    /** One registered poll; never two of its runs at once. */
    public final class Poll {
        private final String name;
        private final Supplier<Uni<Void>> poll;
        private final AtomicBoolean running = new AtomicBoolean();
        // asked for while a run was going: that run may have looked before what woke us was there, so one more follows
        private final AtomicBoolean again = new AtomicBoolean();

        private Poll(String name, Supplier<Uni<Void>> poll) {
            this.name = name;
            this.poll = poll;
        }

        /** Runs the poll now, or right after the run that is going. */
        public void now() {
            again.set(true); // before the check: a run that ends meanwhile sees it (finished)
            if (running.compareAndSet(false, true)) {
                run();
            }
        }

        // a timer tick while a run is going is skipped, like @Scheduled(concurrentExecution = SKIP)
        private void tick() {
            if (!ticksHeld.get() && running.compareAndSet(false, true)) {
                run();
            }
        }

        private void run() {
            again.set(false);
            ApartFromRequests.start(vertx, poll).whenComplete((done, failure) -> {
                if (failure != null) {
                    // the class only: a message may carry a row's values
                    LOG.warnf("%s failed: %s", name, failure.getClass().getName());
                }
                finished();
            });
        }

        private void finished() {
            running.set(false);
            if (again.get() && running.compareAndSet(false, true)) {
                run();
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        timers.forEach(vertx::cancelTimer);
    }
}
