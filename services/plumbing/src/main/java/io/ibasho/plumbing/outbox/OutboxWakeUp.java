package io.ibasho.plumbing.outbox;

import io.ibasho.plumbing.time.FrequentPolls;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Wakes the relay the moment a transaction that appended to the outbox commits: {@link Outbox#append} sends a
 * PostgreSQL NOTIFY in that transaction, which PostgreSQL delivers only on commit, to every replica listening on the
 * service's own database. A Kafka hop then waits milliseconds instead of up to a poll interval, and an idle service
 * polls rarely. The poll stays as the safety net (a notification lost while the listening connection reconnects).
 */
@ApplicationScoped
@IfBuildProperty(name = "ibasho.outbox.enabled", stringValue = "true")
public class OutboxWakeUp {
    static final String CHANNEL = "ibasho_outbox";
    private static final Logger LOG = Logger.getLogger(OutboxWakeUp.class);

    private final Vertx vertx;
    private PgSubscriber subscriber;

    public OutboxWakeUp(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Listens for commits that appended to the outbox and runs {@code relay} at once for each. */
    void listen(FrequentPolls.Poll relay) {
        Optional<PgConnectOptions> options = connectOptions();
        if (options.isEmpty()) {
            LOG.warn("outbox wake-up off (no reactive datasource URL): the relay only polls");
            return;
        }
        subscriber = PgSubscriber.subscriber(vertx, options.get())
                // keep listening across a database restart; the poll covers the gap
                .reconnectPolicy(retries -> 1_000L);
        subscriber.channel(CHANNEL).handler(payload -> relay.now());
        subscriber.connect(result -> {
            if (result.failed()) {
                LOG.warnf(
                        "outbox wake-up not listening (%s): the relay only polls",
                        result.cause().getClass().getName());
            }
        });
    }

    void stop(@jakarta.enterprise.event.Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.close();
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
