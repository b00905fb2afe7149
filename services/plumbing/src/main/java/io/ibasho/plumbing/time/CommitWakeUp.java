package io.ibasho.plumbing.time;

import io.ibasho.plumbing.sql.SessionConnection;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Wakes a poll the moment a transaction that gave it work commits: the transaction sends a PostgreSQL NOTIFY on the
 * poll's channel ({@link #signal}), which PostgreSQL delivers only on commit, to every replica listening on the
 * service's own database. The outbox relay and the message senders then run at once instead of at their next tick,
 * and an idle service polls rarely. The poll stays as the safety net (a notification lost while the listening
 * connection reconnects) and for work that becomes due with time (a retry). One listening connection per application.
 */
@ApplicationScoped
public class CommitWakeUp {
    private static final Logger LOG = Logger.getLogger(CommitWakeUp.class);

    private final Vertx vertx;
    private final Map<String, List<Runnable>> polls = new HashMap<>();
    /** Told each time the connection listens (again): notifications sent while it was away are lost. */
    private final List<Runnable> listening = new CopyOnWriteArrayList<>();

    private PgSubscriber subscriber;
    private boolean off;

    public CommitWakeUp(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * In the current transaction: wakes whoever listens on {@code channel} once it commits (nothing if it rolls back).
     * The channel is a constant of the caller, never data.
     */
    public static Uni<Void> signal(String channel) {
        // past the ORM (docs/adr/0070): as a native select it stored a new query plan at every call (ADR 0058)
        return SessionConnection.select("select cast(pg_notify($1, '') as text)", channel)
                .replaceWithVoid();
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
        if (off) {
            return;
        }
        List<Runnable> woken = polls.get(channel);
        if (woken != null) {
            woken.add(poll);
            return;
        }
        woken = new CopyOnWriteArrayList<>(List.of(poll));
        polls.put(channel, woken);
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
