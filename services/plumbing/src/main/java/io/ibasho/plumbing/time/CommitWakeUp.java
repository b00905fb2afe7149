package io.ibasho.plumbing.time;

import io.ibasho.plumbing.sql.SessionConnection;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Wakes a poll the moment a transaction that gave it work commits: the transaction sends a PostgreSQL NOTIFY on the
 * poll's channel ({@link #signal}), which PostgreSQL delivers only on commit, to every replica listening on the
 * service's own database. The outbox relay and the message senders then run at once instead of at their next tick,
 * and an idle service polls rarely. The poll stays as the safety net (a notification lost while the listening
 * connection reconnects) and for work that becomes due with time (a retry). One listening connection per application.
 *
 * <p>A NOTIFY has a price at commit: PostgreSQL serialises every committing transaction that notified, in the whole
 * cluster, behind one lock held until its commit is on disk (so such commits are never flushed together). On the paths
 * that commit once per booking, the wake-ups are {@link #collecting collected} instead and wake this application's own
 * polls when the work has ended, with no NOTIFY (ADR 0090): the replica that wrote the rows relays or sends them, and
 * another replica's poll is the safety net, as for a lost notification.
 */
@ApplicationScoped
public class CommitWakeUp {
    private static final Logger LOG = Logger.getLogger(CommitWakeUp.class);

    /** The context-local set of the channels that the work of {@link #collecting} signalled. */
    private static final String COLLECTED = CommitWakeUp.class.getName() + ".collected";

    /** This application's instance, for the wake-ups that {@link #collecting} fires (one application per JVM). */
    private static volatile CommitWakeUp running;

    private final Vertx vertx;
    private final Map<String, List<Runnable>> polls = new ConcurrentHashMap<>();
    /** Told each time the connection listens (again): notifications sent while it was away are lost. */
    private final List<Runnable> listening = new CopyOnWriteArrayList<>();

    private PgSubscriber subscriber;
    private boolean off;

    public CommitWakeUp(Vertx vertx) {
        this.vertx = vertx;
        running = this;
    }

    /**
     * In the current transaction: wakes whoever listens on {@code channel} once it commits (nothing if it rolls back).
     * The channel is a constant of the caller, never data. Inside {@link #collecting}: no statement, the channel is
     * woken in this application when that work has ended.
     */
    public static Uni<Void> signal(String channel) {
        if (collected(channel)) {
            return Uni.createFrom().voidItem();
        }
        // past the ORM (docs/adr/0070): as a native select it stored a new query plan at every call (ADR 0058)
        return SessionConnection.select("select cast(pg_notify($1, '') as text)", channel)
                .replaceWithVoid();
    }

    /**
     * For a statement that sends its own NOTIFY on {@code channel} as one of its parts: {@link InStatement#parameter}
     * is the channel to name in it, or null while the wake-up is {@link #collecting collected}; the statement must
     * then notify nothing ({@code pg_notify} refuses a null channel), and {@link InStatement#ifGaveWork} collects it.
     */
    public static InStatement inStatement(String channel) {
        return new InStatement(channel, collector().orElse(null));
    }

    /** A wake-up sent by a statement itself, or collected. */
    public static final class InStatement {
        private final String channel;
        private final Set<String> collector;

        private InStatement(String channel, Set<String> collector) {
            this.channel = channel;
            this.collector = collector;
        }

        /** The statement's NOTIFY channel, or null when the wake-up is collected. */
        public String parameter() {
            return collector == null ? channel : null;
        }

        /** Once the statement ran: collects the wake-up if it is collected and the statement gave the polls work. */
        public void ifGaveWork(boolean gaveWork) {
            if (collector != null && gaveWork) {
                collector.add(channel);
            }
        }
    }

    /**
     * Runs {@code work} (which opens and ends its transactions, or commits statement by statement) and collects the
     * wake-ups it signals instead of sending a NOTIFY for each; when the work has ended, each channel it signalled
     * wakes this application's polls once. They wake also after a failure: a transaction of the work that committed
     * before it failed may have given them work, and a poll that finds nothing costs one statement. Inside another
     * {@code collecting}, or off a Vert.x duplicated context, the work runs as it is (the outer one collects; or
     * NOTIFY as before). Only for work that ends after its commits: a wake-up before a commit finds nothing to do.
     */
    public static <T> Uni<T> collecting(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            if (!VertxContext.isOnDuplicatedContext()
                    || ContextLocals.get(COLLECTED).isPresent()) {
                return work.get();
            }
            Set<String> channels = ConcurrentHashMap.newKeySet();
            ContextLocals.put(COLLECTED, channels);
            var context = Vertx.currentContext();
            return work.get().onTermination().invoke(() -> {
                context.removeLocal(COLLECTED);
                CommitWakeUp wakeUp = running;
                if (wakeUp != null) {
                    channels.forEach(wakeUp::wakeHere);
                }
            });
        });
    }

    private static boolean collected(String channel) {
        Optional<Set<String>> channels = collector();
        channels.ifPresent(set -> set.add(channel));
        return channels.isPresent();
    }

    private static Optional<Set<String>> collector() {
        return VertxContext.isOnDuplicatedContext() ? ContextLocals.get(COLLECTED) : Optional.empty();
    }

    /** The polls of this application that listen on {@code channel}, run now (each at most once at a time). */
    private void wakeHere(String channel) {
        List<Runnable> woken = polls.get(channel);
        if (woken != null) {
            woken.forEach(Runnable::run);
        }
    }

    /** Runs {@code poll} at once for every commit that signalled {@code channel}; a channel may wake several polls. */
    public void listen(String channel, FrequentPolls.Poll poll) {
        onCommit(channel, poll::now);
    }

    /**
     * Runs {@code action} (on an event loop: it must not block) for every commit that signalled {@code channel}, also
     * when a database trigger sent the NOTIFY. {@code listeningAgain} runs each time the connection starts listening,
     * the first time included: a caller that keeps a copy of data drops it then, as notifications sent while the
     * connection was away are lost. Without a reactive datasource nothing is ever told: callers bound their copies' age.
     */
    public synchronized void onCommit(String channel, Runnable action, Runnable listeningAgain) {
        listening.add(listeningAgain);
        onCommit(channel, action);
    }

    private synchronized void onCommit(String channel, Runnable poll) {
        List<Runnable> woken = polls.get(channel);
        if (woken != null) {
            woken.add(poll);
            return;
        }
        woken = new CopyOnWriteArrayList<>(List.of(poll));
        polls.put(channel, woken); // woken by collected signals (ADR 0090) even when nothing listens
        if (off) {
            return;
        }
        if (subscriber == null) {
            Optional<PgConnectOptions> options = connectOptions();
            if (options.isEmpty()) {
                off = true;
                LOG.warn("commit wake-ups off (no reactive datasource URL): the polls only poll");
                return;
            }
            subscriber = PgSubscriber.subscriber(vertx, options.get())
                    // keep listening across a database restart; the poll covers the gap
                    .reconnectPolicy(retries -> 1_000L);
            wakeOn(channel, woken);
            subscriber.connect(result -> {
                if (result.failed()) {
                    LOG.warnf(
                            "commit wake-ups not listening (%s): the polls only poll",
                            result.cause().getClass().getName());
                }
            });
        } else {
            wakeOn(channel, woken); // on a connected subscriber this sends LISTEN at once
        }
    }

    private void wakeOn(String channel, List<Runnable> woken) {
        subscriber
                .channel(channel)
                .subscribeHandler(v -> listening.forEach(Runnable::run))
                .handler(payload -> woken.forEach(Runnable::run));
    }

    void stop(@Observes ShutdownEvent event) {
        if (running == this) {
            running = null;
        }
        synchronized (this) {
            if (subscriber != null) {
                subscriber.close();
            }
        }
    }

    private static Optional<PgConnectOptions> connectOptions() {
        var config = ConfigProvider.getConfig();
        return config.getOptionalValue("quarkus.datasource.reactive.url", String.class)
                .map(url -> url.startsWith("vertx-reactive:") ? url.substring("vertx-reactive:".length()) : url)
                .map(url -> {
                    PgConnectOptions options = PgConnectOptions.fromUri(url);
                    config.getOptionalValue("quarkus.datasource.username", String.class)
                            .ifPresent(options::setUser);
                    config.getOptionalValue("quarkus.datasource.password", String.class)
                            .ifPresent(options::setPassword);
                    return options;
                });
    }
}
